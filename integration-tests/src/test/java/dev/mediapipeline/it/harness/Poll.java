package dev.mediapipeline.it.harness;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waiting by polling, never by a fixed sleep: check, and check again shortly, until a deadline. */
public final class Poll {

    private Poll() {
    }

    /**
     * Polls until {@code check} yields a value, then returns it.
     *
     * @param what     what is awaited, for the failure message
     * @param state    describes the last observed state, for the failure message
     * @throws AssertionError when the deadline passes
     */
    public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> check, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 20;
        while (true) {
            Optional<T> value = check.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; last seen: " + state.get());
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            pause = Math.min(250, pause * 2);
        }
    }

    public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        until(what, timeout, () -> condition.get() ? Optional.of(Boolean.TRUE) : Optional.empty(), () -> "not yet");
    }
}
