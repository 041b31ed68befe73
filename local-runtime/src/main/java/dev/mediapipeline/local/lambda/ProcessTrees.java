package dev.mediapipeline.local.lambda;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Kills a process and everything it started (a function may run ffmpeg or other tools). */
public final class ProcessTrees {

    private ProcessTrees() {
    }

    public static void kill(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** Kills the tree and waits until the process is gone, at most {@code timeout}. */
    public static boolean killAndWait(ProcessHandle process, Duration timeout) {
        List<ProcessHandle> descendants = process.descendants().toList();
        kill(process);
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (ProcessHandle d : descendants) {
                d.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (Exception e) {
            return !process.isAlive();
        }
    }
}
