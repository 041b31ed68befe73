package dev.mediapipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.local.testfunction.ProbeFunction;
import dev.mediapipeline.testing.EmbeddedS3;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code invoke FUNCTION -e EVENT}, the sam local invoke equivalent: output and exit codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvokeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddedS3 s3;
    private Path dir;
    private Path template;

    @BeforeAll
    void setUp(@TempDir Path tmp) throws Exception {
        dir = tmp;
        s3 = EmbeddedS3.start();
        s3.createBucket("invoke-test");
        template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Resources:
                  Probe:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: %s
                      Handler: %s
                      Runtime: java21
                      MemorySize: 256
                      Timeout: 20
                """.formatted(ProbeFunction.jar(), ProbeFunction.HANDLER));
    }

    @AfterAll
    void tearDown() {
        s3.close();
    }

    private record Outcome(int code, String out, String err) {
    }

    private Outcome invoke(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        int code = LocalRuntime.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), (h, p, d, r, l) -> {
                    throw new AssertionError("no endpoint may be started when --endpoint-url is given");
                });
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path event(String name, String json) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    @Test
    void aSuccessfulInvocationPrintsTheResultAndExitsZero() throws Exception {
        Outcome o = invoke("invoke", "Probe", "-e", event("echo.json", "{\"action\":\"echo\",\"n\":7}").toString(),
                "--template", template.toString(), "--endpoint-url", s3.endpoint().toString());
        assertThat(o.code()).as("exit code; stderr:\n%s", o.err()).isZero();
        JsonNode result = JSON.readTree(o.out());
        assertThat(result.at("/event/n").asInt()).isEqualTo(7);
        assertThat(o.err()).as("the function's logs").contains("[Probe] plain text line from Probe");
    }

    @Test
    void aFailingFunctionPrintsItsErrorAndExitsOne() throws Exception {
        Outcome o = invoke("invoke", "Probe", "--event", event("throw.json", "{\"action\":\"throw\",\"message\":\"bad photo\"}").toString(),
                "--template", template.toString(), "--endpoint-url", s3.endpoint().toString());
        assertThat(o.code()).as("stderr:\n%s", o.err()).isEqualTo(LocalRuntime.FUNCTION_ERROR);
        JsonNode error = JSON.readTree(o.out());
        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.path("errorMessage").asText()).isEqualTo("bad photo");
        assertThat(o.err()).as("the report line").containsPattern("REPORT RequestId: [0-9a-f-]{36}\tDuration: [0-9.]+ ms"
                + "\tMemory Size: 256 MB\tOutcome: error \\(java.lang.IllegalStateException\\)");
    }

    @Test
    void theFunctionReachesTheEndpointThroughAwsEndpointUrl() throws Exception {
        // an S3 server that knows only test/test: --no-iam gives the function those shared credentials
        Outcome o = invoke("invoke", "Probe", "-e", event("put.json",
                        "{\"action\":\"s3put\",\"bucket\":\"invoke-test\",\"key\":\"from/probe.json\"}").toString(),
                "--template", template.toString(), "--endpoint-url", s3.endpoint().toString(), "--no-iam");
        assertThat(o.code()).as("stderr:\n%s", o.err()).isZero();
        try (S3Client client = s3.client()) {
            JsonNode written = JSON.readTree(client.getObjectAsBytes(b -> b.bucket("invoke-test").key("from/probe.json")).asByteArray());
            assertThat(written.at("/env/AWS_ENDPOINT_URL").asText()).isEqualTo(s3.endpoint().toString());
            assertThat(written.at("/env/AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("Probe");
            assertThat(written.at("/event/key").asText()).isEqualTo("from/probe.json");
        }
    }

    @Test
    void mistakesExitTwoWithTheReason() throws Exception {
        Outcome unknown = invoke("invoke", "Nope", "--template", template.toString(), "--endpoint-url", s3.endpoint().toString());
        assertThat(unknown.code()).isEqualTo(LocalRuntime.USAGE);
        assertThat(unknown.err()).contains("no function 'Nope'").contains("Probe");

        Outcome missing = invoke("invoke", "Probe", "-e", dir.resolve("absent.json").toString(), "--template",
                template.toString(), "--endpoint-url", s3.endpoint().toString());
        assertThat(missing.code()).isEqualTo(LocalRuntime.USAGE);
        assertThat(missing.err()).contains("absent.json does not exist");

        Outcome notJson = invoke("invoke", "Probe", "-e", event("bad.json", "{nope").toString(), "--template",
                template.toString(), "--endpoint-url", s3.endpoint().toString());
        assertThat(notJson.code()).isEqualTo(LocalRuntime.USAGE);
        assertThat(notJson.err()).contains("is not JSON");

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(template).replace("      Handler: " + ProbeFunction.HANDLER + "\n", ""));
        Outcome badTemplate = invoke("invoke", "Probe", "--template", broken.toString(), "--endpoint-url", s3.endpoint().toString());
        assertThat(badTemplate.code()).isEqualTo(LocalRuntime.USAGE);
        assertThat(badTemplate.err()).contains("broken.yaml: Resources.Probe.Properties.Handler: missing");

        Outcome noFunction = invoke("invoke");
        assertThat(noFunction.code()).isEqualTo(LocalRuntime.USAGE);
        assertThat(noFunction.err()).contains("invoke needs the function's name").contains("Usage:");

        Outcome badOption = invoke("--colour", "blue");
        assertThat(badOption.code()).isEqualTo(LocalRuntime.USAGE);
        assertThat(badOption.err()).contains("unknown option '--colour'");
    }

    @Test
    void helpExitsZero() {
        Outcome help = invoke("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--parameter-overrides").contains("invoke FUNCTION");
    }
}
