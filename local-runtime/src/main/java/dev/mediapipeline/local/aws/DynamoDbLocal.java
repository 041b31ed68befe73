package dev.mediapipeline.local.aws;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import com.amazonaws.services.dynamodbv2.model.ListTablesRequest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB Local (the real one, from Maven Central) as a Jetty handler the endpoint mounts directly: no port of
 * its own, no telemetry (that is only configured by its command-line runner), one shared database for every
 * access key and region, on disk under a directory or in memory.
 *
 * <p>It is created, and its database opened, on a thread of its own thread group, so the background jobs the
 * database starts (TTL deletion, index builds, stream shard rollover, on plain non-daemon executor threads) can be
 * stopped and awaited on close: they otherwise outlive the handler for up to a second.
 */
final class DynamoDbLocal {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocal.class);
    private static final long JOIN_MILLIS = 3_000;

    private final ThreadGroup threads;
    private final LocalDynamoDBServerHandler handler;

    private DynamoDbLocal(ThreadGroup threads, LocalDynamoDBServerHandler handler) {
        this.threads = threads;
        this.handler = handler;
    }

    /** Starts loading DynamoDB Local (SQLite natives, its classes) in the background. */
    static CompletableFuture<DynamoDbLocal> startAsync(Optional<Path> dbDir) {
        var group = new ThreadGroup("dynamodb-local");
        var future = new CompletableFuture<DynamoDbLocal>();
        var starter = new Thread(group, () -> {
            try {
                var requests = new LocalDynamoDBRequestHandler(0, dbDir.isEmpty(),
                        dbDir.map(Path::toString).orElse(null), /* sharedDb */ true,
                        /* delayTransientStatuses */ false);
                // opens the database now, on this thread: its background job threads join this thread group
                requests.listTables(AwsEndpoint.ACCESS_KEY_ID, EndpointOptions.DEFAULT_REGION,
                        new ListTablesRequest().withLimit(1));
                future.complete(new DynamoDbLocal(group, new LocalDynamoDBServerHandler(requests, "*")));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "dynamodb-local-start");
        starter.setDaemon(true);
        starter.start();
        return future;
    }

    LocalDynamoDBServerHandler handler() {
        return handler;
    }

    /** Closes the database and waits (briefly) for DynamoDB Local's background threads to end. */
    void close() {
        try {
            handler.close();
        } catch (RuntimeException e) {
            LOG.warn("DynamoDB Local did not shut down cleanly", e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        for (Thread thread : live()) {
            // its jobs poll a cancel flag between one-second sleeps: wake them
            thread.interrupt();
        }
        for (Thread thread : live()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                if (left <= 0 || !thread.join(java.time.Duration.ofMillis(left))) {
                    LOG.warn("DynamoDB Local thread {} did not stop", thread.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Thread[] live() {
        Thread[] found = new Thread[Math.max(16, threads.activeCount() * 2)];
        int count = threads.enumerate(found, true);
        return Arrays.stream(found, 0, count).filter(t -> t != Thread.currentThread()).toArray(Thread[]::new);
    }
}
