package dev.mediapipeline.testing;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main class of the JVM {@link PackagedHandler} starts beside a function's jar, alone on the class path with it:
 * so it references nothing but the JDK (the Lambda types come from the jar, by name).
 */
public final class HandlerLauncher {

    static final String DONE = "LAUNCHER-DONE";

    private HandlerLauncher() {
    }

    /** {@code args}: the handler class, the event file. */
    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getDeclaredConstructor().newInstance();
        Method method = type.getMethod("handleRequest", InputStream.class, OutputStream.class,
                Class.forName("com.amazonaws.services.lambda.runtime.Context"));
        try (InputStream event = Files.newInputStream(Path.of(args[1]))) {
            method.invoke(handler, event, System.out, null);
        }
        System.out.println();
        System.out.println(DONE);
    }
}
