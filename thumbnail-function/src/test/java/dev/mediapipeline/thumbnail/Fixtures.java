package dev.mediapipeline.thumbnail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared files: events/ fixtures and sample-media/ images, found from the module's working directory. */
final class Fixtures {

    static final String UPLOADS = "media-pipeline-uploads-000000000000";
    static final String RENDITIONS = "media-pipeline-renditions-000000000000";
    static final String OTHER_BUCKET = "someone-elses-bucket";
    /** The decoded key of events/s3-put-odd-key.json. */
    static final String ODD_KEY = "holiday photos/été + ½ 100%.jpg";

    private Fixtures() {
    }

    static Path repoFile(String first, String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(first).resolve(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(first + "/" + name + " not found");
    }

    static Path event(String name) {
        return repoFile("events", name);
    }

    static byte[] sample(String name) {
        try {
            return Files.readAllBytes(repoFile("sample-media", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
