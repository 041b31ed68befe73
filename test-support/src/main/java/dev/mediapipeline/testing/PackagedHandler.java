package dev.mediapipeline.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a function's packaged (shaded) jar the way the Lambda runtime does, in a fresh JVM whose class path is that
 * jar plus one class, {@link HandlerLauncher}: the handler's no-argument constructor (configuration from the
 * environment only), then {@code handleRequest} with an event file's bytes. It proves the package alone carries
 * everything the handler needs (service files, logging configuration, natives).
 */
public final class PackagedHandler {

    /** Printed after the handler returned, so a caller can tell a return from a crash. */
    public static final String DONE = HandlerLauncher.DONE;

    /** What one run printed (stdout and stderr, in order) and how it ended. */
    public record Run(boolean finished, int exitCode, String output) {
    }

    private PackagedHandler() {
    }

    /**
     * Runs {@code handlerClass} from {@code jar} on {@code event} with the given JVM options and an environment that
     * holds no {@code AWS_*} variable of this JVM, only {@code env}. Files go under {@code workDir}.
     */
    public static Run run(Path jar, String handlerClass, Path event, List<String> jvmOptions, Map<String, String> env,
                          Path workDir, long timeoutSeconds) throws IOException, InterruptedException {
        Path launcherDir = workDir.resolve("launcher");
        String resource = HandlerLauncher.class.getName().replace('.', '/') + ".class";
        Path classFile = launcherDir.resolve(resource);
        Files.createDirectories(classFile.getParent());
        try (InputStream in = HandlerLauncher.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, classFile);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar.toAbsolutePath() + File.pathSeparator + launcherDir,
                HandlerLauncher.class.getName(), handlerClass, event.toAbsolutePath().toString()));
        Path out = workDir.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || env.containsKey(k));
        pb.environment().putAll(env);
        Process process = pb.start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        return new Run(finished, finished ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8));
    }
}
