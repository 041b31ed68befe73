package dev.mediapipeline.local.lambda;

import dev.mediapipeline.local.iam.FunctionCredentials;
import dev.mediapipeline.local.template.FunctionDefinition;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * The command line and environment of a function's execution environment: a JVM running the runtime interface
 * client, with Lambda's variables and the function role's own credentials.
 */
final class SandboxCommand {

    private SandboxCommand() {
    }

    static List<String> command(FunctionDefinition definition, LambdaSettings settings, Sandbox sandbox) {
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

    static Map<String, String> environment(FunctionDefinition definition, LambdaSettings settings, Sandbox sandbox,
                                           int runtimeApiPort) {
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
        if (settings.roleCredentials()) {
            // the role's own temporary credentials, as Lambda gives them: the endpoint evaluates its policies
            FunctionCredentials credentials = FunctionCredentials.of(definition);
            env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
            env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        } else {
            env.put("AWS_ACCESS_KEY_ID", LambdaSettings.ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", LambdaSettings.SECRET_KEY);
        }
        env.put("AWS_ENDPOINT_URL", settings.endpoint().toString());
        env.put("LAMBDA_TASK_ROOT", sandbox.taskDirectory().toString());
        env.put("LAMBDA_RUNTIME_DIR", sandbox.taskDirectory().toString());
        return env;
    }


    /** Creates the sandbox's directories, starts its Runtime API server and its process. */
    static void start(FunctionDefinition definition, LambdaSettings settings, Sandbox sandbox, HttpHandler runtimeApi,
                      Executor executor) throws IOException {
        Files.createDirectories(sandbox.taskDirectory());
        Files.createDirectories(sandbox.tmpDirectory());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", runtimeApi);
        server.setExecutor(executor);
        server.start();
        sandbox.server = server;
        ProcessBuilder builder = new ProcessBuilder(command(definition, settings, sandbox))
                .directory(sandbox.taskDirectory().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(definition, settings, sandbox, server.getAddress().getPort()));
        sandbox.process = builder.start();
    }

    /** Copies the process's output, line by line, to the log sink, on a thread of its own. */
    static void relay(InputStream stream, boolean stderr, Sandbox sandbox, String function, FunctionLogSink logSink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    logSink.line(function, line, stderr);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, function + "-" + sandbox.number + (stderr ? "-stderr" : "-stdout"));
        thread.setDaemon(true);
        sandbox.relays.add(thread);
        thread.start();
    }
}
