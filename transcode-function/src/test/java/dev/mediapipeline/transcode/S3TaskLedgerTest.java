package dev.mediapipeline.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.testing.EmbeddedS3;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The completion ledger against a real S3 API: conditional creates, counting by listing, first result kept. */
class S3TaskLedgerTest {

    static EmbeddedS3 server;
    static S3Client s3;
    static S3TaskLedger ledger;

    @BeforeAll
    static void start() {
        server = EmbeddedS3.start();
        s3 = server.client();
        s3.createBucket(b -> b.bucket("work"));
        ledger = new S3TaskLedger(s3, "work");
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class Recording {
        @Test
        void countsDistinctTasksAndKeepsTheFirstResult() {
            String run = "work/aaaaaaaaaaaaaaaaaaaaaaaa/1111111111111111/";
            assertThat(ledger.complete(run, "chunk-0000", bytes("first"))).isEqualTo(new TaskLedger.Completion(true, 1));
            assertThat(ledger.complete(run, "posters", bytes("p"))).isEqualTo(new TaskLedger.Completion(true, 2));

            TaskLedger.Completion duplicate = ledger.complete(run, "chunk-0000", bytes("second"));

            assertThat(duplicate.recorded()).as("a duplicate is recognised").isFalse();
            assertThat(duplicate.completed()).as("and not counted twice").isEqualTo(2);
            assertThat(new String(ledger.results(run).get("chunk-0000"), StandardCharsets.UTF_8)).isEqualTo("first");
            assertThat(ledger.isComplete(run, "posters")).isTrue();
            assertThat(ledger.isComplete(run, "chunk-0001")).isFalse();
            assertThat(ledger.completed("work/aaaaaaaaaaaaaaaaaaaaaaaa/2222222222222222/")).as("runs are separate").isZero();
        }
    }

    @Nested
    class Racing {
        @Test
        void tasksFinishingTogetherAlwaysLeaveOneThatSeesTheRunComplete() throws Exception {
            for (int round = 0; round < 5; round++) {
                String run = "work/bbbbbbbbbbbbbbbbbbbbbbbb/" + String.format("%016d", round) + "/";
                int tasks = 6;
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(tasks);
                List<Future<TaskLedger.Completion>> done = new ArrayList<>();
                for (int i = 0; i < tasks; i++) {
                    String task = "chunk-000" + i;
                    done.add(pool.submit(() -> {
                        start.await();
                        return ledger.complete(run, task, bytes(task));
                    }));
                }
                start.countDown();
                int sawComplete = 0;
                for (Future<TaskLedger.Completion> f : done) {
                    if (f.get().completed() == tasks) {
                        sawComplete++;
                    }
                }
                pool.shutdown();
                assertThat(sawComplete).as("round " + round + ": at least one finisher sees all " + tasks + " tasks")
                        .isGreaterThanOrEqualTo(1);
            }
        }
    }
}
