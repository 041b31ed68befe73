package dev.mediapipeline.local.lambda;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One invocation: queued, then handed to a sandbox, then finished. Mutable state guarded by the runtime's lock. */
final class Invocation {

    final String requestId;
    final byte[] payload;
    final int attempt;
    final String traceId;
    final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    final long queuedNanos = System.nanoTime();
    long startedNanos;
    long deadlineEpochMillis;
    Sandbox sandbox;
    ScheduledFuture<?> timeout;
    boolean finished;

    Invocation(String requestId, byte[] payload, int attempt, String traceId) {
        this.requestId = requestId;
        this.payload = payload;
        this.attempt = attempt;
        this.traceId = traceId;
    }

    boolean started() {
        return startedNanos != 0;
    }
}
