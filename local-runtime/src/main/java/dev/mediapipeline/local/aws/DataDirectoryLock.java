package dev.mediapipeline.local.aws;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory for the life of an endpoint: two endpoints writing one directory (say two
 * runtimes on different ports) would corrupt DynamoDB Local's database and interleave sequencers. The operating
 * system releases the lock if the process dies.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "endpoint.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDir, null);
            }
            return new DataDirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(dataDir, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EndpointStartException("cannot lock the data directory " + dataDir + ": " + e.getMessage(), e);
        } catch (EndpointStartException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static EndpointStartException inUse(Path dataDir, Throwable cause) {
        return new EndpointStartException("the data directory " + dataDir + " is in use by another running local "
                + "runtime: stop it, or choose another data directory (--data-dir)", cause);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held yet
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
    }
}
