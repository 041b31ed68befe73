package dev.mediapipeline.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.model.S3Object;

class EndpointLifecycleTest {

    private static final String BUCKET = "lifecycle-bucket";
    private static final String TABLE = "lifecycle-table";
    private static final CreateTableRequest CREATE_TABLE = CreateTableRequest.builder()
            .tableName(TABLE)
            .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
            .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                    .attributeType(ScalarAttributeType.S).build())
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .build();

    /** Polls until the condition holds or the deadline passes; returns whether it held. */
    static boolean eventually(Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return condition.getAsBoolean();
    }

    static boolean hasFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(Files::isRegularFile);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    @Nested
    class Persistence {

        @Test
        void objectsTablesAndSequencersSurviveARestart(@TempDir Path dataDir) {
            var first = new RecordingListener();
            String key = "persist/photo é+1.jpg";
            try (var endpoint = AwsEndpoint.start(EndpointOptions.ephemeral().withDataDir(dataDir), first)) {
                endpoint.ensureBucket(BUCKET);
                endpoint.ensureTable(CREATE_TABLE);
                try (var s3 = Clients.s3(endpoint, true)) {
                    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("still here"));
                }
                endpoint.dynamoDb().putItem(b -> b.tableName(TABLE)
                        .item(Map.of("id", AttributeValue.fromS("asset-1"), "status", AttributeValue.fromS("DONE"))));
            }
            String lastSequencer = first.all().getLast().sequencer();

            var second = new RecordingListener();
            try (var endpoint = AwsEndpoint.start(EndpointOptions.ephemeral().withDataDir(dataDir), second)) {
                endpoint.ensureBucket(BUCKET);
                endpoint.ensureTable(CREATE_TABLE);
                try (var s3 = Clients.s3(endpoint, true)) {
                    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String())
                            .as("object written before the restart").isEqualTo("still here");
                    assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents()).as("objects listed")
                            .extracting(S3Object::key).containsExactly(key);
                    s3.putObject(b -> b.bucket(BUCKET).key("persist/after.txt"), RequestBody.fromString("new"));
                }
                assertThat(endpoint.dynamoDb().getItem(b -> b.tableName(TABLE)
                        .key(Map.of("id", AttributeValue.fromS("asset-1")))).item())
                        .as("item written before the restart").containsEntry("status", AttributeValue.fromS("DONE"));
            }

            assertThat(second.all()).as("events after the restart").singleElement()
                    .satisfies(event -> assertThat(ObjectEventsTest.compareSequencers(event.sequencer(),
                            lastSequencer)).as("sequencer %s after %s", event.sequencer(), lastSequencer)
                            .isPositive());
        }

        @Test
        void inMemoryEndpointsStartEmpty() {
            try (var endpoint = AwsEndpoint.start(EndpointOptions.ephemeral(), new RecordingListener())) {
                assertThat(endpoint.s3().listBuckets().buckets()).as("buckets").isEmpty();
                assertThat(endpoint.dynamoDb().listTables().tableNames()).as("tables").isEmpty();
            }
        }

        @Test
        void anUploadCutOffByCloseLeavesNothingBehind(@TempDir Path dataDir) throws Exception {
            URI url;
            var endpoint = AwsEndpoint.start(EndpointOptions.ephemeral().withDataDir(dataDir),
                    new RecordingListener());
            try {
                endpoint.ensureBucket(BUCKET);
                try (var presigner = Clients.presigner(endpoint)) {
                    url = URI.create(presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                            .putObjectRequest(r -> r.bucket(BUCKET).key("cut/off.bin"))).url().toString());
                }
                try (Socket socket = new Socket("127.0.0.1", endpoint.port())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("PUT " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: "
                            + url.getAuthority() + "\r\nContent-Length: 1048576\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(new byte[100_000]);
                    out.flush();
                    Path bucketDir = dataDir.resolve("s3").resolve(BUCKET);
                    assertThat(eventually(Duration.ofSeconds(20), () -> hasFiles(bucketDir)))
                            .as("the upload is being written when the endpoint closes").isTrue();
                    endpoint.close();
                }
            } finally {
                endpoint.close();
            }
            try (Stream<Path> files = Files.walk(dataDir.resolve("s3"))) {
                assertThat(files.filter(Files::isRegularFile).toList()).as("files under the S3 data directory")
                        .isEmpty();
            }
            try (var restarted = AwsEndpoint.start(EndpointOptions.ephemeral().withDataDir(dataDir),
                    new RecordingListener())) {
                assertThat(restarted.s3().listObjectsV2(b -> b.bucket(BUCKET)).contents()).as("objects").isEmpty();
            }
        }
    }

    @Nested
    class Startup {

        @Test
        void aTakenPortIsReportedWithThePortAndHowToChooseAnother() throws IOException {
            Set<Thread> before = liveThreads();
            try (var taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
                int port = taken.getLocalPort();

                assertThatThrownBy(() -> AwsEndpoint.start(EndpointOptions.defaults().withPort(port),
                        new RecordingListener()))
                        .as("starting on a taken port")
                        .isInstanceOfSatisfying(PortInUseException.class, e -> {
                            assertThat(e.port()).isEqualTo(port);
                            assertThat(e.getMessage()).contains("Port " + port).contains("already in use")
                                    .contains("--port");
                        });
            }
            assertThat(eventually(Duration.ofSeconds(10), () -> newThreads(before).isEmpty()))
                    .as("threads left by the failed start: %s", newThreads(before)).isTrue();
        }

        @Test
        void anUnusableDataDirectoryIsReported(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

            assertThatThrownBy(() -> AwsEndpoint.start(EndpointOptions.ephemeral().withDataDir(file),
                    new RecordingListener()))
                    .as("starting with a file as data directory")
                    .isInstanceOf(EndpointStartException.class)
                    .hasMessageContaining(file.toString());
        }

        @Test
        void aDataDirectoryInUseByAnotherEndpointIsReported(@TempDir Path dataDir) {
            try (var running = AwsEndpoint.start(EndpointOptions.ephemeral().withDataDir(dataDir),
                    new RecordingListener())) {
                assertThatThrownBy(() -> AwsEndpoint.start(EndpointOptions.ephemeral().withDataDir(dataDir),
                        new RecordingListener()))
                        .as("a second endpoint on the same data directory")
                        .isInstanceOf(EndpointStartException.class)
                        .hasMessageContaining("in use").hasMessageContaining("--data-dir");
                assertThat(running.s3().listBuckets().buckets()).as("the first endpoint still serves").isEmpty();
            }
            try (var next = AwsEndpoint.start(EndpointOptions.ephemeral().withDataDir(dataDir),
                    new RecordingListener())) {
                assertThat(next.port()).as("the directory is free again once the first is closed").isPositive();
            }
        }

        @Test
        void invalidBucketNamesAreRefused() {
            try (var endpoint = AwsEndpoint.start(EndpointOptions.ephemeral(), new RecordingListener())) {
                assertThatThrownBy(() -> endpoint.ensureBucket("Not_A_Bucket")).as("invalid name")
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not_A_Bucket");
            }
        }
    }

    @Nested
    class Close {

        @Test
        void stopsEveryThreadAndFreesThePort() throws IOException {
            Set<Thread> before = liveThreads();
            int port;
            try (var endpoint = AwsEndpoint.start(EndpointOptions.ephemeral(), new RecordingListener())) {
                port = endpoint.port();
                endpoint.ensureBucket(BUCKET);
                endpoint.ensureTable(CREATE_TABLE);
                endpoint.s3().putObject(b -> b.bucket(BUCKET).key("k"), RequestBody.fromString("v"));
                endpoint.dynamoDb().putItem(b -> b.tableName(TABLE).item(Map.of("id", AttributeValue.fromS("x"))));
            }

            assertThat(eventually(Duration.ofSeconds(10), () -> newThreads(before).isEmpty()))
                    .as("threads still running after close: %s", newThreads(before)).isTrue();
            try (var rebound = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
                assertThat(rebound.getLocalPort()).as("port free again").isEqualTo(port);
            }
        }

        @Test
        void isIdempotentAndRefusesLaterUse() {
            var endpoint = AwsEndpoint.start(EndpointOptions.ephemeral(), new RecordingListener());
            endpoint.close();
            endpoint.close();

            assertThatThrownBy(() -> endpoint.ensureBucket(BUCKET)).as("use after close")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    /** Non-daemon threads started since {@code before}, and any of the endpoint's server threads. */
    static List<String> newThreads(Set<Thread> before) {
        return liveThreads().stream()
                .filter(t -> !before.contains(t))
                .filter(t -> !t.isDaemon() || t.getName().startsWith("aws-endpoint"))
                .map(Thread::getName)
                .toList();
    }
}
