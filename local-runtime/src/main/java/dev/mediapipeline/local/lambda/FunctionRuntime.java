package dev.mediapipeline.local.lambda;

import dev.mediapipeline.local.template.FunctionDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one function the way Lambda does: each execution environment is its own JVM process running the official
 * runtime interface client against a Runtime API served here; environments start on demand, stay warm and are
 * reused, up to {@code concurrency} at once (further invocations queue); {@code Timeout} is enforced by killing
 * the process; a process that crashes, exits or is killed fails only the invocation it was running and is
 * replaced on demand. The heap is capped at 85% of {@code MemorySize}, as Lambda's Java runtime does.
 */
public final class FunctionRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionRuntime.class);
    /** Errors after which the runtime interface client leaves its loop: the process is done. */
    private static final List<String> FATAL_ERRORS = List.of("java.lang.OutOfMemoryError",
            "java.lang.StackOverflowError", "java.lang.InternalError", "java.lang.UnknownError", "java.io.IOError");

    /** Counters for tests, banners and load reports. */
    public record Stats(long invocations, long succeeded, long failed, long timedOut, long crashed,
                        long sandboxesStarted, int maxConcurrentInvocations, int maxSandboxes) {
    }

    enum Answer { ACCEPTED, UNKNOWN, TOO_LARGE }

    private final FunctionDefinition definition;
    private final LambdaSettings settings;
    private final FunctionLogSink logSink;
    private final InvocationListener listener;
    private final Object lock = new Object();
    private final List<Sandbox> sandboxes = new ArrayList<>();
    private final LinkedBlockingDeque<Invocation> pending = new LinkedBlockingDeque<>();
    private final ExecutorService httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler;
    private int sandboxCounter;
    private boolean closing;
    private final RuntimeCounters counters = new RuntimeCounters();

    public FunctionRuntime(FunctionDefinition definition, LambdaSettings settings, FunctionLogSink logSink,
                           InvocationListener listener) {
        this.definition = definition;
        this.settings = settings;
        this.logSink = logSink;
        this.listener = listener;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, definition.name() + "-timeouts");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, Math.min(30_000, settings.idleTimeout().toMillis() / 2));
        scheduler.scheduleWithFixedDelay(this::stopIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** Stops environments unused for longer than the idle timeout (the next event starts a fresh one). */
    private void stopIdle() {
        synchronized (lock) {
            long now = System.nanoTime();
            for (Sandbox sandbox : sandboxes) {
                if (sandbox.state == Sandbox.State.IDLE && pending.isEmpty()
                        && now - sandbox.idleSinceNanos > settings.idleTimeout().toNanos()) {
                    LOG.debug("{} {} idle for {} s: stopping it", definition.name(), sandbox,
                            settings.idleTimeout().toSeconds());
                    sandbox.kill();
                }
            }
        }
    }

    public FunctionDefinition definition() {
        return definition;
    }

    /** Invokes once with a new request id. */
    public CompletableFuture<InvocationResult> invoke(byte[] payload) {
        return invoke(payload, UUID.randomUUID().toString(), 1);
    }

    /**
     * Queues an invocation; it runs as soon as an environment of this function is free, or a new one has started.
     * The future completes with the outcome (never exceptionally, except when the runtime is closing).
     */
    public CompletableFuture<InvocationResult> invoke(byte[] payload, String requestId, int attempt) {
        Invocation invocation = new Invocation(requestId, payload, attempt, FunctionErrors.traceId());
        synchronized (lock) {
            if (closing) {
                return CompletableFuture.completedFuture(new InvocationResult.Failure(requestId,
                        FunctionErrors.platformError(FunctionError.Kind.SHUTDOWN, "Runtime.Stopping",
                                "the local runtime is stopping"), Duration.ZERO));
            }
            counters.invocations++;
            pending.add(invocation);
            scale();
        }
        return invocation.result;
    }

    public Stats stats() {
        synchronized (lock) {
            return counters.snapshot();
        }
    }

    /** Process ids of the live environments. */
    public List<Long> pids() {
        synchronized (lock) {
            return sandboxes.stream().map(Sandbox::pid).filter(p -> p > 0).toList();
        }
    }

    // ------------------------------------------------------------------ scheduling

    /** Starts environments while invocations wait and none is free, up to the concurrency. Holds the lock. */
    private void scale() {
        if (closing) {
            return;
        }
        long available = sandboxes.stream().filter(Sandbox::available).count();
        while (pending.size() > available && sandboxes.size() < settings.concurrency()) {
            if (!spawn()) {
                return;
            }
            available++;
        }
    }

    /** Called by the Runtime API when a sandbox asks for work; blocks until there is some or it is closing. */
    Invocation awaitInvocation(Sandbox sandbox) throws InterruptedException {
        synchronized (lock) {
            if (sandbox.state == Sandbox.State.DEAD || sandbox.state == Sandbox.State.RETIRING || closing) {
                return null;
            }
            if (sandbox.current != null) {
                // asked for more work without answering: the answer is lost, as on Lambda the invocation fails
                Invocation lost = sandbox.current;
                sandbox.current = null;
                finish(lost, failure(lost, FunctionErrors.platformError(FunctionError.Kind.HANDLER, "Runtime.InvalidResponse",
                        "the runtime asked for the next invocation without answering this one")));
            }
            sandbox.state = Sandbox.State.IDLE;
            sandbox.idleSinceNanos = System.nanoTime();
            if (!sandbox.everReady) {
                sandbox.everReady = true;
                LOG.debug("{} {} ready after {} ms", definition.name(), sandbox,
                        Duration.ofNanos(System.nanoTime() - sandbox.startedNanos).toMillis());
            }
        }
        while (true) {
            Invocation invocation = pending.poll(200, TimeUnit.MILLISECONDS);
            synchronized (lock) {
                if (sandbox.state != Sandbox.State.IDLE || closing) {
                    if (invocation != null) {
                        // taken while this sandbox was being retired: back to the queue, and someone must run it
                        pending.addFirst(invocation);
                        scale();
                    }
                    return null;
                }
                if (invocation == null || invocation.finished) {
                    continue;
                }
                sandbox.state = Sandbox.State.BUSY;
                sandbox.current = invocation;
                invocation.sandbox = sandbox;
                invocation.startedNanos = System.nanoTime();
                invocation.deadlineEpochMillis = System.currentTimeMillis() + definition.timeoutSeconds() * 1000L;
                invocation.timeout = scheduler.schedule(() -> timedOut(invocation),
                        definition.timeoutSeconds() * 1000L, TimeUnit.MILLISECONDS);
                counters.running(+1);
                return invocation;
            }
        }
    }

    Answer respond(Sandbox sandbox, String requestId, byte[] body) {
        synchronized (lock) {
            Invocation invocation = sandbox.current;
            if (invocation == null || !invocation.requestId.equals(requestId)) {
                return Answer.UNKNOWN;
            }
            sandbox.current = null;
            if (sandbox.state == Sandbox.State.BUSY) {
                sandbox.state = Sandbox.State.IDLE;
                sandbox.idleSinceNanos = System.nanoTime();
            }
            if (body.length > RuntimeApiHandler.MAX_PAYLOAD) {
                finish(invocation, failure(invocation, FunctionErrors.platformError(FunctionError.Kind.HANDLER,
                        "Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed payload size ("
                                + RuntimeApiHandler.MAX_PAYLOAD + " bytes).")));
                return Answer.TOO_LARGE;
            }
            finish(invocation, new InvocationResult.Success(invocation.requestId, body, elapsed(invocation)));
            return Answer.ACCEPTED;
        }
    }

    Answer fail(Sandbox sandbox, String requestId, byte[] body, String errorTypeHeader) {
        synchronized (lock) {
            Invocation invocation = sandbox.current;
            if (invocation == null || !invocation.requestId.equals(requestId)) {
                return Answer.UNKNOWN;
            }
            sandbox.current = null;
            FunctionError error = FunctionErrors.errorDocument(FunctionError.Kind.HANDLER, body, errorTypeHeader);
            if (FATAL_ERRORS.contains(error.errorType())) {
                retire(sandbox, Duration.ofSeconds(2));
            } else if (sandbox.state == Sandbox.State.BUSY) {
                sandbox.state = Sandbox.State.IDLE;
                sandbox.idleSinceNanos = System.nanoTime();
            }
            finish(invocation, failure(invocation, error));
            return Answer.ACCEPTED;
        }
    }

    void initError(Sandbox sandbox, byte[] body) {
        synchronized (lock) {
            sandbox.initErrorJson = new String(body, StandardCharsets.UTF_8);
            retire(sandbox, Duration.ofSeconds(2));
        }
    }

    private void timedOut(Invocation invocation) {
        synchronized (lock) {
            if (invocation.finished) {
                return;
            }
            Sandbox sandbox = invocation.sandbox;
            counters.timedOut++;
            if (sandbox != null) {
                sandbox.current = null;
                sandbox.killedByRuntime = true;
                sandbox.state = Sandbox.State.RETIRING;
            }
            finish(invocation, failure(invocation, FunctionErrors.timeout(invocation.requestId, definition.timeoutSeconds())));
            if (sandbox != null && sandbox.process != null) {
                ProcessTrees.kill(sandbox.process.toHandle());
            }
            scale();
        }
    }

    /** Takes the sandbox out of service; kills it if it has not exited by itself after {@code grace}. */
    private void retire(Sandbox sandbox, Duration grace) {
        sandbox.state = Sandbox.State.RETIRING;
        scheduler.schedule(() -> {
            synchronized (lock) {
                if (sandbox.state != Sandbox.State.DEAD && sandbox.process != null) {
                    sandbox.killedByRuntime = true;
                    ProcessTrees.kill(sandbox.process.toHandle());
                }
            }
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
        scale();
    }

    private void exited(Sandbox sandbox) {
        Invocation lost;
        boolean initFailure;
        int status = sandbox.process.exitValue();
        synchronized (lock) {
            sandbox.state = Sandbox.State.DEAD;
            sandboxes.remove(sandbox);
            lost = sandbox.current;
            sandbox.current = null;
            initFailure = !sandbox.everReady && !closing;
        }
        sandbox.server.stop(0);
        sandbox.deleteDirectory();
        String reason = status > 128 && status < 160
                ? "signal: " + FunctionErrors.signalName(status - 128) : "exit status " + status;
        LOG.debug("{} {} exited: {}", definition.name(), sandbox, reason);
        synchronized (lock) {
            if (lost != null && !lost.finished) {
                counters.crashed++;
                finish(lost, failure(lost, FunctionErrors.exitError(FunctionError.Kind.CRASH, lost.requestId, reason)));
            } else if (initFailure) {
                Invocation victim = pending.poll();
                if (victim != null) {
                    FunctionError error = FunctionErrors.initFailure(sandbox, victim.requestId, reason,
                            settings.initTimeout());
                    counters.crashed++;
                    finish(victim, failure(victim, error));
                }
            }
            scale();
        }
    }

    /** Completes an invocation. Holds the lock. */
    private void finish(Invocation invocation, InvocationResult result) {
        if (invocation.finished) {
            return;
        }
        if (invocation.timeout != null) {
            invocation.timeout.cancel(false);
        }
        if (invocation.started()) {
            counters.running(-1);
        }
        if (result instanceof InvocationResult.Success) {
            counters.succeeded++;
        } else {
            counters.failed++;
        }
        invocation.finished = true;
        // completed outside the lock: whoever waits may invoke this or another function right away
        Thread.ofVirtual().name(definition.name() + "-completion").start(() -> {
            try {
                listener.finished(definition.name(), invocation.attempt, result);
            } catch (RuntimeException e) {
                LOG.warn("invocation listener failed", e);
            }
            invocation.result.complete(result);
        });
    }

    private InvocationResult.Failure failure(Invocation invocation, FunctionError error) {
        return new InvocationResult.Failure(invocation.requestId, error, elapsed(invocation));
    }

    private static Duration elapsed(Invocation invocation) {
        return invocation.started() ? Duration.ofNanos(System.nanoTime() - invocation.startedNanos) : Duration.ZERO;
    }

    // ------------------------------------------------------------------ processes

    /** Starts one more environment. Holds the lock. Returns false (and fails a waiting invocation) if it cannot. */
    private boolean spawn() {
        int number = ++sandboxCounter;
        Sandbox sandbox = new Sandbox(number, settings.workDirectory().resolve(definition.name() + "-" + number));
        try {
            SandboxCommand.start(definition, settings, sandbox, new RuntimeApiHandler(this, sandbox), httpExecutor);
        } catch (IOException | RuntimeException e) {
            if (sandbox.server != null) {
                sandbox.server.stop(0);
            }
            sandbox.deleteDirectory();
            Invocation victim = pending.poll();
            LOG.error("cannot start a process for {}: {}", definition.name(), e.toString());
            if (victim != null) {
                finish(victim, failure(victim, FunctionErrors.platformError(FunctionError.Kind.INIT, "Runtime.Unavailable",
                        "cannot start the function's process: " + e.getMessage())));
            }
            return false;
        }
        sandboxes.add(sandbox);
        counters.started(sandboxes.size());
        SandboxCommand.relay(sandbox.process.getInputStream(), false, sandbox, definition.name(), logSink);
        SandboxCommand.relay(sandbox.process.getErrorStream(), true, sandbox, definition.name(), logSink);
        sandbox.process.onExit().thenRunAsync(() -> exited(sandbox), httpExecutor);
        scheduler.schedule(() -> {
            synchronized (lock) {
                if (sandbox.state == Sandbox.State.STARTING && !closing) {
                    LOG.warn("{} {} did not ask for work within {} s; killing it", definition.name(), sandbox,
                            settings.initTimeout().toSeconds());
                    sandbox.kill();
                }
            }
        }, settings.initTimeout().toMillis(), TimeUnit.MILLISECONDS);
        LOG.debug("{} started {}", definition.name(), sandbox);
        return true;
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Stops every environment of this function and waits (a few seconds at most) until their processes, and the
     * processes they started, are gone. Queued invocations fail with {@code Runtime.Stopping}.
     */
    @Override
    public void close() {
        List<Sandbox> victims;
        List<Invocation> queued = new ArrayList<>();
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            victims = new ArrayList<>(sandboxes);
            pending.drainTo(queued);
            for (Sandbox s : victims) {
                s.killedByRuntime = true;
                if (s.current != null) {
                    queued.add(s.current);
                    s.current = null;
                }
                s.state = Sandbox.State.RETIRING;
            }
            for (Invocation invocation : queued) {
                finish(invocation, failure(invocation, FunctionErrors.platformError(FunctionError.Kind.SHUTDOWN, "Runtime.Stopping",
                        "the local runtime stopped before the invocation finished")));
            }
        }
        for (Sandbox s : victims) {
            if (s.process != null) {
                ProcessTrees.kill(s.process.toHandle());
            }
        }
        for (Sandbox s : victims) {
            s.awaitStopped(Duration.ofSeconds(5));
        }
        scheduler.shutdownNow();
        httpExecutor.shutdownNow();
    }
}
