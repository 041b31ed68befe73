package dev.mediapipeline.it.harness;

import dev.mediapipeline.local.CommandLine;
import dev.mediapipeline.local.LocalRuntime;
import dev.mediapipeline.local.template.StackTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local runtime with the project's template.yaml, started in this JVM as {@code ./run-local} starts it: the AWS
 * endpoint and the web port on free ports, every function in its own JVM behind the Runtime API, the upload page
 * and the media API on the web port. Start one per test class (or share one across a class's nested tests) and
 * close it after: it starts in a few seconds. The runtime's console (its banner and every function's log lines)
 * goes to {@code integration-tests/target/runtime-logs/<name>.log}.
 */
public final class EmbeddedPipeline implements Pipeline {

    /**
     * @param name       names the log file and the data directory
     * @param persistent keep buckets and tables in {@code target/it-data/<name>} (wiped at start) instead of memory
     * @param retryDelay before the first retry of a failed asynchronous invocation (Lambda: about a minute)
     * @param concurrency function processes per function
     * @param parameters template parameter overrides
     * @param template   the SAM template (the project's template.yaml unless a test runs a variant of it)
     */
    public record Options(String name, boolean persistent, Duration retryDelay, int concurrency,
                          Map<String, String> parameters, Path template) {

        public Options {
            parameters = Map.copyOf(parameters);
        }

        public static Options named(String name) {
            return new Options(name, false, Duration.ofMillis(200), 2, Map.of(), Project.template());
        }

        public Options onDisk() {
            return new Options(name, true, retryDelay, concurrency, parameters, template);
        }

        public Options concurrency(int processes) {
            return new Options(name, persistent, retryDelay, processes, parameters, template);
        }

        public Options parameter(String key, String value) {
            Map<String, String> out = new LinkedHashMap<>(parameters);
            out.put(key, value);
            return new Options(name, persistent, retryDelay, concurrency, out, template);
        }

        public Options template(Path file) {
            return new Options(name, persistent, retryDelay, concurrency, parameters, file);
        }
    }

    private final Options options;
    private final LocalRuntime runtime;
    private final PrintStream console;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;

    private EmbeddedPipeline(Options options, LocalRuntime runtime, PrintStream console) {
        this.options = options;
        this.runtime = runtime;
        this.console = console;
        this.s3 = Clients.s3(runtime.services().uri());
        this.dynamoDb = Clients.dynamoDb(runtime.services().uri());
    }

    public static EmbeddedPipeline start(Options options) {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--web-port", "0",
                "--template", options.template().toString(),
                "--retry-delay", options.retryDelay().toMillis() + "ms",
                "--concurrency", Integer.toString(options.concurrency())));
        if (options.persistent()) {
            args.addAll(List.of("--data-dir", Project.target("it-data").resolve(options.name()).toString(), "--fresh"));
        } else {
            args.add("--in-memory");
        }
        if (!options.parameters().isEmpty()) {
            args.add("--parameter-overrides");
            options.parameters().forEach((k, v) -> args.add(k + "=" + v));
        }
        PrintStream console = console(options.name());
        LocalRuntime runtime = LocalRuntime.start(CommandLine.parse(args, Project.root()), console);
        return new EmbeddedPipeline(options, runtime, console);
    }

    private static PrintStream console(String name) {
        try {
            Path dir = Files.createDirectories(Project.target("runtime-logs"));
            OutputStream file = Files.newOutputStream(dir.resolve(name + ".log"));
            return new PrintStream(file, true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String target() {
        return "local runtime";
    }

    @Override
    public URI endpoint() {
        return runtime.services().uri();
    }

    @Override
    public S3Client s3() {
        return s3;
    }

    @Override
    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    @Override
    public StackTemplate template() {
        return runtime.template();
    }

    @Override
    public Duration processingTimeout() {
        // function JVMs start cold on the first event, on a 2-core machine that other builds share
        return Duration.ofSeconds(120);
    }

    public Options options() {
        return options;
    }

    public LocalRuntime runtime() {
        return runtime;
    }

    /** The upload page, e.g. {@code http://localhost:41234/}. */
    public URI siteUri() {
        return runtime.web().orElseThrow().siteUri();
    }

    /** The media API, e.g. {@code http://localhost:41234/api}. */
    public URI apiUri() {
        return runtime.web().orElseThrow().apiUri();
    }

    /**
     * Makes one request to the media API ({@code GET /limits}) and waits for its answer, so that the API function's
     * process is warm: for tests that time what a page shows, not how long a JVM takes to start.
     */
    public EmbeddedPipeline warmApi() {
        MediaApiClient api = new MediaApiClient(apiUri());
        Poll.until("the media API answers", processingTimeout(), () -> api.get("/limits").status() == 200);
        return this;
    }

    /** Waits until no asynchronous invocation is queued, running or waiting for a retry. */
    public boolean awaitIdle(Duration timeout) {
        try {
            return runtime.cloud().asyncInvoker().awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        try {
            s3.close();
            dynamoDb.close();
            runtime.close();
        } finally {
            console.close();
        }
    }
}
