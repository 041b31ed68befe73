package dev.mediapipeline.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3FeaturesTest {

    private static final String BUCKET = "features-bucket";
    private static final String STRICT_BUCKET = "strict-cors-bucket";

    private final RecordingListener events = new RecordingListener();
    private AwsEndpoint endpoint;
    private S3Client s3;

    @BeforeAll
    void start() {
        endpoint = AwsEndpoint.start(EndpointOptions.ephemeral(), events);
        endpoint.ensureBucket(BUCKET);
        endpoint.ensureBucket(STRICT_BUCKET, List.of(CORSRule.builder()
                .allowedMethods("GET", "HEAD")
                .allowedOrigins("https://app.example.com")
                .allowedHeaders("*")
                .exposeHeaders("ETag")
                .maxAgeSeconds(600)
                .build()));
        s3 = Clients.s3(endpoint, true);
    }

    @AfterAll
    void stop() {
        s3.close();
        endpoint.close();
    }

    @Nested
    class Addressing {

        @Test
        void pathStyleRequestsWork() {
            s3.putObject(b -> b.bucket(BUCKET).key("path/style.txt"), RequestBody.fromString("path"));

            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("path/style.txt")).asUtf8String())
                    .as("read back path-style").isEqualTo("path");
        }

        @Test
        void virtualHostStyleRequestsWorkAsTheSdkSendsThemByDefault() {
            var hosts = new CopyOnWriteArrayList<String>();
            ExecutionInterceptor recordHost = new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    hosts.add(context.httpRequest().host());
                }
            };
            try (S3Client virtual = S3Client.builder()
                    .httpClient(dev.mediapipeline.aws.AwsClients.httpClient())
                    .endpointOverride(endpoint.uri())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(AwsEndpoint.credentials())
                    .overrideConfiguration(o -> o.addExecutionInterceptor(recordHost))
                    .build()) {
                virtual.putObject(b -> b.bucket(BUCKET).key("virtual/host style+1.txt"),
                        RequestBody.fromString("virtual"));
                String read = virtual.getObjectAsBytes(b -> b.bucket(BUCKET).key("virtual/host style+1.txt"))
                        .asUtf8String();
                List<String> keys = virtual.listObjectsV2(b -> b.bucket(BUCKET).prefix("virtual/")).contents()
                        .stream().map(S3Object::key).toList();

                assertThat(hosts).as("hosts the SDK sent the requests to").isNotEmpty()
                        .allMatch(host -> host.equals(BUCKET + ".localhost"));
                assertThat(read).as("read back virtual-host style").isEqualTo("virtual");
                assertThat(keys).as("listed virtual-host style").containsExactly("virtual/host style+1.txt");
                assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("virtual/host style+1.txt")).asUtf8String())
                        .as("the same object seen path-style").isEqualTo("virtual");
            }
        }
    }

    @Nested
    class PresignedUrls {

        @Test
        void presignedPutThenPresignedGet() {
            try (var presigner = Clients.presigner(endpoint)) {
                URI put = URI.create(presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                        .putObjectRequest(r -> r.bucket(BUCKET).key("presigned/photo 1.jpg")
                                .contentType("image/jpeg"))).url().toString());
                URI get = URI.create(presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(r -> r.bucket(BUCKET).key("presigned/photo 1.jpg"))).url().toString());

                HttpResponse<String> stored = Clients.send(HttpRequest.newBuilder(put)
                        .header("Content-Type", "image/jpeg")
                        .PUT(HttpRequest.BodyPublishers.ofString("jpeg bytes")).build());
                HttpResponse<String> read = Clients.send(HttpRequest.newBuilder(get).GET().build());

                assertThat(stored.statusCode()).as("presigned PUT status, body %s", stored.body()).isEqualTo(200);
                assertThat(read.statusCode()).as("presigned GET status").isEqualTo(200);
                assertThat(read.body()).as("presigned GET body").isEqualTo("jpeg bytes");
                assertThat(read.headers().firstValue("Content-Type")).as("stored content type")
                        .contains("image/jpeg");
            }
        }

        @Test
        void tamperedPresignedUrlIsRefused() {
            try (var presigner = Clients.presigner(endpoint)) {
                String url = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(r -> r.bucket(BUCKET).key("presigned/a.txt"))).url().toString();
                URI other = URI.create(url.replace("presigned/a.txt", "presigned/b.txt"));

                HttpResponse<String> response = Clients.send(HttpRequest.newBuilder(other).GET().build());

                assertThat(response.statusCode()).as("status").isEqualTo(403);
                assertThat(response.body()).as("error").contains("<Code>SignatureDoesNotMatch</Code>");
            }
        }
    }

    @Nested
    class PostPolicyUploads {

        private final PostPolicyForm form = new PostPolicyForm(BUCKET, "uploads/", "image/", 1024,
                Instant.now().plus(Duration.ofMinutes(10)));

        @Test
        void uploadWithinThePolicyIsStoredAndNotifiedAsPost() {
            HttpResponse<String> response = Clients.send(form.upload(endpoint, "uploads/form photo.png", "image/png",
                    "png bytes".getBytes(StandardCharsets.UTF_8)));

            assertThat(response.statusCode()).as("status, body %s", response.body()).isEqualTo(204);
            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("uploads/form photo.png")).asUtf8String())
                    .as("stored object").isEqualTo("png bytes");
            assertThat(events.forKey(BUCKET, "uploads/form photo.png")).as("events of the upload")
                    .singleElement().satisfies(event -> {
                        assertThat(event.eventName()).isEqualTo("ObjectCreated:Post");
                        assertThat(event.size()).isEqualTo(9);
                    });
        }

        @Test
        void largeUploadWithinThePolicyIsStoredWhole() {
            byte[] file = new byte[3 * 1024 * 1024 + 17];
            new java.util.Random(7).nextBytes(file);
            var roomy = new PostPolicyForm(BUCKET, "uploads/", "video/", 8 * 1024 * 1024,
                    Instant.now().plus(Duration.ofMinutes(10)));

            HttpResponse<String> response = Clients.send(roomy.upload(endpoint, "uploads/clip.mp4", "video/mp4",
                    file));

            assertThat(response.statusCode()).as("status, body %s", response.body()).isEqualTo(204);
            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("uploads/clip.mp4")).asByteArray())
                    .as("stored bytes").isEqualTo(file);
            assertThat(s3.headObject(b -> b.bucket(BUCKET).key("uploads/clip.mp4")).contentType())
                    .as("stored content type").isEqualTo("video/mp4");
        }

        @Test
        void wrongContentTypeIsRefused() {
            HttpResponse<String> response = Clients.send(form.upload(endpoint, "uploads/page.html", "text/html",
                    "<script>".getBytes(StandardCharsets.UTF_8)));

            assertThat(response.statusCode()).as("status").isEqualTo(403);
            assertThat(response.body()).as("error").contains("<Code>AccessDenied</Code>")
                    .contains("Policy Condition failed").contains("content-type");
            assertThat(events.forKey(BUCKET, "uploads/page.html")).as("events").isEmpty();
        }

        @Test
        void oversizedBodyIsRefused() {
            HttpResponse<String> response = Clients.send(form.upload(endpoint, "uploads/huge.png", "image/png",
                    new byte[2048]));

            assertThat(response.statusCode()).as("status").isEqualTo(400);
            assertThat(response.body()).as("error").contains("<Code>EntityTooLarge</Code>");
            assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("uploads/huge")).contents()).as("stored")
                    .isEmpty();
        }

        @Test
        void keyOutsideThePolicyIsRefused() {
            HttpResponse<String> response = Clients.send(form.upload(endpoint, "elsewhere/photo.png", "image/png",
                    "png".getBytes(StandardCharsets.UTF_8)));

            assertThat(response.statusCode()).as("status").isEqualTo(403);
            assertThat(response.body()).as("error").contains("Policy Condition failed").contains("key");
        }

        @Test
        void expiredPolicyIsRefused() {
            var expired = new PostPolicyForm(BUCKET, "uploads/", "image/", 1024, Instant.now().minusSeconds(60));

            HttpResponse<String> response = Clients.send(expired.upload(endpoint, "uploads/late.png", "image/png",
                    "png".getBytes(StandardCharsets.UTF_8)));

            assertThat(response.statusCode()).as("status").isEqualTo(403);
            assertThat(response.body()).as("error").contains("Policy expired");
        }
    }

    @Nested
    class Operations {

        @Test
        void multipartUploadAssemblesThePartsInOrder() {
            byte[] first = new byte[5 * 1024 * 1024];
            java.util.Arrays.fill(first, (byte) 'a');
            byte[] second = "the end".getBytes(StandardCharsets.UTF_8);
            String key = "multipart/big file.bin";

            String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
            String eTag1 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(first)).eTag();
            String eTag2 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(2),
                    RequestBody.fromBytes(second)).eTag();
            String eTag = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(eTag1).build(),
                            CompletedPart.builder().partNumber(2).eTag(eTag2).build()))).eTag();

            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
            assertThat(stored).as("assembled object").hasSize(first.length + second.length);
            assertThat(new String(stored, first.length, second.length, StandardCharsets.UTF_8)).as("tail")
                    .isEqualTo("the end");
            assertThat(eTag).as("multipart ETag").endsWith("-2\"");
        }

        @Test
        void signedPutsWithCommonContentTypesAreAccepted() {
            // the signature covers Content-Type as sent; Jetty must not swap "UTF-8" or "text/html; ..." for a cached value
            for (String type : List.of("text/html; charset=utf-8", "text/html;charset=utf-8", "text/plain; charset=UTF-8",
                    "application/json", "text/javascript; charset=utf-8")) {
                s3.putObject(b -> b.bucket(BUCKET).key("types/file"), RequestBody.fromString("x"));
                s3.putObject(b -> b.bucket(BUCKET).key("types/file").contentType(type), RequestBody.fromString("x"));
                assertThat(s3.headObject(b -> b.bucket(BUCKET).key("types/file")).contentType())
                        .as("stored type of a PUT with %s", type).isEqualToIgnoringWhitespace(type.toLowerCase());
            }
        }

        @Test
        void copyDeleteObjectsAndListObjectsV2() {
            s3.putObject(b -> b.bucket(BUCKET).key("ops/source.txt"), RequestBody.fromString("copy me"));
            s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("ops/source.txt")
                    .destinationBucket(BUCKET).destinationKey("ops/copy.txt"));
            s3.putObject(b -> b.bucket(BUCKET).key("ops/third.txt"), RequestBody.fromString("3"));

            List<String> listed = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("ops/")).contents().stream()
                    .map(S3Object::key).toList();
            assertThat(listed).as("listed before delete")
                    .containsExactly("ops/copy.txt", "ops/source.txt", "ops/third.txt");
            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("ops/copy.txt")).asUtf8String())
                    .as("copy").isEqualTo("copy me");

            var deleted = s3.deleteObjects(b -> b.bucket(BUCKET).delete(Delete.builder().objects(
                    ObjectIdentifier.builder().key("ops/source.txt").build(),
                    ObjectIdentifier.builder().key("ops/third.txt").build()).build()));

            assertThat(deleted.deleted()).as("deleted").hasSize(2);
            assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("ops/")).contents().stream()
                    .map(S3Object::key)).as("listed after delete").containsExactly("ops/copy.txt");
        }

        @Test
        void missingBucketAndKeyGetS3Errors() {
            assertThatThrownBy(() -> s3.getObject(b -> b.bucket(BUCKET).key("nope")))
                    .as("missing key").isInstanceOfSatisfying(S3Exception.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey"));
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("no-such-bucket").key("k"),
                    RequestBody.fromString("x")))
                    .as("missing bucket").isInstanceOfSatisfying(S3Exception.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket"));
        }
    }

    @Nested
    class Cors {

        @Test
        void preflightForABrowserUploadIsAllowedByDefault() {
            HttpResponse<String> response = Clients.send(Clients.request(endpoint, "/" + BUCKET + "/photo.jpg")
                    .header("Origin", "http://localhost:8080")
                    .header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", "content-type,x-amz-date")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

            assertThat(response.statusCode()).as("status").isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as("allowed origin")
                    .contains("*");
            assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).as("allowed methods")
                    .hasValueSatisfying(methods -> assertThat(methods).contains("PUT").contains("POST"));
            assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).as("allowed headers")
                    .contains("content-type,x-amz-date");
            assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).as("exposed headers")
                    .hasValueSatisfying(headers -> assertThat(headers).contains("ETag"));
        }

        @Test
        void bucketRulesFromTheTemplateAreHonoured() {
            HttpResponse<String> refused = Clients.send(Clients.request(endpoint, "/" + STRICT_BUCKET + "/a.jpg")
                    .header("Origin", "https://app.example.com")
                    .header("Access-Control-Request-Method", "PUT")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            HttpResponse<String> otherOrigin = Clients.send(Clients.request(endpoint, "/" + STRICT_BUCKET + "/a.jpg")
                    .header("Origin", "https://evil.example.com")
                    .header("Access-Control-Request-Method", "GET")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            HttpResponse<String> allowed = Clients.send(Clients.request(endpoint, "/" + STRICT_BUCKET + "/a.jpg")
                    .header("Origin", "https://app.example.com")
                    .header("Access-Control-Request-Method", "GET")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

            assertThat(refused.statusCode()).as("PUT preflight on a GET-only bucket").isEqualTo(403);
            assertThat(refused.body()).as("refusal").contains("<Code>AccessForbidden</Code>");
            assertThat(otherOrigin.statusCode()).as("preflight from an origin not listed").isEqualTo(403);
            assertThat(allowed.statusCode()).as("GET preflight from the listed origin").isEqualTo(200);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).as("allowed origin")
                    .contains("https://app.example.com");
            assertThat(allowed.headers().firstValue("Access-Control-Max-Age")).as("max age").contains("600");
        }

        @Test
        void actualCrossOriginResponsesCarryTheCorsHeaders() {
            s3.putObject(b -> b.bucket(BUCKET).key("cors/read.txt"), RequestBody.fromString("readable"));
            try (var presigner = Clients.presigner(endpoint)) {
                URI get = URI.create(presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(r -> r.bucket(BUCKET).key("cors/read.txt"))).url().toString());

                HttpResponse<String> response = Clients.send(HttpRequest.newBuilder(get)
                        .header("Origin", "http://localhost:3000").GET().build());

                assertThat(response.statusCode()).as("status").isEqualTo(200);
                assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as("allowed origin")
                        .contains("*");
                assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).as("exposed")
                        .hasValueSatisfying(headers -> assertThat(headers).contains("ETag"));
            }
        }
    }
}
