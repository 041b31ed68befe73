package dev.mediapipeline.transcode;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Invokes the packaged handler the way the Lambda runtime does: the handler's no-argument constructor
 * (configuration from the environment), then {@code handleRequest} with the event's bytes. Run by
 * {@link ShadedJarIT} in a fresh JVM whose class path is the shaded jar plus this class alone.
 */
public final class ShadedJarLauncher {

    private ShadedJarLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName("dev.mediapipeline.transcode.TranscodeHandler");
        Object handler = type.getDeclaredConstructor().newInstance();
        var method = type.getMethod("handleRequest", InputStream.class, java.io.OutputStream.class,
                Class.forName("com.amazonaws.services.lambda.runtime.Context"));
        try (InputStream event = Files.newInputStream(Path.of(args[0]))) {
            method.invoke(handler, event, System.out, null);
        }
        System.out.println();
        System.out.println("LAUNCHER-DONE");
    }
}
