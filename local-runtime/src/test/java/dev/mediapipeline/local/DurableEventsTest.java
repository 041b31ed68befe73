package dev.mediapipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mediapipeline.local.aws.ObjectEvent;
import dev.mediapipeline.local.events.EventJournal;
import dev.mediapipeline.local.template.StackTemplate;
import dev.mediapipeline.local.template.TemplateLoader;
import dev.mediapipeline.local.testfunction.ProbeFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accepted asynchronous events survive the runtime's stop: an event waiting for its retry, and one whose function
 * was running, are replayed by the next runtime on the same data directory, with the attempts already made; a
 * finished event leaves nothing behind; without a data directory nothing is kept.
 */
class DurableEventsTest {

    private static final String TEMPLATE = """
            Resources:
              Inbox:
                Type: AWS::S3::Bucket
                Properties: {BucketName: durable-inbox}
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: probe-function.jar
                  Handler: HANDLER
                  Runtime: java21
                  MemorySize: 256
                  Timeout: 60
                  Environment: {Variables: {PROBE_ACTION: WHAT_TO_DO, PROBE_RECORD_DIR: RECORDS}}
                  EventInvokeConfig: {MaximumRetryAttempts: 2}
                  Events:
                    Any: {Type: S3, Properties: {Bucket: !Ref Inbox, Events: 's3:ObjectCreated:*'}}
            """;

    @TempDir
    Path data;
    @TempDir
    Path records;

    private LocalCloud start(EmbeddedS3Services services, String action, EventJournal journal, Duration retryDelay) {
        StackTemplate template = TemplateLoader.parse(TEMPLATE.replace("HANDLER", ProbeFunction.HANDLER)
                .replace("WHAT_TO_DO", action).replace("RECORDS", records.toString()), ProbeFunction.jar().getParent(),
                Map.of());
        return LocalCloud.start(template, services, new LocalCloud.Options(1, retryDelay, (fn, line, err) -> { },
                journal));
    }

    private static void upload(LocalCloud cloud, String key) {
        cloud.notifications().onObjectEvent(new ObjectEvent("ObjectCreated:Put", "durable-inbox", key, 1, "e",
                "0A", Instant.now(), "r", "127.0.0.1"));
    }

    private List<Path> journalFiles() throws IOException {
        Path dir = data.resolve(EventJournal.DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
        }
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 60 s for: %s (attempts %s, journal %s)", what, attempts(),
                    journalFiles()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private List<JsonNode> attempts() {
        return ProbeFunction.received(records, "Worker");
    }

    @Nested
    class AnEventWaitingForItsRetry {

        @Test
        void isReplayedByTheNextRuntimeWithTheAttemptsItMadeAndThenForgotten() throws Exception {
            try (EmbeddedS3Services services = new EmbeddedS3Services()) {
                LocalCloud first = start(services, "throw", EventJournal.in(data), Duration.ofHours(1));
                upload(first, "photo.jpg");
                await("the first attempt failed and the retry is scheduled", () -> attempts().size() == 1
                        && journalText().contains("\"attempts\":1"));
                first.close();
                assertThat(journalFiles()).as("the event outlives the runtime").hasSize(1);

                LocalCloud second = start(services, "echo", EventJournal.in(data), Duration.ofMillis(100));
                try {
                    assertThat(second.asyncInvoker().resume()).as("events replayed").isEqualTo(1);
                    assertThat(second.asyncInvoker().awaitIdle(Duration.ofSeconds(60))).as("replay finished").isTrue();
                    assertThat(second.asyncInvoker().stats().delivered()).as("delivered on replay").isEqualTo(1);
                    List<JsonNode> seen = attempts();
                    assertThat(seen).as("one attempt per runtime").hasSize(2);
                    assertThat(seen).extracting(r -> r.get("requestId").asText()).as("the same event both times")
                            .containsOnly(seen.getFirst().get("requestId").asText());
                    assertThat(ProbeFunction.decodedKey(seen.getLast().get("event"))).isEqualTo("photo.jpg");
                    assertThat(journalFiles()).as("a delivered event leaves nothing behind").isEmpty();
                } finally {
                    second.close();
                }
            }
        }

        private String journalText() {
            try {
                List<Path> files = journalFiles();
                return files.isEmpty() ? "" : Files.readString(files.getFirst());
            } catch (IOException e) {
                return "";
            }
        }
    }

    @Nested
    class AnEventWhoseFunctionWasRunning {

        @Test
        void isReplayedAfterTheRuntimeStoppedUnderIt() throws Exception {
            try (EmbeddedS3Services services = new EmbeddedS3Services()) {
                LocalCloud first = start(services, "sleep", EventJournal.in(data), Duration.ofMillis(100));
                upload(first, "video.mp4");
                await("the function is running", () -> attempts().size() == 1);
                first.close();
                assertThat(journalFiles()).as("the interrupted event is kept").hasSize(1);

                LocalCloud second = start(services, "echo", EventJournal.in(data), Duration.ofMillis(100));
                try {
                    assertThat(second.asyncInvoker().resume()).isEqualTo(1);
                    assertThat(second.asyncInvoker().awaitIdle(Duration.ofSeconds(60))).isTrue();
                    assertThat(second.asyncInvoker().stats().delivered()).isEqualTo(1);
                    assertThat(journalFiles()).isEmpty();
                } finally {
                    second.close();
                }
            }
        }
    }

    @Nested
    class WithoutADataDirectory {

        @Test
        void nothingIsKeptAndNothingIsReplayed() throws Exception {
            try (EmbeddedS3Services services = new EmbeddedS3Services()) {
                LocalCloud first = start(services, "sleep", EventJournal.none(), Duration.ofMillis(100));
                upload(first, "a.jpg");
                await("the function is running", () -> attempts().size() == 1);
                first.close();
                LocalCloud second = start(services, "echo", EventJournal.none(), Duration.ofMillis(100));
                try {
                    assertThat(second.asyncInvoker().resume()).as("in memory: gone with the runtime").isZero();
                } finally {
                    second.close();
                }
                assertThat(journalFiles()).isEmpty();
            }
        }
    }
}
