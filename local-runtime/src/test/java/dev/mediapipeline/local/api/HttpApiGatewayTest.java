package dev.mediapipeline.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.local.CommandLine;
import dev.mediapipeline.local.Fixtures;
import dev.mediapipeline.local.LocalRuntime;
import dev.mediapipeline.local.template.HttpApiDefinition;
import dev.mediapipeline.local.testfunction.ProbeFunction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API Gateway emulation on the real local runtime: requests over HTTP to the web port, functions in their own
 * JVMs through the Runtime API. First the probe function (it shows the event it got and answers what it is told),
 * then the real media API function with the project's template.yaml.
 */
class HttpApiGatewayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithTheProbeFunction {

        LocalRuntime runtime;
        URI web;

        @BeforeAll
        void start(@TempDir Path dir) throws IOException {
            Path template = dir.resolve("template.yaml");
            Files.writeString(template, """
                    Globals:
                      Function:
                        Runtime: java21
                        CodeUri: %s
                        Handler: %s
                        MemorySize: 256
                        Timeout: 30
                    Resources:
                      Api:
                        Type: AWS::Serverless::HttpApi
                      CorsApi:
                        Type: AWS::Serverless::HttpApi
                        Properties:
                          CorsConfiguration:
                            AllowOrigins: [https://app.example.com]
                            AllowMethods: [GET, POST]
                            AllowHeaders: [content-type]
                            ExposeHeaders: [x-probe]
                            MaxAge: 600
                      Probe:
                        Type: AWS::Serverless::Function
                        Properties:
                          Events:
                            Item: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: GET, Path: '/items/{id}'}}
                            Anything: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: ANY, Path: '/probe/{proxy+}'}}
                            Cors: {Type: HttpApi, Properties: {ApiId: !Ref CorsApi, Method: ANY, Path: '/{proxy+}'}}
                      Slow:
                        Type: AWS::Serverless::Function
                        Properties:
                          Timeout: 2
                          Events:
                            Slow: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: GET, Path: /slow}}
                    """.formatted(ProbeFunction.jar(), ProbeFunction.HANDLER));
            runtime = LocalRuntime.start(CommandLine.parse(List.of("--port", "0", "--web-port", "0", "--in-memory",
                    "--template", template.toString()), dir), new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8));
            web = runtime.web().orElseThrow().uri();
        }

        @AfterAll
        void stop() {
            if (runtime != null) {
                runtime.close();
            }
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(web.resolve(path));
        }

        HttpApiDefinition api(String logicalId) {
            return runtime.template().httpApis().stream().filter(a -> a.logicalId().equals(logicalId)).findFirst()
                    .orElseThrow();
        }

        @Test
        void theApisAreMountedFromTheTemplate() {
            assertThat(runtime.apis()).extracting(HttpApiGateway::basePath).containsExactly("/api", "/corsapi");
            assertThat(runtime.banner()).contains("HTTP API       " + web + "/api   Api: 3 routes → Probe, Slow");
        }

        @Test
        void theFunctionGetsApiGatewaysEvent() throws Exception {
            HttpResponse<byte[]> response = send(request("/api/items/a%20b?x=1&x=2&other=%C3%A9")
                    .header("X-Multi", "one").header("X-Multi", "two").header("Cookie", "session=abc; theme=dark")
                    .header("User-Agent", "gateway-test"));
            assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).as("a response without statusCode: JSON")
                    .contains("application/json");
            JsonNode event = json(response).get("event");
            assertThat(event.get("version").asText()).isEqualTo("2.0");
            assertThat(event.get("routeKey").asText()).isEqualTo("GET /items/{id}");
            assertThat(event.get("rawPath").asText()).isEqualTo("/api/items/a%20b");
            assertThat(event.get("rawQueryString").asText()).isEqualTo("x=1&x=2&other=%C3%A9");
            assertThat(event.at("/queryStringParameters/x").asText()).isEqualTo("1,2");
            assertThat(event.at("/queryStringParameters/other").asText()).isEqualTo("é");
            assertThat(event.at("/pathParameters/id").asText()).isEqualTo("a b");
            assertThat(event.at("/headers/x-multi").asText()).isEqualTo("one,two");
            assertThat(event.at("/headers/user-agent").asText()).isEqualTo("gateway-test");
            assertThat(event.at("/headers/host").asText()).isEqualTo("localhost:" + web.getPort());
            assertThat(event.get("cookies").toString()).isEqualTo("[\"session=abc\",\"theme=dark\"]");
            JsonNode context = event.get("requestContext");
            assertThat(context.get("apiId").asText()).isEqualTo(api("Api").apiId()).hasSize(10);
            assertThat(context.get("accountId").asText()).isEqualTo("000000000000");
            assertThat(context.get("stage").asText()).isEqualTo("$default");
            assertThat(context.at("/http/method").asText()).isEqualTo("GET");
            assertThat(context.at("/http/sourceIp").asText()).isEqualTo("127.0.0.1");
            assertThat(context.at("/http/userAgent").asText()).isEqualTo("gateway-test");
            assertThat(context.get("requestId").asText()).as("the id API Gateway returns in apigw-requestid")
                    .isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
            JsonNode fixture = Fixtures.eventJson("api-get-media-id.json");
            for (String field : List.of("version", "routeKey", "rawPath", "rawQueryString", "headers", "requestContext",
                    "isBase64Encoded", "pathParameters")) {
                assertThat(event.get(field).getNodeType()).as(field).isEqualTo(fixture.get(field).getNodeType());
            }
        }

        @Test
        void aResponseObjectBecomesTheHttpResponse() throws Exception {
            HttpResponse<byte[]> response = send(request("/api/probe/teapot?action=respond")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"statusCode": 418, "headers": {"X-Probe": "yes", "Content-Type": "text/plain"},
                             "cookies": ["a=1; Path=/", "b=2"], "body": "I'm a teapot"}""")));
            assertThat(response.statusCode()).isEqualTo(418);
            assertThat(text(response)).isEqualTo("I'm a teapot");
            assertThat(response.headers().firstValue("x-probe")).contains("yes");
            assertThat(response.headers().firstValue("content-type")).contains("text/plain");
            assertThat(response.headers().allValues("set-cookie")).containsExactly("a=1; Path=/", "b=2");
        }

        @Test
        void binaryBodiesTravelAsBase64BothWays() throws Exception {
            byte[] binary = new byte[256];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) i;
            }
            String reply = "{\"statusCode\": 200, \"headers\": {\"Content-Type\": \"application/octet-stream\"},"
                    + " \"isBase64Encoded\": true, \"body\": \"" + Base64.getEncoder().encodeToString(binary) + "\"}";
            HttpResponse<byte[]> response = send(request("/api/probe/binary?action=respond")
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(reply.getBytes(StandardCharsets.UTF_8))));
            assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
            assertThat(response.body()).as("the request arrived base64-encoded, the response left decoded")
                    .isEqualTo(binary);
        }

        @Test
        void aJsonStringIsTheBodyOfA200() throws Exception {
            HttpResponse<byte[]> response = send(request("/api/probe/x?action=string"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(text(response)).isEqualTo("plain text answer");
        }

        @Test
        void aFunctionErrorOrAMalformedResponseIsA500() throws Exception {
            for (String action : List.of("throw", "garbage")) {
                HttpResponse<byte[]> response = send(request("/api/probe/x?action=" + action));
                assertThat(response.statusCode()).as(action).isEqualTo(500);
                assertThat(text(response)).as(action).isEqualTo("{\"message\":\"Internal Server Error\"}");
                assertThat(response.headers().firstValue("content-type")).contains("application/json");
                assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
            }
        }

        @Test
        void aFunctionTimeoutIsA500AndTheNextRequestIsServed() throws Exception {
            HttpResponse<byte[]> timedOut = send(request("/api/slow?action=sleep&millis=20000"));
            assertThat(timedOut.statusCode()).as("the function's 2 s Timeout: Lambda fails the invocation").isEqualTo(500);
            assertThat(text(timedOut)).isEqualTo("{\"message\":\"Internal Server Error\"}");
            HttpResponse<byte[]> next = send(request("/api/slow"));
            assertThat(next.statusCode()).as("a fresh process answers").isEqualTo(200);
            assertThat(runtime.cloud().functions().get("Slow").stats().timedOut()).isEqualTo(1);
        }

        @Test
        void noAnswerWithinTheIntegrationTimeoutIsA503() throws Exception {
            var gateway = new HttpApiGateway(api("Api"), "/short", FunctionInvoker.of(runtime.cloud().functions()),
                    GatewaySettings.defaults("000000000000").withIntegrationTimeout(Duration.ofSeconds(1)));
            runtime.web().orElseThrow().mount("/short", gateway);
            try {
                HttpResponse<byte[]> response = send(request("/short/probe/x?action=sleep&millis=4000"));
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(text(response)).isEqualTo("{\"message\":\"Service Unavailable\"}");
            } finally {
                runtime.web().orElseThrow().unmount("/short");
            }
        }

        @Test
        void whatNoRouteMatchesIsA404() throws Exception {
            long before = runtime.cloud().functions().get("Probe").stats().invocations();
            for (var r : List.of(request("/api/nothing"), request("/api/items/1").PUT(HttpRequest.BodyPublishers.noBody()),
                    request("/api"), request("/api/items/"), request("/apiary"))) {
                HttpResponse<byte[]> response = send(r);
                assertThat(response.statusCode()).as(r.build().uri().toString()).isEqualTo(404);
                assertThat(text(response)).isEqualTo("{\"message\":\"Not Found\"}");
            }
            assertThat(runtime.cloud().functions().get("Probe").stats().invocations()).as("no invocation").isEqualTo(before);
        }

        @Test
        void bodiesOverApiGatewaysAndLambdasLimitsAreA413() throws Exception {
            for (int size : List.of(GatewaySettings.MAX_REQUEST_BYTES + 1, 7 * 1024 * 1024)) {
                HttpResponse<byte[]> response = send(request("/api/probe/big").header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[size])));
                assertThat(response.statusCode()).as("%d bytes", size).isEqualTo(413);
                assertThat(text(response)).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
            }
            HttpResponse<byte[]> fine = send(request("/api/probe/big?action=string").header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("a".repeat(1024 * 1024))));
            assertThat(fine.statusCode()).as("1 MB is fine").isEqualTo(200);
        }

        @Nested
        class WhenTheApiDeclaresCors {

            @Test
            void theGatewayAnswersPreflightsItself() throws Exception {
                long before = runtime.cloud().functions().get("Probe").stats().invocations();
                HttpResponse<byte[]> allowed = send(request("/corsapi/anything").header("Origin", "https://app.example.com")
                        .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
                assertThat(allowed.statusCode()).isEqualTo(204);
                assertThat(allowed.headers().firstValue("access-control-allow-origin")).contains("https://app.example.com");
                assertThat(allowed.headers().firstValue("access-control-allow-methods")).contains("GET,POST");
                assertThat(allowed.headers().firstValue("access-control-allow-headers")).contains("content-type");
                assertThat(allowed.headers().firstValue("access-control-max-age")).contains("600");
                HttpResponse<byte[]> other = send(request("/corsapi/anything").header("Origin", "https://evil.example")
                        .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
                assertThat(other.statusCode()).isEqualTo(204);
                assertThat(other.headers().firstValue("access-control-allow-origin")).as("origin not allowed").isEmpty();
                assertThat(runtime.cloud().functions().get("Probe").stats().invocations()).as("no invocation")
                        .isEqualTo(before);
            }

            @Test
            void theConfiguredHeadersReplaceTheFunctions() throws Exception {
                String reply = "{\"statusCode\": 200, \"headers\": {\"Access-Control-Allow-Origin\": \"https://wrong.example\","
                        + " \"X-Probe\": \"1\"}, \"body\": \"ok\"}";
                HttpResponse<byte[]> response = send(request("/corsapi/x?action=respond").header("Origin", "https://app.example.com")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(reply)));
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().allValues("access-control-allow-origin")).containsExactly("https://app.example.com");
                assertThat(response.headers().firstValue("access-control-expose-headers")).contains("x-probe");
                assertThat(response.headers().firstValue("vary")).contains("Origin");
            }
        }
    }

    /** The real MediaApiFunction (its shaded jar) behind the routes of the project's template.yaml. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithTheMediaApiFunction {

        LocalRuntime runtime;
        URI web;
        URI api;

        @BeforeAll
        void start(@TempDir Path dir) {
            Path project = Fixtures.projectRoot();
            Path jar = project.resolve("media-api-function/target/media-api-function.jar");
            assertThat(jar).as("the media API function's package (./mvnw package builds it before this module)").exists();
            runtime = LocalRuntime.start(CommandLine.parse(List.of("--port", "0", "--web-port", "0", "--in-memory",
                    "--template", project.resolve("template.yaml").toString()), project), new PrintStream(
                    new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            web = runtime.web().orElseThrow().uri();
            api = URI.create(web + "/api");
        }

        @AfterAll
        void stop() {
            if (runtime != null) {
                runtime.close();
            }
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(api + path)).header("Origin", "http://localhost:" + web.getPort());
        }

        @Test
        void theRoutesAreTheTemplates() {
            HttpApiDefinition media = runtime.apis().getFirst().api();
            assertThat(media.logicalId()).isEqualTo("MediaHttpApi");
            assertThat(media.routes()).extracting(HttpApiDefinition.Route::routeKey).containsExactlyInAnyOrder(
                    "POST /uploads", "GET /limits", "GET /media", "GET /media/{id}", "DELETE /media/{id}",
                    "GET /media/{id}/hls/{proxy+}", "OPTIONS /{proxy+}", "$default");
            assertThat(media.routes()).extracting(HttpApiDefinition.Route::functionName).containsOnly("MediaApiFunction");
        }

        @Test
        void limitsComeFromTheTemplatesParameters() throws Exception {
            HttpResponse<byte[]> response = send(request("/limits"));
            assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
            assertThat(response.headers().firstValue("access-control-allow-origin")).as("CORS by the function").isPresent();
            JsonNode limits = json(response);
            assertThat(limits.get("maxSize").asLong()).isEqualTo(Long.parseLong(runtime.template().parameters().get("MaxUploadBytes")));
            assertThat(limits.get("allowedContentTypes")).extracting(JsonNode::asText)
                    .containsExactly(runtime.template().parameters().get("AllowedUploadTypes").split(","));
        }

        @Test
        void anUploadGrantLinksBackThroughTheMountAndUploadsToTheEndpoint() throws Exception {
            byte[] file = Files.readAllBytes(Fixtures.projectRoot().resolve("sample-media/tiny.jpg"));
            HttpResponse<byte[]> response = send(request("/uploads").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"fileName\": \"été (1).jpg\", \"contentType\": \"image/jpeg\","
                            + " \"size\": " + file.length + "}")));
            assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
            JsonNode grant = json(response);
            assertThat(grant.get("statusUrl").asText()).as("links keep the host and the /api mount")
                    .isEqualTo(api + "/media/" + grant.get("assetId").asText());
            String uploadUrl = grant.at("/upload/url").asText();
            assertThat(uploadUrl).as("a URL the browser reaches: the local endpoint")
                    .startsWith(runtime.services().uri().toString());

            String boundary = "----form" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (var field : (Iterable<Map.Entry<String, JsonNode>>) () -> grant.at("/upload/fields").fields()) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                        + "\"\r\n\r\n" + field.getValue().asText() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jpg\"\r\n"
                    + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<byte[]> upload = send(HttpRequest.newBuilder(URI.create(uploadUrl))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
            assertThat(upload.statusCode()).as(text(upload)).isEqualTo(204);
            String bucket = runtime.template().parameters().get("NamePrefix") + "-uploads-000000000000";
            byte[] stored = runtime.services().s3().getObjectAsBytes(b -> b.bucket(bucket).key(grant.get("key").asText()))
                    .asByteArray();
            assertThat(stored).isEqualTo(file);
        }

        @Test
        void unknownAssetsAndRoutesGetTheFunctionsJsonErrorsThroughTheDefaultRoute() throws Exception {
            HttpResponse<byte[]> unknown = send(request("/media/0123456789abcdef01234567"));
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json(unknown).at("/error/code").asText()).as("the API's own error format").isEqualTo("not_found");
            HttpResponse<byte[]> noRoute = send(request("/uploads").PUT(HttpRequest.BodyPublishers.noBody()));
            assertThat(noRoute.statusCode()).as("the template's $default route: the function's 405").isEqualTo(405);
            assertThat(json(noRoute).at("/error/code").asText()).isEqualTo("method_not_allowed");
            assertThat(noRoute.headers().firstValue("allow")).contains("POST");
        }

        @Test
        void preflightsReachTheFunctionThroughTheOptionsRoute() throws Exception {
            HttpResponse<byte[]> response = send(request("/uploads").header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.headers().firstValue("access-control-allow-origin")).isPresent();
            assertThat(response.headers().firstValue("access-control-allow-methods").orElse("")).contains("POST");
        }
    }
}
