package dev.mediapipeline.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectEventsTest {

    private static final String BUCKET = "events-bucket";

    private final RecordingListener events = new RecordingListener();
    private AwsEndpoint endpoint;
    private S3Client s3;

    @BeforeAll
    void start() {
        endpoint = AwsEndpoint.start(EndpointOptions.ephemeral(), events);
        endpoint.ensureBucket(BUCKET);
        s3 = Clients.s3(endpoint, true);
    }

    @AfterAll
    void stop() {
        s3.close();
        endpoint.close();
    }

    /** S3's rule: pad the shorter sequencer with zeros on the right, then compare as strings. */
    static int compareSequencers(String a, String b) {
        int length = Math.max(a.length(), b.length());
        return (a + "0".repeat(length - a.length())).compareTo(b + "0".repeat(length - b.length()));
    }

    @Nested
    class Creation {

        @ParameterizedTest
        @ValueSource(strings = {"plain.jpg", "with space/photo 1.jpg", "plus+sign+.jpg", "percent%20and%zz.jpg",
            "unicode/éèà 日本語 😀.jpg", "mixed/a b+c%d/é.png"})
        void putProducesOneEventWithTheKeyAsStored(String key) {
            Instant before = Instant.now();
            PutObjectResponse put = s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("12345"));

            assertThat(events.forKey(BUCKET, key)).as("events for %s", key).singleElement().satisfies(event -> {
                assertThat(event.eventName()).as("event name").isEqualTo("ObjectCreated:Put");
                assertThat(event.key()).as("key as stored, not encoded").isEqualTo(key);
                assertThat(event.size()).as("size").isEqualTo(5);
                assertThat(event.eTag()).as("ETag without quotes").isEqualTo(put.eTag().replace("\"", ""))
                        .doesNotContain("\"");
                assertThat(event.sequencer()).as("sequencer").matches("[0-9A-F]{16}");
                assertThat(event.requestId()).as("request id the client saw")
                        .isEqualTo(put.responseMetadata().requestId());
                assertThat(event.sourceIp()).as("source IP").isEqualTo("127.0.0.1");
                assertThat(event.eventTime()).as("event time").isBetween(before.minusSeconds(1), Instant.now());
                assertThat(event.isCreated()).as("created").isTrue();
            });
        }

        @Test
        void theSdkNeverNeedsToSendAWriteTwice() {
            var attempts = new java.util.concurrent.atomic.AtomicInteger();
            ExecutionInterceptor countAttempts = new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    attempts.incrementAndGet();
                }
            };
            int before = events.all().size();
            try (S3Client counted = S3Client.builder()
                    .httpClient(dev.mediapipeline.aws.AwsClients.httpClient())
                    .endpointOverride(endpoint.uri())
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(AwsEndpoint.credentials())
                    .forcePathStyle(true)
                    .overrideConfiguration(o -> o.addExecutionInterceptor(countAttempts))
                    .build()) {
                for (int i = 0; i < 60; i++) {
                    int n = i;
                    counted.putObject(b -> b.bucket(BUCKET).key("attempts/" + (n % 3)),
                            RequestBody.fromString("version " + n));
                }
            }

            assertThat(attempts).as("HTTP attempts for 60 PutObject calls (aws-chunked bodies with checksum "
                    + "trailers, on reused connections)").hasValue(60);
            assertThat(events.all().size() - before).as("events").isEqualTo(60);
        }

        @Test
        void multipartUploadProducesExactlyOneEventForTheWholeObject() {
            String key = "multipart/one event.bin";
            int before = events.all().size();
            byte[] part = new byte[5 * 1024 * 1024];
            String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
            String eTag1 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(part)).eTag();
            String eTag2 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(2),
                    RequestBody.fromString("tail")).eTag();
            String eTag = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(eTag1).build(),
                            CompletedPart.builder().partNumber(2).eTag(eTag2).build()))).eTag();

            assertThat(events.all().subList(before, events.all().size())).as("every event of the upload")
                    .singleElement().satisfies(event -> {
                        assertThat(event.eventName()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
                        assertThat(event.key()).isEqualTo(key);
                        assertThat(event.size()).isEqualTo(part.length + 4L);
                        assertThat(event.eTag()).isEqualTo(eTag.replace("\"", "")).endsWith("-2");
                    });
        }

        @Test
        void copyProducesACopyEventForTheDestination() {
            s3.putObject(b -> b.bucket(BUCKET).key("copy/source.txt"), RequestBody.fromString("source!"));

            s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy/source.txt")
                    .destinationBucket(BUCKET).destinationKey("copy/target é.txt"));

            assertThat(events.forKey(BUCKET, "copy/target é.txt")).as("events of the copy").singleElement()
                    .satisfies(event -> {
                        assertThat(event.eventName()).isEqualTo("ObjectCreated:Copy");
                        assertThat(event.size()).isEqualTo(7);
                        assertThat(event.eTag()).isNotBlank();
                    });
        }

        @Test
        void failedWritesProduceNoEvent() {
            int before = events.all().size();

            assertThatThrownBy(() -> s3.putObject(b -> b.bucket(BUCKET).key("bad/digest.txt")
                    .contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="), RequestBody.fromString("not empty")))
                    .as("write with a wrong Content-MD5").isInstanceOf(S3Exception.class);
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("missing-bucket").key("k"),
                    RequestBody.fromString("x")))
                    .as("write to a missing bucket").isInstanceOf(S3Exception.class);
            s3.putObject(b -> b.bucket(BUCKET).key("cond/exists.txt").ifNoneMatch("*"),
                    RequestBody.fromString("first"));
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket(BUCKET).key("cond/exists.txt").ifNoneMatch("*"),
                    RequestBody.fromString("second")))
                    .as("conditional write that must not overwrite").isInstanceOf(S3Exception.class);

            assertThat(events.all().subList(before, events.all().size())).as("events")
                    .extracting(ObjectEvent::key).containsExactly("cond/exists.txt");
            assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("bad/")).contents()).as("stored").isEmpty();
        }
    }

    @Nested
    class Removal {

        @Test
        void deleteProducesARemovedEventOnlyForAnExistingObject() {
            s3.putObject(b -> b.bucket(BUCKET).key("delete/me+1.txt"), RequestBody.fromString("bye"));

            s3.deleteObject(b -> b.bucket(BUCKET).key("delete/me+1.txt"));
            s3.deleteObject(b -> b.bucket(BUCKET).key("delete/never existed.txt"));

            assertThat(events.forKey(BUCKET, "delete/me+1.txt")).as("events of the deleted key")
                    .extracting(ObjectEvent::eventName).containsExactly("ObjectCreated:Put", "ObjectRemoved:Delete");
            assertThat(events.forKey(BUCKET, "delete/me+1.txt").get(1)).satisfies(event -> {
                assertThat(event.size()).as("removal size").isZero();
                assertThat(event.eTag()).as("removal ETag").isNull();
                assertThat(event.isRemoved()).as("removed").isTrue();
            });
            assertThat(events.forKey(BUCKET, "delete/never existed.txt")).as("events of a key never written")
                    .isEmpty();
        }

        @Test
        void deleteObjectsProducesOneEventPerRemovedObject() {
            for (String key : List.of("batch/a.txt", "batch/b c.txt")) {
                s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(key));
            }

            s3.deleteObjects(b -> b.bucket(BUCKET).delete(Delete.builder().objects(
                    ObjectIdentifier.builder().key("batch/a.txt").build(),
                    ObjectIdentifier.builder().key("batch/b c.txt").build(),
                    ObjectIdentifier.builder().key("batch/ghost.txt").build()).build()));

            assertThat(events.all().stream().filter(e -> e.key().startsWith("batch/") && e.isRemoved()))
                    .as("removal events").extracting(ObjectEvent::key)
                    .containsExactlyInAnyOrder("batch/a.txt", "batch/b c.txt");
        }
    }

    @Nested
    class Sequencers {

        @Test
        void increaseStrictlyFromOneChangeToTheNext() {
            int before = events.all().size();
            for (int i = 0; i < 20; i++) {
                int n = i;
                s3.putObject(b -> b.bucket(BUCKET).key("seq/" + (n % 3) + ".txt"), RequestBody.fromString("v" + n));
            }
            s3.deleteObject(b -> b.bucket(BUCKET).key("seq/0.txt"));

            List<String> sequencers = events.all().subList(before, events.all().size()).stream()
                    .map(ObjectEvent::sequencer).toList();
            assertThat(sequencers).as("sequencers in the order of the changes %s",
                    events.all().subList(before, events.all().size())).hasSize(21)
                    .isSortedAccordingTo(ObjectEventsTest::compareSequencers).doesNotHaveDuplicates();
        }

        @Test
        void orderConcurrentWritesOfOneKeyAsTheStoreApplied() throws Exception {
            String key = "seq/contended.txt";
            List<Future<PutObjectResponse>> writes = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
                for (int i = 0; i < 30; i++) {
                    int n = i;
                    writes.add(pool.submit(() -> s3.putObject(b -> b.bucket(BUCKET).key(key),
                            RequestBody.fromString("writer " + n))));
                }
                for (Future<PutObjectResponse> write : writes) {
                    write.get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            }
            List<ObjectEvent> forKey = events.forKey(BUCKET, key);
            ObjectEvent latest = forKey.stream().max(Comparator.comparing(ObjectEvent::sequencer,
                    ObjectEventsTest::compareSequencers)).orElseThrow();
            String current = new String(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray(),
                    StandardCharsets.UTF_8);
            String currentETag = s3.headObject(b -> b.bucket(BUCKET).key(key)).eTag().replace("\"", "");

            assertThat(forKey).as("one event per write").hasSize(30)
                    .extracting(ObjectEvent::sequencer).doesNotHaveDuplicates();
            assertThat(latest.eTag()).as("the event with the greatest sequencer describes the object now stored "
                    + "(%s)", current).isEqualTo(currentETag);
        }

        @Test
        void compareLikeS3() {
            assertThat(Arrays.asList("0055AED6DCD90281E5", "0055AED6DCD9028200", "00A"))
                    .as("S3's padding rule").isSortedAccordingTo(ObjectEventsTest::compareSequencers);
            assertThat(compareSequencers(Sequencer.format(255), Sequencer.format(4096))).as("fixed width")
                    .isNegative();
        }
    }
}
