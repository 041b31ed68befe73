package dev.mediapipeline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The directory where the endpoint keeps buckets and tables across restarts. It carries a marker file, so that
 * {@code --fresh} only ever wipes a directory the local runtime made (never a mistyped {@code --data-dir} pointing at
 * something else).
 */
final class DataDirectory {

    static final String MARKER = ".media-pipeline-local-data";
    /** The endpoint's lock file (dev.mediapipeline.local.aws.DataDirectoryLock), held while it runs. */
    static final String ENDPOINT_LOCK = "endpoint.lock";

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
                wipe(dir);
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

    /** Deletes the directory's content, unless a running endpoint holds its lock (its data is live). */
    private static void wipe(Path dir) throws IOException {
        Path lockFile = dir.resolve(ENDPOINT_LOCK);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new UsageException("--fresh: " + dir + " is in use by a running local runtime; stop it first");
            }
            try (lock; Stream<Path> children = Files.list(dir)) {
                for (Path child : children.toList()) {
                    if (!child.getFileName().toString().equals(ENDPOINT_LOCK)) {
                        LocalCloud.deleteTree(child);
                    }
                }
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }
}
