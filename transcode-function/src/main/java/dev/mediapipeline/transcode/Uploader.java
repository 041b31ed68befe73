package dev.mediapipeline.transcode;

import dev.mediapipeline.model.ObjectStore;
import dev.mediapipeline.model.WriteOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Uploads files in the background while encoding goes on, deleting each local file once stored (so /tmp holds at
 * most a few segments or chunks at a time). {@link #awaitAll()} rethrows the first failure.
 */
final class Uploader implements AutoCloseable {

    private final ObjectStore store;
    private final ExecutorService pool;
    private final List<Future<?>> pending = new ArrayList<>();

    Uploader(ObjectStore store, int threads) {
        this.store = store;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "upload");
            t.setDaemon(true);
            return t;
        });
    }

    synchronized void upload(String bucket, String key, Path file, WriteOptions options) {
        pending.add(pool.submit(() -> {
            try {
                store.put(bucket, key, file, options);
            } finally {
                WorkArea.deleteQuietly(file);
            }
        }));
    }

    void awaitAll() {
        List<Future<?>> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(pending);
            pending.clear();
        }
        for (Future<?> f : snapshot) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("upload failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while uploading", e);
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
