package dev.mediapipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.local.testfunction.ProbeFunction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The runtime on the real AWS endpoint, in this JVM: objects written through the S3 API become notifications,
 * SNS fan-out, and on-failure records written through the S3 API trigger the functions listening on that bucket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path records;
    private LocalRuntime runtime;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        records = Files.createDirectories(dir.resolve("records"));
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Globals:
                  Function:
                    Runtime: java21
                    CodeUri: %s
                    Handler: %s
                    MemorySize: 256
                    Timeout: 30
                    Environment: {Variables: {PROBE_RECORD_DIR: %s}}
                Resources:
                  Uploads:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: e2e-uploads
                      NotificationConfiguration:
                        TopicConfigurations: [{Event: 's3:ObjectCreated:*', Topic: !Ref Topic}]
                  Renditions:
                    Type: AWS::S3::Bucket
                    Properties: {BucketName: e2e-renditions}
                  Failures:
                    Type: AWS::S3::Bucket
                    Properties: {BucketName: e2e-failures}
                  Topic: {Type: AWS::SNS::Topic}
                  Maker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events: {Uploads: {Type: SNS, Properties: {Topic: !Ref Topic}}}
                      EventInvokeConfig:
                        MaximumRetryAttempts: 2
                        DestinationConfig: {OnFailure: {Type: S3Bucket, Destination: !GetAtt Failures.Arn}}
                  Indexer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Failed:
                          Type: S3
                          Properties: {Bucket: !Ref Failures, Events: 's3:ObjectCreated:*'}
                """.formatted(ProbeFunction.jar(), ProbeFunction.HANDLER, records));
        CommandLine commandLine = CommandLine.parse(List.of("--port", "0", "--web-port", "0", "--in-memory", "--retry-delay", "100ms",
                "--template", template.toString()), dir);
        runtime = LocalRuntime.start(commandLine, new PrintStream(console, true, StandardCharsets.UTF_8),
                Endpoints.factory());
    }

    @AfterAll
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private List<JsonNode> received(String function) {
        return ProbeFunction.received(records, function);
    }

    private static String key(JsonNode event) {
        return ProbeFunction.decodedKey(event);
    }

    @Test
    void anUploadThatFailsEndsAsARecordThatTriggersTheIndexer() throws Exception {
        S3Client s3 = runtime.services().s3();
        s3.putObject(b -> b.bucket("e2e-uploads").key("photos/fine été.jpg"), RequestBody.fromString("ok"));
        s3.putObject(b -> b.bucket("e2e-uploads").key("photos/probe-action-throw.jpg"), RequestBody.fromString("bad"));
        s3.putObject(b -> b.bucket("e2e-renditions").key("abc/thumbnails/phone.jpg"), RequestBody.fromString("r"));
        assertThat(runtime.cloud().asyncInvoker().awaitIdle(Duration.ofSeconds(120))).isTrue();

        List<JsonNode> maker = received("Maker");
        assertThat(maker.stream().filter(r -> key(r.get("event")).equals("photos/fine été.jpg"))).as("the good upload").hasSize(1);
        JsonNode good = maker.stream().filter(r -> key(r.get("event")).equals("photos/fine été.jpg")).findFirst().orElseThrow();
        JsonNode s3Event = JSON.readTree(good.at("/event/Records/0/Sns/Message").asText());
        assertThat(s3Event.at("/Records/0/s3/object/size").asLong()).as("size from the endpoint").isEqualTo(2);
        assertThat(s3Event.at("/Records/0/s3/object/eTag").asText()).isEqualTo("444bcb3a3fcf8389296c49467f27e1d6");
        assertThat(s3Event.at("/Records/0/s3/object/sequencer").asText()).isNotBlank();
        assertThat(maker.stream().filter(r -> key(r.get("event")).equals("photos/probe-action-throw.jpg")))
                .as("the bad upload: three attempts").hasSize(3);

        List<JsonNode> indexer = received("Indexer");
        assertThat(indexer).as("the failure record, written through S3, notified the indexer").hasSize(1);
        String recordKey = key(indexer.getFirst().get("event"));
        assertThat(recordKey).startsWith("aws/lambda/async/Maker/");
        JsonNode record = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket("e2e-failures").key(recordKey)).asByteArray());
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(key(JSON.readTree(record.at("/requestPayload/Records/0/Sns/Message").asText())))
                .isEqualTo("photos/probe-action-throw.jpg");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("[Maker] plain text line from Maker");
    }
}
