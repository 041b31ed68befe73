package dev.mediapipeline.local.lambda;

import java.net.URISyntaxException;
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

    private RuntimeClassPath() {
    }

    public static List<Path> locate() {
        Set<Path> paths = new LinkedHashSet<>();
        for (String anchor : ANCHORS) {
            paths.add(jarOf(anchor));
        }
        return new ArrayList<>(paths);
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
