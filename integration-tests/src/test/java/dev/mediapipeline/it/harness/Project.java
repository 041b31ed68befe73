package dev.mediapipeline.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are in the repository, seen from the integration-tests module (failsafe's working directory). */
public final class Project {

    private Project() {
    }

    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("template.yaml")) ? here : here.getParent();
    }

    public static Path template() {
        return root().resolve("template.yaml");
    }

    public static Path sample(String name) {
        return root().resolve("sample-media").resolve(name);
    }

    /** {@code integration-tests/target/<name>}: artifacts of the test run (logs, data, screenshots). */
    public static Path target(String name) {
        return root().resolve("integration-tests").resolve("target").resolve(name);
    }
}
