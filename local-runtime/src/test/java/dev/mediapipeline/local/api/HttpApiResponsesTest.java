package dev.mediapipeline.local.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiResponsesTest {

    static GatewayResponse map(String payload) throws Exception {
        return HttpApiResponses.fromPayload(payload.getBytes(StandardCharsets.UTF_8));
    }

    static String body(GatewayResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aResponseObjectIsTheResponse() throws Exception {
        GatewayResponse r = map("""
                {"statusCode": 201, "headers": {"Content-Type": "text/plain", "X-Count": 3, "Content-Length": "999"},
                 "cookies": ["a=1; Path=/", "b=2"], "body": "created", "isBase64Encoded": false}""");
        assertThat(r.status()).isEqualTo(201);
        assertThat(body(r)).isEqualTo("created");
        assertThat(r.headers()).as("cookies become set-cookie headers; the gateway sets the length itself")
                .containsExactly(Map.entry("Content-Type", "text/plain"), Map.entry("X-Count", "3"),
                        Map.entry("set-cookie", "a=1; Path=/"), Map.entry("set-cookie", "b=2"));
    }

    @Test
    void base64BodiesAreDecoded() throws Exception {
        GatewayResponse r = map("{\"statusCode\": 200, \"body\": \"/9j/AA==\", \"isBase64Encoded\": true}");
        assertThat(r.body()).containsExactly(0xFF, 0xD8, 0xFF, 0x00);
    }

    @Test
    void withoutStatusCodeValidJsonIsA200JsonBody() throws Exception {
        GatewayResponse object = map("{ \"message\": \"Hello from Lambda!\" }");
        assertThat(object.status()).isEqualTo(200);
        assertThat(object.header("content-type")).isEqualTo("application/json");
        assertThat(body(object)).isEqualTo("{ \"message\": \"Hello from Lambda!\" }");
        assertThat(body(map("\"Hello from Lambda!\""))).as("a JSON string: its text").isEqualTo("Hello from Lambda!");
        assertThat(body(map("[1,2]"))).isEqualTo("[1,2]");
        assertThat(map("{\"statusCode\": 204}").body()).as("no body").isEmpty();
    }

    @Test
    void malformedResponsesAreRejected() {
        for (String bad : List.of("not json", "", "{\"statusCode\": \"abc\"}", "{\"statusCode\": 99}",
                "{\"statusCode\": 200, \"headers\": [1]}", "{\"statusCode\": 200, \"headers\": {\"a\": {\"b\": 1}}}",
                "{\"statusCode\": 200, \"body\": \"***\", \"isBase64Encoded\": true}",
                "{\"statusCode\": 200, \"cookies\": \"a=1\"}")) {
            assertThatThrownBy(() -> map(bad)).as(bad).isInstanceOf(HttpApiResponses.MalformedResponseException.class);
        }
    }
}
