package dev.mediapipeline.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediapipeline.local.Fixtures;
import dev.mediapipeline.local.template.HttpApiDefinition.Route;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HttpApiEventsTest {

    static final Instant WHEN = Instant.parse("2026-11-21T10:15:30.123Z");

    static HttpApiRequest request(String method, String path, String query, List<Map.Entry<String, String>> headers,
                                  String body) {
        return new HttpApiRequest(method, path, query, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                "HTTP/1.1", "127.0.0.1", 8080, WHEN);
    }

    static Map<String, String> withoutHeaders(Map<String, String> shape) {
        Map<String, String> out = new java.util.TreeMap<>(shape);
        out.keySet().removeIf(k -> k.startsWith("$.headers."));
        return out;
    }

    @Nested
    class AgainstTheFixtures {

        @Test
        void aGetHasTheShapeOfApiGatewaysEvent() {
            ObjectNode event = HttpApiEvents.event(request("GET", "/api/media/0123456789abcdef01234567", "",
                            List.of(Map.entry("Accept", "application/json"), Map.entry("Host", "localhost:8080"),
                                    Map.entry("Origin", "http://localhost:8080"), Map.entry("User-Agent", "Mozilla/5.0"),
                                    Map.entry("Content-length", "0")), null),
                    new Route("GET", "/media/{id}", "MediaApiFunction", "2.0", "GetMedia"),
                    Map.of("id", "0123456789abcdef01234567"), "abcdef1234", "000000000000", "JKJaXmPLvHcESHA=");
            JsonNode fixture = Fixtures.eventJson("api-get-media-id.json");
            assertThat(withoutHeaders(Fixtures.shape(event))).as("the same fields with the same JSON types as"
                    + " events/api-get-media-id.json").isEqualTo(withoutHeaders(Fixtures.shape(fixture)));
            assertThat(Fixtures.shape(event)).as("its headers, and API Gateway's trace header")
                    .containsAllEntriesOf(Fixtures.shape(fixture)).containsKey("$.headers.x-amzn-trace-id");
            assertThat(event.get("routeKey").asText()).isEqualTo(fixture.get("routeKey").asText());
            assertThat(event.at("/requestContext/routeKey").asText()).isEqualTo("GET /media/{id}");
            assertThat(event.at("/requestContext/stage").asText()).isEqualTo("$default");
            assertThat(event.at("/requestContext/time").asText()).isEqualTo("21/Nov/2026:10:15:30 +0000");
            assertThat(event.at("/requestContext/timeEpoch").asLong()).isEqualTo(WHEN.toEpochMilli());
            assertThat(event.at("/requestContext/domainName").asText()).isEqualTo("localhost");
            assertThat(event.at("/requestContext/http/path").asText()).as("the base path stays, as a stage's does")
                    .isEqualTo("/api/media/0123456789abcdef01234567");
            assertThat(event.get("rawPath").asText()).isEqualTo("/api/media/0123456789abcdef01234567");
            assertThat(event.at("/headers/host").asText()).isEqualTo("localhost:8080");
            assertThat(event.at("/headers/x-forwarded-proto").asText()).isEqualTo("http");
            assertThat(event.at("/headers/x-forwarded-port").asText()).isEqualTo("8080");
            assertThat(event.at("/headers/x-forwarded-for").asText()).isEqualTo("127.0.0.1");
            assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
            assertThat(event.has("body")).as("no body, no field").isFalse();
            assertThat(event.has("queryStringParameters")).isFalse();
        }

        @Test
        void aPostWithJsonHasTheShapeOfApiGatewaysEvent() {
            String body = "{\"fileName\": \"Beach day (1).jpg\", \"contentType\": \"image/jpeg\", \"size\": 312456}";
            ObjectNode event = HttpApiEvents.event(request("POST", "/api/uploads", "",
                            List.of(Map.entry("Accept", "application/json"), Map.entry("Host", "localhost:8080"),
                                    Map.entry("Origin", "http://localhost:8080"), Map.entry("User-Agent", "Mozilla/5.0"),
                                    Map.entry("Content-Type", "application/json"), Map.entry("Content-Length", "78")), body),
                    new Route("POST", "/uploads", "MediaApiFunction", "2.0", "CreateUpload"), Map.of(), "abcdef1234",
                    "000000000000", "JKJaXmPLvHcESHA=");
            JsonNode fixture = Fixtures.eventJson("api-post-uploads.json");
            assertThat(withoutHeaders(Fixtures.shape(event))).isEqualTo(withoutHeaders(Fixtures.shape(fixture)));
            assertThat(Fixtures.shape(event)).containsAllEntriesOf(Fixtures.shape(fixture));
            assertThat(event.get("body").asText()).as("text bodies as they are").isEqualTo(body);
        }
    }

    @Nested
    class HeadersCookiesAndQuery {

        final ObjectNode event = HttpApiEvents.event(request("GET", "/api/media", "kind=image&limit=5&tag=a&tag=b%20c&flag&q=x+y",
                        List.of(Map.entry("X-Custom", "one"), Map.entry("x-custom", "two"), Map.entry("Cookie", "a=1; b=2"),
                                Map.entry("Host", "localhost:8080"), Map.entry("X-Forwarded-For", "10.0.0.1")), null),
                new Route("ANY", "$default", "Fn", "2.0", "Default"), Map.of(), "abcdef1234", "000000000000", "id");

        @Test
        void headerNamesAreLowerCaseAndRepeatsJoinedWithCommas() {
            assertThat(event.at("/headers/x-custom").asText()).isEqualTo("one,two");
            assertThat(event.at("/headers/x-forwarded-for").asText()).as("the client's address appended")
                    .isEqualTo("10.0.0.1, 127.0.0.1");
            event.get("headers").fieldNames().forEachRemaining(name ->
                    assertThat(name).as("header name").isEqualTo(name.toLowerCase()));
        }

        @Test
        void cookiesMoveOutOfTheHeaders() {
            assertThat(event.get("cookies").toString()).isEqualTo("[\"a=1\",\"b=2\"]");
            assertThat(event.get("headers").has("cookie")).isFalse();
        }

        @Test
        void queryParametersAreDecodedWithRepeatsJoined() {
            assertThat(event.get("rawQueryString").asText()).isEqualTo("kind=image&limit=5&tag=a&tag=b%20c&flag&q=x+y");
            JsonNode q = event.get("queryStringParameters");
            assertThat(q.get("kind").asText()).isEqualTo("image");
            assertThat(q.get("tag").asText()).isEqualTo("a,b c");
            assertThat(q.get("flag").asText()).isEmpty();
            assertThat(q.get("q").asText()).isEqualTo("x y");
        }

        @Test
        void theDefaultRouteHasNoPathParameters() {
            assertThat(event.get("routeKey").asText()).isEqualTo("$default");
            assertThat(event.has("pathParameters")).isFalse();
        }
    }

    @Nested
    class Bodies {

        ObjectNode eventWith(String contentType, byte[] body) {
            return HttpApiEvents.event(new HttpApiRequest("PUT", "/api/x", "", contentType == null ? List.of()
                            : List.of(Map.entry("Content-Type", contentType)), body, "HTTP/1.1", "127.0.0.1", 8080, WHEN),
                    new Route("ANY", "$default", "Fn", "2.0", "Default"), Map.of(), "a", "0", "id");
        }

        @Test
        void binaryBodiesAreBase64Encoded() {
            byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x10};
            ObjectNode event = eventWith("image/jpeg", jpeg);
            assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
            assertThat(Base64.getDecoder().decode(event.get("body").asText())).isEqualTo(jpeg);
            assertThat(eventWith(null, "a=b".getBytes(StandardCharsets.UTF_8)).get("isBase64Encoded").asBoolean())
                    .as("no content type").isTrue();
            assertThat(eventWith("application/x-www-form-urlencoded", "a=b".getBytes(StandardCharsets.UTF_8))
                    .get("isBase64Encoded").asBoolean()).as("forms, as HTTP APIs do").isTrue();
        }

        @Test
        void textBodiesAreText() {
            for (String type : List.of("text/plain; charset=utf-8", "application/json", "application/vnd.api+json",
                    "application/xml", "image/svg+xml")) {
                ObjectNode event = eventWith(type, "é".getBytes(StandardCharsets.UTF_8));
                assertThat(event.get("isBase64Encoded").asBoolean()).as(type).isFalse();
                assertThat(event.get("body").asText()).as(type).isEqualTo("é");
            }
        }
    }

    @Test
    void requestIdsAndTraceIdsLookLikeApiGateways() {
        assertThat(HttpApiEvents.newRequestId()).matches("[A-Za-z0-9+/]{14}==");
        assertThat(HttpApiEvents.newTraceId(WHEN)).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
    }
}
