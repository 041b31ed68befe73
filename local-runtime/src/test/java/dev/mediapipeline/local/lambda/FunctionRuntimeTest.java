package dev.mediapipeline.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.local.template.EventInvokeConfig;
import dev.mediapipeline.local.iam.FunctionCredentials;
import dev.mediapipeline.local.template.FunctionDefinition;
import dev.mediapipeline.local.testfunction.ProbeFunction;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One function run through the real runtime interface client in child JVMs, against the Runtime API served here. */
class FunctionRuntimeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final List<String> finished = new CopyOnWriteArrayList<>();
    private FunctionRuntime runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private FunctionRuntime start(int memory, int timeout, Map<String, String> env, int concurrency) {
        return start(memory, timeout, env, concurrency, Duration.ofMinutes(10));
    }

    private FunctionRuntime start(int memory, int timeout, Map<String, String> env, int concurrency, Duration idle) {
        FunctionDefinition definition = FunctionDefinition.bare("Probe", ProbeFunction.HANDLER, ProbeFunction.jar(),
                memory, timeout, env);
        LambdaSettings settings = LambdaSettings.of(URI.create("http://127.0.0.1:4566"), work, concurrency)
                .withIdleTimeout(idle);
        runtime = new FunctionRuntime(definition, settings, (fn, line, err) -> logs.add(ConsoleLogSink.tag(fn, line)),
                (fn, attempt, result) -> finished.add(fn + " " + result.requestId()));
        return runtime;
    }

    private FunctionRuntime start() {
        return start(256, 10, Map.of(), 2);
    }

    private InvocationResult invoke(String json) throws Exception {
        return runtime.invoke(json.getBytes(StandardCharsets.UTF_8)).get(90, TimeUnit.SECONDS);
    }

    private static JsonNode success(InvocationResult result) throws Exception {
        assertThat(result).as("invocation outcome %s", describe(result)).isInstanceOf(InvocationResult.Success.class);
        return JSON.readTree(((InvocationResult.Success) result).payload());
    }

    private static FunctionError failure(InvocationResult result) {
        assertThat(result).as("invocation outcome %s", describe(result)).isInstanceOf(InvocationResult.Failure.class);
        return ((InvocationResult.Failure) result).error();
    }

    private static String describe(InvocationResult result) {
        return result instanceof InvocationResult.Success s ? "success " + s.payloadText()
                : "failure " + ((InvocationResult.Failure) result).error();
    }

    @Nested
    class RoundTrip {

        @Test
        void theEventReachesTheHandlerAndItsResponseComesBack() throws Exception {
            start();
            JsonNode body = success(invoke("{\"action\":\"echo\",\"key\":\"photos/été +%.jpg\"}"));
            assertThat(body.path("event").path("key").asText()).as("event as the handler saw it")
                    .isEqualTo("photos/été +%.jpg");
            assertThat(finished).as("listener told once").hasSize(1);
        }

        @Test
        void theProcessLooksLikeALambdaSandbox() throws Exception {
            start(512, 7, Map.of("GREETING", "hello"), 2);
            JsonNode body = success(invoke("{\"action\":\"env\"}"));
            JsonNode env = body.path("env");
            assertThat(env.path("GREETING").asText()).as("function variable").isEqualTo("hello");
            assertThat(env.path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("Probe");
            assertThat(env.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("512");
            assertThat(env.path("AWS_LAMBDA_FUNCTION_VERSION").asText()).isEqualTo("$LATEST");
            assertThat(env.path("_HANDLER").asText()).isEqualTo(ProbeFunction.HANDLER);
            assertThat(env.path("AWS_REGION").asText()).isEqualTo("us-east-1");
            assertThat(env.path("AWS_ENDPOINT_URL").asText()).isEqualTo("http://127.0.0.1:4566");
            FunctionCredentials role = FunctionCredentials.of(runtime.definition());
            assertThat(env.path("AWS_ACCESS_KEY_ID").asText()).as("the role's temporary access key")
                    .startsWith("ASIA").isEqualTo(role.accessKeyId());
            assertThat(env.path("AWS_SECRET_ACCESS_KEY").asText()).as("its secret").isEqualTo(role.secretAccessKey());
            assertThat(env.path("AWS_SESSION_TOKEN").asText()).as("its session token").isEqualTo(role.sessionToken());
            assertThat(env.has("HOME")).as("the runtime's own environment does not leak").isFalse();
            assertThat(body.path("timezone").asText()).as("TZ=:UTC").isEqualTo("UTC");
            assertThat(body.path("functionName").asText()).isEqualTo("Probe");
            assertThat(body.path("memoryLimit").asInt()).isEqualTo(512);
            assertThat(body.path("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:Probe");
            assertThat(body.path("remainingMillis").asLong()).as("deadline from the Timeout").isBetween(1L, 7_000L);
            assertThat(body.path("maxHeap").asLong()).as("heap capped at 85% of MemorySize")
                    .isBetween(380L << 20, 436L << 20);
            assertThat(Path.of(body.path("tmpdir").asText())).as("a tmp directory of its own")
                    .startsWith(work);
            assertThat(Path.of(body.path("jni").asText())).as("the client's native library, extracted once by the"
                    + " runtime: not to the /tmp path every client would race to overwrite").startsWith(work);
        }

        @Test
        void aWarmProcessIsReusedAndEachHasItsOwnTmp() throws Exception {
            start(256, 60, Map.of(), 2);
            JsonNode first = success(invoke("{\"action\":\"env\"}"));
            JsonNode second = success(invoke("{\"action\":\"env\"}"));
            assertThat(second.path("pid").asLong()).as("warm start: same process").isEqualTo(first.path("pid").asLong());
            CompletableFuture<InvocationResult> busy =
                    runtime.invoke("{\"action\":\"sleep\",\"millis\":30000}".getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (runtime.stats().maxConcurrentInvocations() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            JsonNode third = success(invoke("{\"action\":\"env\"}"));
            assertThat(third.path("pid").asLong()).as("the warm one is busy: a second process")
                    .isNotEqualTo(first.path("pid").asLong());
            assertThat(third.path("tmpdir").asText()).as("a tmp directory per process")
                    .isNotEqualTo(first.path("tmpdir").asText());
            assertThat(runtime.stats().sandboxesStarted()).isEqualTo(2);
            assertThat(busy).isNotDone();
        }

        @Test
        void anIdleProcessIsStoppedAndTheNextEventStartsAFreshOne() throws Exception {
            start(256, 10, Map.of(), 1, Duration.ofMillis(800));
            long first = success(invoke("{\"action\":\"echo\"}")).path("pid").asLong();
            assertThat(waitUntilDead(first)).as("idle process stopped").isTrue();
            assertThat(success(invoke("{\"action\":\"echo\"}")).path("pid").asLong()).isNotEqualTo(first);
        }

        @Test
        void outputIsRelayedLineByLineTaggedWithTheFunction() throws Exception {
            start();
            success(invoke("{\"action\":\"echo\"}"));
            assertThat(logs).as("JSON lines stay JSON, with the function's name")
                    .anySatisfy(line -> {
                        JsonNode json = JSON.readTree(line);
                        assertThat(json.path("function").asText()).isEqualTo("Probe");
                        assertThat(json.path("message").asText()).isEqualTo("probe echo");
                    });
            assertThat(logs).as("text lines are prefixed").contains("[Probe] plain text line from Probe");
        }

        @Test
        void anOversizedResponseFailsLikeLambda() throws Exception {
            start(512, 20, Map.of(), 1);
            FunctionError error = failure(invoke("{\"action\":\"big\",\"bytes\":" + (6 * 1024 * 1024 + 10) + "}"));
            assertThat(error.errorType()).isEqualTo("Function.ResponseSizeTooLarge");
        }
    }

    @Nested
    class Isolation {

        @Test
        void aThrowingHandlerFailsThatInvocationAndTheProcessStaysWarm() throws Exception {
            start();
            JsonNode ok = success(invoke("{\"action\":\"env\"}"));
            FunctionError error = failure(invoke("{\"action\":\"throw\",\"message\":\"no thumbnails today\"}"));
            assertThat(error.kind()).isEqualTo(FunctionError.Kind.HANDLER);
            assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(error.errorMessage()).isEqualTo("no thumbnails today");
            assertThat(error.stackTrace()).as("stack trace from the runtime client").isNotEmpty();
            assertThat(success(invoke("{\"action\":\"env\"}")).path("pid").asLong())
                    .as("a handled exception does not cost the process").isEqualTo(ok.path("pid").asLong());
        }

        @Test
        void aTimeoutKillsTheProcessAndTheNextEventRunsInAFreshOne() throws Exception {
            start(256, 2, Map.of(), 1);
            JsonNode warm = success(invoke("{\"action\":\"env\"}"));
            FunctionError error = failure(invoke("{\"action\":\"sleep\",\"millis\":60000}"));
            assertThat(error.kind()).isEqualTo(FunctionError.Kind.TIMEOUT);
            assertThat(error.errorType()).isEqualTo("Sandbox.Timedout");
            assertThat(error.errorMessage()).endsWith("Task timed out after 2.00 seconds");
            long old = warm.path("pid").asLong();
            assertThat(waitUntilDead(old)).as("the timed-out process is killed").isTrue();
            JsonNode next = success(invoke("{\"action\":\"env\"}"));
            assertThat(next.path("pid").asLong()).as("a new process").isNotEqualTo(old);
            assertThat(runtime.stats().timedOut()).isEqualTo(1);
        }

        @Test
        void runningOutOfMemoryFailsThatInvocationOnly() throws Exception {
            start(128, 30, Map.of(), 1);
            FunctionError error = failure(invoke("{\"action\":\"oom\"}"));
            assertThat(error.errorType()).as("%s", error).isIn("java.lang.OutOfMemoryError", "Runtime.ExitError");
            assertThat(success(invoke("{\"action\":\"echo\",\"after\":\"oom\"}")).path("event").path("after").asText())
                    .isEqualTo("oom");
        }

        @Test
        void aProcessThatExitsFailsItsInvocationWithRuntimeExitError() throws Exception {
            start();
            FunctionError error = failure(invoke("{\"action\":\"exit\",\"code\":3}"));
            assertThat(error.kind()).isEqualTo(FunctionError.Kind.CRASH);
            assertThat(error.errorType()).isEqualTo("Runtime.ExitError");
            assertThat(error.errorMessage()).contains("Runtime exited with error: exit status 3");
            FunctionError halted = failure(invoke("{\"action\":\"halt\",\"code\":134}"));
            assertThat(halted.errorType()).isEqualTo("Runtime.ExitError");
            success(invoke("{\"action\":\"echo\"}"));
            assertThat(runtime.stats().crashed()).isEqualTo(2);
        }

        @Test
        void aTimeoutAlsoKillsWhatTheFunctionStarted() throws Exception {
            start(256, 2, Map.of("PROBE_RECORD_DIR", work.toString()), 1);
            FunctionError error = failure(invoke("{\"action\":\"spawn\"}"));
            assertThat(error.kind()).isEqualTo(FunctionError.Kind.TIMEOUT);
            List<Long> children;
            try (Stream<Path> files = Files.list(work)) {
                children = files.filter(f -> f.getFileName().toString().startsWith("child-"))
                        .map(f -> Long.parseLong(f.getFileName().toString().replaceAll("\\D", ""))).toList();
            }
            assertThat(children).as("the probe recorded its child").hasSize(1);
            assertThat(waitUntilDead(children.getFirst())).as("child process killed with its function").isTrue();
        }

        @Test
        void aHandlerThatCannotInitialiseFailsTheInvocationWithItsInitError() throws Exception {
            start(256, 10, Map.of("PROBE_FAIL_INIT", "true"), 1);
            FunctionError error = failure(invoke("{\"action\":\"echo\"}"));
            assertThat(error.kind()).isEqualTo(FunctionError.Kind.INIT);
            assertThat(error.errorMessage()).as("%s", error).contains("probe refuses to initialise");
        }
    }

    @Nested
    class Concurrency {

        @Test
        void neverMoreProcessesOrInvocationsInFlightThanTheConcurrency() throws Exception {
            start(256, 30, Map.of(), 2);
            List<CompletableFuture<InvocationResult>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(runtime.invoke("{\"action\":\"sleep\",\"millis\":700}".getBytes(StandardCharsets.UTF_8)));
            }
            List<long[]> spans = new ArrayList<>();
            Set<Long> pids = new HashSet<>();
            for (CompletableFuture<InvocationResult> f : all) {
                JsonNode body = success(f.get(90, TimeUnit.SECONDS));
                spans.add(new long[]{body.path("start").asLong(), body.path("end").asLong()});
                pids.add(body.path("pid").asLong());
            }
            int maxOverlap = 0;
            for (long[] a : spans) {
                int overlap = 0;
                for (long[] b : spans) {
                    if (b[0] <= a[0] && a[0] < b[1]) {
                        overlap++;
                    }
                }
                maxOverlap = Math.max(maxOverlap, overlap);
            }
            assertThat(maxOverlap).as("handler executions overlapping, seen by the handlers").isLessThanOrEqualTo(2);
            assertThat(pids).as("processes used").hasSizeLessThanOrEqualTo(2);
            FunctionRuntime.Stats stats = runtime.stats();
            assertThat(stats.maxConcurrentInvocations()).as("in flight at once, seen by the runtime").isEqualTo(2);
            assertThat(stats.maxSandboxes()).isEqualTo(2);
            assertThat(stats.succeeded()).isEqualTo(6);
        }
    }

    @Nested
    class Shutdown {

        @Test
        void closingKillsEveryProcessAndFailsWhatWasRunning() throws Exception {
            start(256, 60, Map.of(), 2);
            CompletableFuture<InvocationResult> a = runtime.invoke("{\"action\":\"sleep\",\"millis\":60000}".getBytes(StandardCharsets.UTF_8));
            CompletableFuture<InvocationResult> b = runtime.invoke("{\"action\":\"sleep\",\"millis\":60000}".getBytes(StandardCharsets.UTF_8));
            CompletableFuture<InvocationResult> queued = runtime.invoke("{\"action\":\"echo\"}".getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (runtime.stats().maxConcurrentInvocations() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<Long> pids = runtime.pids();
            assertThat(pids).hasSize(2);
            long started = System.nanoTime();
            runtime.close();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("close is prompt").isLessThan(Duration.ofSeconds(10));
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %s alive", pid).isFalse();
            }
            for (CompletableFuture<InvocationResult> f : List.of(a, b, queued)) {
                assertThat(failure(f.get(10, TimeUnit.SECONDS)).kind()).isEqualTo(FunctionError.Kind.SHUTDOWN);
            }
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left.filter(p -> !p.getFileName().toString().equals(".runtime")).toList())
                        .as("sandbox directories removed").isEmpty();
            }
        }
    }

    private static boolean waitUntilDead(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
