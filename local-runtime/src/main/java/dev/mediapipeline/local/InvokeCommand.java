package dev.mediapipeline.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.local.lambda.ConsoleLogSink;
import dev.mediapipeline.local.lambda.FunctionRuntime;
import dev.mediapipeline.local.lambda.InvocationLogger;
import dev.mediapipeline.local.lambda.InvocationResult;
import dev.mediapipeline.local.lambda.LambdaSettings;
import dev.mediapipeline.local.template.BucketDefinition;
import dev.mediapipeline.local.template.FunctionDefinition;
import dev.mediapipeline.local.template.StackTemplate;
import dev.mediapipeline.local.template.TableDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * {@code invoke FUNCTION -e EVENT}: the equivalent of {@code sam local invoke}, without Docker. Runs the function
 * once, synchronously, through the same Runtime API path as the runtime; prints the result (or the error document)
 * on stdout and the function's logs on stderr; exits 1 when the function fails. The function talks to
 * {@code --endpoint-url} if given, else to the local runtime running on {@code --port}, else to an endpoint started
 * just for this invocation on the data directory.
 */
final class InvokeCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InvokeCommand() {
    }

    static int run(CommandLine commandLine, PrintStream out, PrintStream err, EndpointFactory endpoints) {
        StackTemplate template;
        try {
            template = LocalRuntime.loadTemplate(commandLine);
        } catch (LocalRuntime.Failure f) {
            err.println("local-runtime: " + f.getMessage());
            return f.code;
        }
        Optional<FunctionDefinition> function = template.function(commandLine.function());
        if (function.isEmpty()) {
            err.println("local-runtime: the template has no function '" + commandLine.function() + "'; it has "
                    + String.join(", ", template.functions().stream().map(FunctionDefinition::logicalId).toList()));
            return LocalRuntime.USAGE;
        }
        byte[] event;
        try {
            event = readEvent(commandLine.event());
        } catch (IllegalArgumentException e) {
            err.println("local-runtime: " + e.getMessage());
            return LocalRuntime.USAGE;
        }

        AwsServices services;
        try {
            services = services(commandLine, template, err, endpoints);
        } catch (LocalRuntime.Failure f) {
            err.println("local-runtime: " + f.getMessage());
            return f.code;
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("media-pipeline-invoke-");
            LambdaSettings settings = LambdaSettings.of(services.uri(), template.region(), template.accountId(), work, 1)
                    .withRoleCredentials(commandLine.iam());
            InvocationResult result;
            try (FunctionRuntime runtime = new FunctionRuntime(function.get(), settings, new ConsoleLogSink(err),
                    (name, attempt, r) -> { })) {
                result = runtime.invoke(event).get();
            }
            // the function's output has been relayed by now (closing waits for it): the report and result come last
            err.printf("REPORT RequestId: %s\tDuration: %.2f ms\tMemory Size: %d MB\tOutcome: %s%n",
                    result.requestId(), result.duration().toNanos() / 1e6, function.get().memorySizeMb(),
                    InvocationLogger.outcome(result) + (result instanceof InvocationResult.Failure f
                            ? " (" + f.error().errorType() + ")" : ""));
            err.flush();
            if (result instanceof InvocationResult.Success success) {
                out.println(success.payloadText());
                out.flush();
                return LocalRuntime.OK;
            }
            out.println(((InvocationResult.Failure) result).error().payloadJson());
            out.flush();
            return LocalRuntime.FUNCTION_ERROR;
        } catch (IOException e) {
            err.println("local-runtime: " + e.getMessage());
            return LocalRuntime.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LocalRuntime.FAILED;
        } catch (ExecutionException e) {
            err.println("local-runtime: invocation failed: " + e.getCause());
            return LocalRuntime.FAILED;
        } finally {
            services.close();
            LocalCloud.deleteTree(work);
        }
    }

    private static byte[] readEvent(Optional<String> source) {
        if (source.isEmpty()) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes;
        try {
            bytes = source.get().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(source.get()));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("event file " + source.get() + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the event " + source.get() + ": " + e.getMessage());
        }
        try {
            JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("the event " + source.get() + " is not JSON: " + e.getMessage());
        }
        return bytes;
    }

    private static AwsServices services(CommandLine commandLine, StackTemplate template, PrintStream err,
                                        EndpointFactory endpoints) {
        if (commandLine.endpointUrl().isPresent()) {
            return new RemoteServices(commandLine.endpointUrl().get(), template.region());
        }
        if (commandLine.port() > 0 && listening(commandLine.host(), commandLine.port())) {
            URI uri = URI.create("http://localhost:" + commandLine.port());
            err.println("local-runtime: using the AWS endpoint already running at " + uri);
            return new RemoteServices(uri, template.region());
        }
        Optional<Path> data = commandLine.inMemory() ? Optional.empty()
                : Optional.of(DataDirectory.prepare(commandLine.dataDirectory(), false));
        err.println("local-runtime: no endpoint on port " + commandLine.port() + "; starting one for this invocation"
                + data.map(d -> " on " + d).orElse(" in memory"));
        AwsServices services = endpoints.start(commandLine.host(), 0, data, template.region(), e -> { });
        for (BucketDefinition bucket : template.buckets()) {
            services.ensureBucket(bucket);
        }
        for (TableDefinition table : template.tables()) {
            services.ensureTable(table);
        }
        services.registerFunctions(template.functions(), commandLine.iam());
        return services;
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
