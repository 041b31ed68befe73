package dev.mediapipeline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The directory where the endpoint keeps buckets and tables across restarts. It carries a marker file, so that
 * {@code --fresh} only ever wipes a directory the local runtime made (never a mistyped {@code --data-dir} pointing at
 * something else).
 */
final class DataDirectory {

    static final String MARKER = ".media-pipeline-local-data";

    private DataDirectory() {
    }

    static Path prepare(Path directory, boolean fresh) {
        Path dir = directory.toAbsolutePath().normalize();
        try {
            if (fresh && Files.isDirectory(dir) && !isEmpty(dir)) {
                if (!Files.exists(dir.resolve(MARKER))) {
                    throw new UsageException("--fresh: refusing to wipe " + dir + ", which the local runtime did not"
                            + " create (it has no " + MARKER + " file)");
                }
                try (Stream<Path> children = Files.list(dir)) {
                    for (Path child : children.toList()) {
                        LocalCloud.deleteTree(child);
                    }
                }
            }
            Files.createDirectories(dir);
            Path marker = dir.resolve(MARKER);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "Data of the media-pipeline local runtime (buckets, tables). Safe to delete;"
                        + " ./run-local --fresh wipes it.\n");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }
}
