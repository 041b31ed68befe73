package dev.mediapipeline.local.lambda;

/** A function runtime's counters, guarded by its lock. */
final class RuntimeCounters {

    long invocations;
    long succeeded;
    long failed;
    long timedOut;
    long crashed;
    private long started;
    private int running;
    private int maxRunning;
    private int maxSandboxes;

    void running(int delta) {
        running += delta;
        maxRunning = Math.max(maxRunning, running);
    }

    void started(int liveSandboxes) {
        started++;
        maxSandboxes = Math.max(maxSandboxes, liveSandboxes);
    }

    FunctionRuntime.Stats snapshot() {
        return new FunctionRuntime.Stats(invocations, succeeded, failed, timedOut, crashed, started, maxRunning,
                maxSandboxes);
    }
}
