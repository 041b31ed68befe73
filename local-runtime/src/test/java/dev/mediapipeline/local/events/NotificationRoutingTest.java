package dev.mediapipeline.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.local.EmbeddedS3Services;
import dev.mediapipeline.local.LocalCloud;
import dev.mediapipeline.local.aws.ObjectEvent;
import dev.mediapipeline.local.lambda.ConsoleLogSink;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Object events through the notification configuration of a template to probe functions running in their own
 * processes: filters, SNS fan-out, no recursion, retries and on-failure destinations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCER = new AtomicLong(0x0062A1B2C3D4E5F600L);

    static final String TEMPLATE = """
            Globals:
              Function:
                Runtime: java21
                CodeUri: probe-function.jar
                Handler: HANDLER
                MemorySize: 256
                Timeout: 20
                Environment:
                  Variables:
                    PROBE_RECORD_DIR: RECORDS
            Resources:
              Uploads:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: test-uploads
                  NotificationConfiguration:
                    TopicConfigurations:
                      - {Event: 's3:ObjectCreated:*', Topic: !Ref UploadTopic}
                      - {Event: 's3:ObjectRemoved:*', Topic: !Ref UploadTopic}
              Renditions:
                Type: AWS::S3::Bucket
                Properties: {BucketName: test-renditions}
              Inbox:
                Type: AWS::S3::Bucket
                Properties: {BucketName: test-inbox}
              Failures:
                Type: AWS::S3::Bucket
                Properties: {BucketName: test-failures}
              UploadTopic:
                Type: AWS::SNS::Topic
                Properties: {TopicName: test-upload-events}
              Thumbs:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Uploads: {Type: SNS, Properties: {Topic: !Ref UploadTopic}}
                  EventInvokeConfig:
                    MaximumRetryAttempts: 2
                    DestinationConfig:
                      OnFailure: {Type: S3Bucket, Destination: !GetAtt Failures.Arn}
              Cleaner:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Removals:
                      Type: SNS
                      Properties:
                        Topic: !Ref UploadTopic
                        FilterPolicyScope: MessageBody
                        FilterPolicy: {Records: {eventName: [{prefix: 'ObjectRemoved:'}]}}
              Picky:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Jpegs:
                      Type: S3
                      Properties:
                        Bucket: !Ref Inbox
                        Events: s3:ObjectCreated:*
                        Filter: {S3Key: {Rules: [{Name: prefix, Value: incoming/}, {Name: suffix, Value: .jpg}]}}
                  EventInvokeConfig:
                    MaximumRetryAttempts: 1
                    DestinationConfig:
                      OnFailure: {Type: Lambda, Destination: !GetAtt Catcher.Arn}
              Catcher:
                Type: AWS::Serverless::Function
                Properties:
                  EventInvokeConfig: {MaximumRetryAttempts: 0}
            """;

    private Path records;

    private EmbeddedS3Services services;
    private LocalCloud cloud;
    private final List<String> logs = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start(@TempDir Path recordDir) {
        this.records = recordDir;
        String yaml = TEMPLATE.replace("HANDLER", ProbeFunction.HANDLER).replace("RECORDS", recordDir.toString());
        StackTemplate template = TemplateLoader.parse(yaml, ProbeFunction.jar().getParent(), Map.of());
        services = new EmbeddedS3Services();
        cloud = LocalCloud.start(template, services, new LocalCloud.Options(2, Duration.ofMillis(100),
                (fn, line, err) -> logs.add(ConsoleLogSink.tag(fn, line))));
    }

    @AfterAll
    void stop() {
        if (cloud != null) {
            cloud.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @BeforeEach
    void clearRecords() throws IOException {
        try (Stream<Path> files = Files.list(records)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    private static ObjectEvent created(String bucket, String key) {
        return new ObjectEvent("ObjectCreated:Put", bucket, key, 1234, "0123456789abcdef0123456789abcdef",
                Long.toHexString(SEQUENCER.incrementAndGet()).toUpperCase(), Instant.now(), "REQ" + SEQUENCER.get(), "127.0.0.1");
    }

    private static ObjectEvent removed(String bucket, String key) {
        return new ObjectEvent("ObjectRemoved:Delete", bucket, key, 0, null,
                Long.toHexString(SEQUENCER.incrementAndGet()).toUpperCase(), Instant.now(), "REQ" + SEQUENCER.get(), "127.0.0.1");
    }

    private void deliver(ObjectEvent... events) throws InterruptedException {
        for (ObjectEvent e : events) {
            cloud.notifications().onObjectEvent(e);
        }
        assertThat(cloud.asyncInvoker().awaitIdle(Duration.ofSeconds(120))).as("deliveries finished").isTrue();
    }

    private List<JsonNode> received(String function) {
        return ProbeFunction.received(records, function);
    }

    private static String decodedKey(JsonNode event) {
        return ProbeFunction.decodedKey(event);
    }

    @Nested
    class Fanout {

        @Test
        void anUploadReachesEverySubscriberInAnSnsEnvelope() throws Exception {
            deliver(created("test-uploads", "photos/été + ½ 100%.jpg"));
            List<JsonNode> thumbs = received("Thumbs");
            assertThat(thumbs).as("Thumbs invoked once").hasSize(1);
            JsonNode event = thumbs.getFirst().get("event");
            assertThat(event.at("/Records/0/EventSource").asText()).isEqualTo("aws:sns");
            assertThat(event.at("/Records/0/Sns/TopicArn").asText())
                    .isEqualTo("arn:aws:sns:us-east-1:000000000000:test-upload-events");
            assertThat(event.at("/Records/0/Sns/Subject").asText()).isEqualTo("Amazon S3 Notification");
            JsonNode s3Event = JSON.readTree(event.at("/Records/0/Sns/Message").asText());
            assertThat(s3Event.at("/Records/0/s3/object/key").asText()).isEqualTo("photos/%C3%A9t%C3%A9+%2B+%C2%BD+100%25.jpg");
            assertThat(s3Event.at("/Records/0/s3/configurationId").asText()).isEqualTo("UploadsTopicConfiguration1");
            assertThat(decodedKey(event)).isEqualTo("photos/été + ½ 100%.jpg");
            assertThat(received("Cleaner")).as("the filter policy keeps creations from Cleaner").isEmpty();
        }

        @Test
        void aRemovalPassesTheBodyFilterPolicy() throws Exception {
            deliver(removed("test-uploads", "photos/gone.jpg"));
            assertThat(received("Cleaner")).hasSize(1);
            assertThat(received("Thumbs")).as("Thumbs subscribes to everything").hasSize(1);
            JsonNode s3Event = JSON.readTree(received("Cleaner").getFirst().at("/event/Records/0/Sns/Message").asText());
            assertThat(s3Event.at("/Records/0/eventName").asText()).isEqualTo("ObjectRemoved:Delete");
        }
    }

    @Nested
    class Filters {

        @Test
        void prefixAndSuffixRulesDecide() throws Exception {
            deliver(created("test-inbox", "incoming/cat.jpg"), created("test-inbox", "incoming/cat.png"),
                    created("test-inbox", "elsewhere/cat.jpg"), removed("test-inbox", "incoming/dog.jpg"));
            List<JsonNode> picky = received("Picky");
            assertThat(picky).as("only created incoming/*.jpg").hasSize(1);
            JsonNode event = picky.getFirst().get("event");
            assertThat(event.at("/Records/0/eventSource").asText()).as("delivered directly by S3").isEqualTo("aws:s3");
            assertThat(decodedKey(event)).isEqualTo("incoming/cat.jpg");
        }

        @Test
        void objectsInBucketsWithoutNotificationsTriggerNothing() throws Exception {
            deliver(created("test-renditions", "abc/thumbnails/phone.jpg"), created("test-failures", "x"),
                    created("not-in-the-template", "photos/a.jpg"));
            try (Stream<Path> files = Files.list(records)) {
                assertThat(files.toList()).as("no function ran: no recursion through the renditions bucket").isEmpty();
            }
        }
    }

    @Nested
    class RetriesAndDestinations {

        @Test
        void aFailingFunctionIsTriedThreeTimesThenItsRecordGoesToTheS3Destination() throws Exception {
            long before = cloud.functions().get("Thumbs").stats().invocations();
            deliver(created("test-uploads", "photos/probe-action-throw.jpg"));
            List<JsonNode> attempts = received("Thumbs");
            assertThat(attempts).as("first attempt and two retries").hasSize(3);
            assertThat(attempts).extracting(a -> a.get("requestId").asText()).as("one request id across retries")
                    .containsOnly(attempts.getFirst().get("requestId").asText());
            assertThat(cloud.functions().get("Thumbs").stats().invocations() - before).isEqualTo(3);

            List<S3Object> objects = services.s3().listObjectsV2(b -> b.bucket("test-failures")).contents();
            assertThat(objects).hasSize(1);
            String key = objects.getFirst().key();
            assertThat(key).matches("aws/lambda/async/Thumbs/\\d{4}/\\d{2}/\\d{2}/\\d{4}-\\d{2}-\\d{2}T\\d{2}\\.\\d{2}\\.\\d{2}-[0-9a-f-]{36}");
            JsonNode record = JSON.readTree(services.s3().getObjectAsBytes(b -> b.bucket("test-failures").key(key)).asByteArray());
            assertThat(record.path("version").asText()).isEqualTo("1.0");
            assertThat(record.path("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
            assertThat(record.at("/requestContext/requestId").asText()).isEqualTo(attempts.getFirst().get("requestId").asText());
            assertThat(record.at("/requestContext/functionArn").asText())
                    .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:Thumbs:$LATEST");
            assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
            assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
            assertThat(record.get("requestPayload")).as("the original event").isEqualTo(attempts.getFirst().get("event"));
            assertThat(record.at("/responseContext/statusCode").asInt()).isEqualTo(200);
            assertThat(record.at("/responseContext/executedVersion").asText()).isEqualTo("$LATEST");
            assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
            assertThat(record.at("/responsePayload/errorType").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(record.at("/responsePayload/errorMessage").asText()).isEqualTo("probe was told to fail");
            assertThat(record.at("/responsePayload/stackTrace").isArray()).isTrue();
            services.s3().deleteObject(b -> b.bucket("test-failures").key(key));
        }

        @Test
        void aCrashCountsAsAnErrorAndTheNextUploadIsStillProcessed() throws Exception {
            deliver(created("test-inbox", "incoming/probe-action-exit.jpg"), created("test-inbox", "incoming/fine.jpg"));
            List<JsonNode> picky = received("Picky");
            assertThat(picky.stream().filter(r -> decodedKey(r.get("event")).endsWith("probe-action-exit.jpg")))
                    .as("MaximumRetryAttempts 1: two attempts").hasSize(2);
            assertThat(picky.stream().filter(r -> decodedKey(r.get("event")).endsWith("fine.jpg"))).hasSize(1);
            List<JsonNode> caught = received("Catcher");
            assertThat(caught).as("the Lambda destination got the record").hasSize(1);
            JsonNode record = caught.getFirst().get("event");
            assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
            assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
            assertThat(record.at("/responsePayload/errorType").asText()).isEqualTo("Runtime.ExitError");
            assertThat(decodedKey(record.get("requestPayload"))).isEqualTo("incoming/probe-action-exit.jpg");
        }
    }
}
