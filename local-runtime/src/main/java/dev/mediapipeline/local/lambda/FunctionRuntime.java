package dev.mediapipeline.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.mediapipeline.local.template.FunctionDefinition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LAMBDA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
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
    private int running;
    private boolean closing;
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong crashed = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private int maxRunning;
    private int maxSandboxes;

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
                    sandbox.killedByRuntime = true;
                    sandbox.state = Sandbox.State.RETIRING;
                    ProcessTrees.kill(sandbox.process.toHandle());
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
        Invocation invocation = new Invocation(requestId, payload, attempt, traceId());
        synchronized (lock) {
            if (closing) {
                return CompletableFuture.completedFuture(new InvocationResult.Failure(requestId,
                        platformError(FunctionError.Kind.SHUTDOWN, "Runtime.Stopping",
                                "the local runtime is stopping"), Duration.ZERO));
            }
            invocations.incrementAndGet();
            pending.add(invocation);
            scale();
        }
        return invocation.result;
    }

    public Stats stats() {
        synchronized (lock) {
            return new Stats(invocations.get(), succeeded.get(), failed.get(), timedOut.get(), crashed.get(),
                    started.get(), maxRunning, maxSandboxes);
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
                finish(lost, failure(lost, platformError(FunctionError.Kind.HANDLER, "Runtime.InvalidResponse",
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
                running++;
                maxRunning = Math.max(maxRunning, running);
                return invocation;
            }
        }
    }

    /**
     * A sandbox on its way out asked for work: it gets no answer (an answer would only make the runtime interface
     * client print an error); its request is held until its process is gone, at most {@code limit}.
     */
    void awaitExit(Sandbox sandbox, Duration limit) {
        Process process = sandbox.process;
        if (process == null) {
            return;
        }
        try {
            process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // still alive: the caller gives up on the request
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
                finish(invocation, failure(invocation, platformError(FunctionError.Kind.HANDLER,
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
            FunctionError error = errorDocument(FunctionError.Kind.HANDLER, body, errorTypeHeader);
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
            String message = LAMBDA_TIME.format(Instant.now()) + " " + invocation.requestId
                    + " Task timed out after " + definition.timeoutSeconds() + ".00 seconds";
            timedOut.incrementAndGet();
            if (sandbox != null) {
                sandbox.current = null;
                sandbox.killedByRuntime = true;
                sandbox.state = Sandbox.State.RETIRING;
            }
            finish(invocation, failure(invocation, platformError(FunctionError.Kind.TIMEOUT, "Sandbox.Timedout", message)));
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
                ? "signal: " + signalName(status - 128) : "exit status " + status;
        LOG.debug("{} {} exited: {}", definition.name(), sandbox, reason);
        synchronized (lock) {
            if (lost != null && !lost.finished) {
                crashed.incrementAndGet();
                finish(lost, failure(lost, platformError(FunctionError.Kind.CRASH, "Runtime.ExitError",
                        "RequestId: " + lost.requestId + " Error: Runtime exited with error: " + reason)));
            } else if (initFailure) {
                Invocation victim = pending.poll();
                if (victim != null) {
                    FunctionError error = sandbox.initErrorJson != null
                            ? errorDocument(FunctionError.Kind.INIT, sandbox.initErrorJson.getBytes(StandardCharsets.UTF_8), null)
                            : platformError(FunctionError.Kind.INIT, "Runtime.ExitError",
                            "RequestId: " + victim.requestId + " Error: Runtime exited with error: " + reason
                                    + (sandbox.killedByRuntime ? " (did not start within "
                                    + settings.initTimeout().toSeconds() + " s)" : ""));
                    crashed.incrementAndGet();
                    finish(victim, failure(victim, error));
                }
            }
            scale();
        }
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 9 -> "killed";
            case 15 -> "terminated";
            case 6 -> "aborted";
            case 11 -> "segmentation fault";
            default -> "signal " + signal;
        };
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
            running--;
        }
        if (result instanceof InvocationResult.Success) {
            succeeded.incrementAndGet();
        } else {
            failed.incrementAndGet();
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

    private static FunctionError platformError(FunctionError.Kind kind, String type, String message) {
        ObjectNode json = JSON.createObjectNode();
        json.put("errorMessage", message);
        json.put("errorType", type);
        json.putArray("stackTrace");
        return new FunctionError(kind, type, message, List.of(), json.toString());
    }

    /** Reads the error document the runtime interface client posted. */
    private static FunctionError errorDocument(FunctionError.Kind kind, byte[] body, String headerType) {
        String text = new String(body, 0, Math.min(body.length, RuntimeApiHandler.MAX_PAYLOAD), StandardCharsets.UTF_8);
        try {
            JsonNode json = JSON.readTree(text);
            if (json != null && json.isObject()) {
                String type = json.path("errorType").asText(headerType == null ? "Unknown" : headerType);
                String message = json.path("errorMessage").asText("");
                List<String> stack = new ArrayList<>();
                json.path("stackTrace").forEach(s -> stack.add(s.asText()));
                return new FunctionError(kind, type, message, stack, json.toString());
            }
        } catch (IOException e) {
            // not JSON: keep the text as the message
        }
        String type = headerType == null ? "Unknown" : headerType;
        ObjectNode json = JSON.createObjectNode();
        json.put("errorMessage", text);
        json.put("errorType", type);
        json.putArray("stackTrace");
        return new FunctionError(kind, type, text, List.of(), json.toString());
    }

    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-" + HexFormat.of().formatHex(root)
                + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
    }

    // ------------------------------------------------------------------ processes

    /** Starts one more environment. Holds the lock. Returns false (and fails a waiting invocation) if it cannot. */
    private boolean spawn() {
        int number = ++sandboxCounter;
        Sandbox sandbox = new Sandbox(number, settings.workDirectory().resolve(definition.name() + "-" + number));
        try {
            Files.createDirectories(sandbox.taskDirectory());
            Files.createDirectories(sandbox.tmpDirectory());
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.createContext("/", new RuntimeApiHandler(this, sandbox));
            server.setExecutor(httpExecutor);
            server.start();
            sandbox.server = server;
            ProcessBuilder builder = new ProcessBuilder(command(sandbox))
                    .directory(sandbox.taskDirectory().toFile());
            builder.environment().clear();
            builder.environment().putAll(environment(sandbox, server.getAddress().getPort()));
            sandbox.process = builder.start();
        } catch (IOException | RuntimeException e) {
            if (sandbox.server != null) {
                sandbox.server.stop(0);
            }
            sandbox.deleteDirectory();
            Invocation victim = pending.poll();
            LOG.error("cannot start a process for {}: {}", definition.name(), e.toString());
            if (victim != null) {
                finish(victim, failure(victim, platformError(FunctionError.Kind.INIT, "Runtime.Unavailable",
                        "cannot start the function's process: " + e.getMessage())));
            }
            return false;
        }
        sandboxes.add(sandbox);
        started.incrementAndGet();
        maxSandboxes = Math.max(maxSandboxes, sandboxes.size());
        relay(sandbox.process.getInputStream(), false, sandbox);
        relay(sandbox.process.getErrorStream(), true, sandbox);
        sandbox.process.onExit().thenRunAsync(() -> exited(sandbox), httpExecutor);
        scheduler.schedule(() -> {
            synchronized (lock) {
                if (sandbox.state == Sandbox.State.STARTING && !closing) {
                    LOG.warn("{} {} did not ask for work within {} s; killing it", definition.name(), sandbox,
                            settings.initTimeout().toSeconds());
                    sandbox.killedByRuntime = true;
                    sandbox.state = Sandbox.State.RETIRING;
                    ProcessTrees.kill(sandbox.process.toHandle());
                }
            }
        }, settings.initTimeout().toMillis(), TimeUnit.MILLISECONDS);
        LOG.debug("{} started {}", definition.name(), sandbox);
        return true;
    }

    List<String> command(Sandbox sandbox) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // its own session: a Ctrl-C in the terminal reaches the runtime, which then stops its functions in order
            command.add("/usr/bin/setsid");
        }
        command.add(settings.javaHome().resolve("bin").resolve("java").toString());
        // Lambda's Java runtime gives the heap 85% of the function's memory.
        command.add("-XX:MaxHeapSize=" + (definition.memorySizeMb() * 85L / 100) + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-Djava.io.tmpdir=" + sandbox.tmpDirectory());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-D" + SandboxMarker.PROPERTY + "=" + ProcessHandle.current().pid());
        command.add("-D" + RuntimeClassPath.NATIVE_LIBRARY_PROPERTY + "="
                + RuntimeClassPath.nativeLibrary(settings.workDirectory().resolve(".runtime")));
        command.addAll(settings.extraJvmOptions());
        command.add("-cp");
        List<String> classPath = new ArrayList<>();
        settings.runtimeClassPath().forEach(p -> classPath.add(p.toString()));
        classPath.add(definition.codeUri().toString());
        command.add(String.join(java.io.File.pathSeparator, classPath));
        command.add(RuntimeClassPath.MAIN_CLASS);
        command.add(definition.handler());
        return command;
    }

    Map<String, String> environment(Sandbox sandbox, int runtimeApiPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("TZ", ":UTC");
        env.putAll(definition.environment());
        env.put("AWS_LAMBDA_RUNTIME_API", InetAddress.getLoopbackAddress().getHostAddress() + ":" + runtimeApiPort);
        env.put("_HANDLER", definition.handler());
        env.put("AWS_REGION", settings.region());
        env.put("AWS_DEFAULT_REGION", settings.region());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + definition.runtime());
        env.put("AWS_LAMBDA_FUNCTION_NAME", definition.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(definition.memorySizeMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + definition.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC)
                .format(Instant.now()) + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", ""));
        env.put("AWS_ACCESS_KEY_ID", LambdaSettings.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LambdaSettings.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL", settings.endpoint().toString());
        env.put("LAMBDA_TASK_ROOT", sandbox.taskDirectory().toString());
        env.put("LAMBDA_RUNTIME_DIR", sandbox.taskDirectory().toString());
        return env;
    }

    private void relay(InputStream stream, boolean stderr, Sandbox sandbox) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    logSink.line(definition.name(), line, stderr);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, definition.name() + "-" + sandbox.number + (stderr ? "-stderr" : "-stdout"));
        thread.setDaemon(true);
        sandbox.relays.add(thread);
        thread.start();
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
                finish(invocation, failure(invocation, platformError(FunctionError.Kind.SHUTDOWN, "Runtime.Stopping",
                        "the local runtime stopped before the invocation finished")));
            }
        }
        for (Sandbox s : victims) {
            if (s.process != null) {
                ProcessTrees.kill(s.process.toHandle());
            }
        }
        for (Sandbox s : victims) {
            if (s.process != null) {
                ProcessTrees.killAndWait(s.process.toHandle(), Duration.ofSeconds(5));
            }
            if (s.server != null) {
                s.server.stop(0);
            }
            s.deleteDirectory();
            for (Thread relay : s.relays) {
                try {
                    relay.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        scheduler.shutdownNow();
        httpExecutor.shutdownNow();
    }
}
