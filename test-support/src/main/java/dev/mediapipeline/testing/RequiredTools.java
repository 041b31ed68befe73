package dev.mediapipeline.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * What a test does when a tool it needs is missing: on a developer's machine it says so and skips; under
 * {@code CI=true} it fails, so that a CI machine without the tool can never pass green. The build installs the
 * tools itself ({@code .ci/install-test-tools}, run by {@code ./mvnw verify}); a skip means that install could not
 * run (no root, no network).
 */
public final class RequiredTools {

    private RequiredTools() {
    }

    /** True when the environment says this is CI ({@code CI=true}, as CI services set it). */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Returns when {@code present}; otherwise skips the test (developer machine) or fails it (CI), with a message
     * naming the tool and how to get it.
     */
    public static void require(boolean present, String tool, String howToInstall) {
        if (present) {
            return;
        }
        String message = tool + " is missing: " + howToInstall;
        if (underCi()) {
            throw new AssertionFailedError(message + " (CI=true: a missing tool fails the build)");
        }
        Assumptions.abort(message + " (skipped; under CI=true this fails)");
    }

    /** The first executable called {@code name} on the PATH. */
    public static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }
}
