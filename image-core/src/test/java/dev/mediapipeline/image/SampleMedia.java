package dev.mediapipeline.image;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the committed files of sample-media/ from a module's working directory. */
final class SampleMedia {

    private SampleMedia() {
    }

    static Path path(String name) {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("sample-media").resolve(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("sample-media/" + name + " not found above " + dir);
    }
}
