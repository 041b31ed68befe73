package dev.mediapipeline.website;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.mediapipeline.aws.S3ObjectStore;
import dev.mediapipeline.testing.EmbeddedS3;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The custom resource end to end: CloudFormation's request (events/ fixtures) in, the site in a real S3 API
 * (S3Proxy), and the answer PUT to the ResponseURL, served here by a JDK HTTP server standing in for S3.
 */
class WebsiteDeployHandlerTest {

    private static final String BUCKET = "media-pipeline-website-000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "events");
    private static final Path SITE = Path.of("..", "website", "public");

    static EmbeddedS3 s3;
    static S3Client client;

    HttpServer responses;
    final List<Map<String, Object>> answers = new CopyOnWriteArrayList<>();
    final List<String> answerContentTypes = new CopyOnWriteArrayList<>();
    WebsiteDeployHandler handler;

    @BeforeAll
    static void startS3() {
        s3 = EmbeddedS3.start();
        client = s3.client();
    }

    @AfterAll
    static void stopS3() {
        client.close();
        s3.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        if (client.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
            client.createBucket(b -> b.bucket(BUCKET));
        }
        for (S3Object o : client.listObjectsV2(b -> b.bucket(BUCKET)).contents()) {
            client.deleteObject(b -> b.bucket(BUCKET).key(o.key()));
        }
        responses = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        responses.createContext("/", exchange -> {
            try (exchange) {
                answerContentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
                answers.add(JSON.readValue(exchange.getRequestBody(), new TypeReference<>() { }));
                exchange.sendResponseHeaders(exchange.getRequestMethod().equals("PUT") ? 200 : 405, -1);
            }
        });
        responses.start();
        handler = new WebsiteDeployHandler(new WebsiteDeployConfig(BUCKET), new WebsitePublisher(new S3ObjectStore(client)),
                () -> SiteBundle.fromDirectory(SITE), new HttpCustomResourceResponder());
    }

    @AfterEach
    void tearDown() {
        responses.stop(0);
    }

    Map<String, Object> event(String fixture) throws IOException {
        Map<String, Object> event = JSON.readValue(EVENTS.resolve(fixture).toFile(), new TypeReference<>() { });
        // the same request, answered to this test instead of CloudFormation's bucket
        event.put("ResponseURL", "http://127.0.0.1:" + responses.getAddress().getPort() + "/response?X-Amz-Signature=x");
        return event;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(Map<String, Object> event) {
        return (Map<String, Object>) event.get("ResourceProperties");
    }

    String object(String key) {
        ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        return bytes.asString(StandardCharsets.UTF_8);
    }

    List<String> keys() {
        return client.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).sorted().toList();
    }

    @Nested
    class Create {

        @Test
        void publishesEverySiteFileAndConfigJsonAndAnswersSuccess() throws IOException {
            handler.handleRequest(event("cfn-website-content-create.json"), null);

            List<String> siteFiles;
            try (var walk = Files.walk(SITE)) {
                siteFiles = walk.filter(Files::isRegularFile).map(p -> SITE.relativize(p).toString().replace('\\', '/'))
                        .sorted().toList();
            }
            assertThat(keys()).as("bucket = the site + config.json").containsAll(siteFiles).contains("config.json")
                    .hasSize(siteFiles.size() + 1);
            assertThat(object("index.html")).as("index.html").isEqualTo(Files.readString(SITE.resolve("index.html")));
            Map<String, Object> config = JSON.readValue(object("config.json"), new TypeReference<>() { });
            assertThat(config).as("config.json")
                    .containsEntry("apiBaseUrl", "https://abc123defg.execute-api.us-east-1.amazonaws.com")
                    .containsEntry("environment", "aws");

            var head = client.headObject(b -> b.bucket(BUCKET).key("js/main.js"));
            assertThat(head.contentType()).as("module scripts need a JavaScript type").isEqualToIgnoringWhitespace("text/javascript; charset=utf-8");
            assertThat(head.cacheControl()).as("revalidated: file names carry no hash").isEqualTo("no-cache");
            assertThat(client.headObject(b -> b.bucket(BUCKET).key("index.html")).contentType()).as("index type")
                    .isEqualToIgnoringWhitespace("text/html; charset=utf-8");
            assertThat(client.headObject(b -> b.bucket(BUCKET).key("config.json")).contentType()).as("config type")
                    .isEqualTo("application/json");

            assertThat(answers).as("one answer").hasSize(1);
            Map<String, Object> answer = answers.getFirst();
            assertThat(answer).as("answer")
                    .containsEntry("Status", "SUCCESS")
                    .containsEntry("PhysicalResourceId", "website-content:" + BUCKET)
                    .containsEntry("RequestId", "3a7c1d8e-6f5b-4c2a-9d1e-2f3a4b5c6d7e")
                    .containsEntry("LogicalResourceId", "WebsiteContent")
                    .containsEntry("StackId", "arn:aws:cloudformation:us-east-1:000000000000:stack/media-pipeline/5b1c2a30-0000-11f0-0000-0a1b2c3d4e5f");
            assertThat(answerContentTypes).as("no Content-Type: the presigned URL is signed without one")
                    .containsExactly("null");
        }

        @Test
        void anUpdateRemovesFilesTheSiteNoLongerHasAndKeepsTheRest() throws IOException {
            client.putObject(b -> b.bucket(BUCKET).key("js/old-module.js"), RequestBody.fromString("old"));
            Map<String, Object> update = event("cfn-website-content-create.json");
            update.put("RequestType", "Update");
            update.put("PhysicalResourceId", "website-content:" + BUCKET);
            props(update).put("ApiBaseUrl", "https://new.execute-api.us-east-1.amazonaws.com/");

            handler.handleRequest(update, null);

            assertThat(keys()).as("stale file removed").doesNotContain("js/old-module.js").contains("index.html");
            assertThat(object("config.json")).as("new API URL, without its trailing slash")
                    .contains("\"apiBaseUrl\" : \"https://new.execute-api.us-east-1.amazonaws.com\"");
            assertThat(answers.getFirst()).as("answer").containsEntry("Status", "SUCCESS")
                    .containsEntry("Data", Map.of("Files", keys().size() - 1, "Removed", 1));
        }

        @Test
        void aDevelopmentConfigJsonInTheSiteNeverReplacesTheDeployedOne(@TempDir Path site) throws IOException {
            Files.writeString(site.resolve("index.html"), "<!doctype html>");
            Files.writeString(site.resolve("config.json"), "{\"apiBaseUrl\":\"http://localhost:8080/api\"}");
            Files.writeString(site.resolve(".DS_Store"), "junk");
            handler = new WebsiteDeployHandler(new WebsiteDeployConfig(BUCKET),
                    new WebsitePublisher(new S3ObjectStore(client)), () -> SiteBundle.fromDirectory(site),
                    new HttpCustomResourceResponder());

            handler.handleRequest(event("cfn-website-content-create.json"), null);

            assertThat(keys()).as("hidden files stay out").containsExactly("config.json", "index.html");
            assertThat(object("config.json")).as("config.json").contains("execute-api").doesNotContain("localhost");
        }
    }

    @Nested
    class Failures {

        @Test
        void aMissingPropertyIsAnsweredAsFailedWithTheReason() throws IOException {
            Map<String, Object> event = event("cfn-website-content-create.json");
            props(event).remove("ApiBaseUrl");

            handler.handleRequest(event, null);

            assertThat(answers).as("answered even though it failed").hasSize(1);
            assertThat(answers.getFirst()).as("answer").containsEntry("Status", "FAILED")
                    .containsEntry("PhysicalResourceId", "website-content-failed-3a7c1d8e-6f5b-4c2a-9d1e-2f3a4b5c6d7e");
            assertThat(answers.getFirst().get("Reason")).as("reason").asString().contains("ApiBaseUrl");
            assertThat(keys()).as("nothing published").isEmpty();
        }

        @Test
        void anotherBucketIsRefused() throws IOException {
            Map<String, Object> event = event("cfn-website-content-create.json");
            props(event).put("BucketName", "someone-elses-bucket");

            handler.handleRequest(event, null);

            assertThat(answers.getFirst()).as("answer").containsEntry("Status", "FAILED");
            assertThat(answers.getFirst().get("Reason")).as("reason").asString().contains("WEBSITE_BUCKET");
        }

        @Test
        void aPackageWithoutTheSiteFailsWithHowToBuildIt() throws IOException {
            handler = new WebsiteDeployHandler(new WebsiteDeployConfig(BUCKET),
                    new WebsitePublisher(new S3ObjectStore(client)), () -> {
                        throw new SiteBundle.SiteNotFoundException("the function's package holds no site/index.html");
                    }, new HttpCustomResourceResponder());

            handler.handleRequest(event("cfn-website-content-create.json"), null);

            assertThat(answers.getFirst()).as("answer").containsEntry("Status", "FAILED");
            assertThat(answers.getFirst().get("Reason")).as("reason").asString().contains("site/index.html");
        }
    }

    @Nested
    class Delete {

        @Test
        void emptiesTheBucketSoTheStackCanDeleteIt() throws IOException {
            handler.handleRequest(event("cfn-website-content-create.json"), null);
            assertThat(keys()).as("published first").isNotEmpty();

            handler.handleRequest(event("cfn-website-content-delete.json"), null);

            assertThat(keys()).as("bucket after delete").isEmpty();
            assertThat(answers.getLast()).as("answer").containsEntry("Status", "SUCCESS")
                    .containsEntry("PhysicalResourceId", "website-content:" + BUCKET);
        }

        @Test
        void aBucketThatIsAlreadyGoneIsEmpty() throws IOException {
            client.deleteBucket(b -> b.bucket(BUCKET));

            handler.handleRequest(event("cfn-website-content-delete.json"), null);

            assertThat(answers.getFirst()).as("answer").containsEntry("Status", "SUCCESS");
        }

        @Test
        void theDeleteOfACreateThatFailedTouchesNothing() throws IOException {
            client.putObject(b -> b.bucket(BUCKET).key("keep.txt"), RequestBody.fromString("keep"));
            Map<String, Object> event = new HashMap<>(event("cfn-website-content-delete.json"));
            event.put("PhysicalResourceId", "website-content-failed-3a7c1d8e-6f5b-4c2a-9d1e-2f3a4b5c6d7e");

            handler.handleRequest(event, null);

            assertThat(keys()).as("bucket untouched").containsExactly("keep.txt");
            assertThat(answers.getFirst()).as("answer").containsEntry("Status", "SUCCESS");
        }
    }
}
