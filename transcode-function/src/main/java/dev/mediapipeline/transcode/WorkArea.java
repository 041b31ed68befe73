package dev.mediapipeline.transcode;

import dev.mediapipeline.model.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One invocation's scratch directory under the work root (Lambda: /tmp, the only writable place, 512 MB to
 * 10 GB and kept between invocations of a sandbox): created on entry, deleted with everything in it on close,
 * whether the invocation succeeded or not, so nothing accumulates across invocations.
 */
final class WorkArea implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkArea.class);

    private final Path dir;

    private WorkArea(Path dir) {
        this.dir = dir;
    }

    static WorkArea create(Path root) {
        try {
            Files.createDirectories(root);
            return new WorkArea(Files.createTempDirectory(root, "transcode-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory under " + root, e);
        }
    }

    Path dir() {
        return dir;
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    Path directory(String name) {
        try {
            return Files.createDirectories(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }

    @Override
    public void close() {
        try {
            Directories.deleteTree(dir);
        } catch (IOException e) {
            LOG.error("cannot clean the work directory {}: {}", dir, e.toString());
        }
    }
}
