package dev.mediapipeline.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path of the Lambda Java runtime, as a function process gets it: the official runtime interface client
 * ({@code aws-lambda-java-runtime-interface-client}) and what it needs, located on the local runtime's own class
 * path (the jars Maven put there, or the {@code lib/} folder next to the executable jar). Function code comes after
 * it, as on Lambda, where the runtime's classes are loaded first.
 */
public final class RuntimeClassPath {

    /** One class of each jar the runtime interface client needs. */
    private static final List<String> ANCHORS = List.of(
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
            "com.amazonaws.services.lambda.runtime.Context",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

    public static final String MAIN_CLASS = ANCHORS.getFirst();

    /**
     * The system property naming the runtime interface client's JNI library. Without it, every client extracts
     * the library to the one path {@code /tmp/.libaws-lambda-jni.so} (replacing it) and loads it: harmless on
     * Lambda, where each sandbox has its own /tmp, but two function processes starting together here could load a
     * half-written library and crash. So the runtime extracts it once and names it.
     */
    public static final String NATIVE_LIBRARY_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private static final Map<Path, Path> EXTRACTED = new ConcurrentHashMap<>();

    private RuntimeClassPath() {
    }

    public static List<Path> locate() {
        Set<Path> paths = new LinkedHashSet<>();
        for (String anchor : ANCHORS) {
            paths.add(jarOf(anchor));
        }
        return new ArrayList<>(paths);
    }

    /**
     * The runtime interface client's native library for this machine, extracted (once) into {@code directory}.
     *
     * @throws IllegalStateException on a platform the client has no library for (it supports Linux only)
     */
    public static Path nativeLibrary(Path directory) {
        return EXTRACTED.computeIfAbsent(directory.toAbsolutePath().normalize(), RuntimeClassPath::extract);
    }

    private static Path extract(Path directory) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new IllegalStateException("the Lambda runtime interface client runs on Linux only (its native part"
                    + " has no build for " + System.getProperty("os.name") + ")");
        }
        boolean musl = Files.exists(Path.of("/lib/ld-musl-x86_64.so.1")) || Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"));
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("the Lambda runtime interface client has no native library for "
                    + arch);
        };
        String name = "libaws-lambda-jni.linux" + (musl ? "_musl-" : "-") + cpu + ".so";
        try (InputStream in = Class.forName(MAIN_CLASS, false, RuntimeClassPath.class.getClassLoader())
                .getResourceAsStream("/jni/" + name)) {
            if (in == null) {
                throw new IllegalStateException("jni/" + name + " is missing from the runtime interface client jar");
            }
            Files.createDirectories(directory);
            Path target = directory.resolve(name);
            Path tmp = Files.createTempFile(directory, name, ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the runtime interface client's native library", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Lambda runtime interface client is not on the class path", e);
        }
    }

    private static Path jarOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, RuntimeClassPath.class.getClassLoader());
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new IllegalStateException("cannot tell which jar holds " + className);
            }
            return Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Lambda runtime interface client is not on the class path (" + className
                    + " missing): run the local runtime from its jar, local-runtime/target/local-runtime.jar", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("odd class path entry for " + className, e);
        }
    }
}
