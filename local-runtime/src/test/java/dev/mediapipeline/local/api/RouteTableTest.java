package dev.mediapipeline.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.local.template.HttpApiDefinition.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    static Route route(String method, String path) {
        return new Route(method, path, "Fn", "2.0", "Event");
    }

    static Optional<String> key(RouteTable table, String method, String path) {
        return table.match(method, path).map(m -> m.route().routeKey());
    }

    @Nested
    class TheMediaApiRoutes {

        final RouteTable table = new RouteTable(List.of(route("POST", "/uploads"), route("GET", "/limits"),
                route("GET", "/media"), route("GET", "/media/{id}"), route("DELETE", "/media/{id}"),
                route("GET", "/media/{id}/hls/{proxy+}"), route("OPTIONS", "/{proxy+}")));

        @Test
        void eachRequestFindsItsRoute() {
            assertThat(key(table, "POST", "/uploads")).as("exact").contains("POST /uploads");
            assertThat(key(table, "GET", "/media")).contains("GET /media");
            assertThat(key(table, "GET", "/media/abc")).contains("GET /media/{id}");
            assertThat(key(table, "DELETE", "/media/abc")).contains("DELETE /media/{id}");
            assertThat(key(table, "GET", "/media/abc/hls/720p/playlist.m3u8")).contains("GET /media/{id}/hls/{proxy+}");
            assertThat(key(table, "OPTIONS", "/media/abc")).as("greedy at the root").contains("OPTIONS /{proxy+}");
        }

        @Test
        void pathParametersAreDecoded() {
            var match = table.match("GET", "/media/a%20b%2Bc+d").orElseThrow();
            assertThat(match.pathParameters()).isEqualTo(Map.of("id", "a b+c+d"));
            assertThat(table.match("GET", "/media/x/hls/720p/seg%201.ts").orElseThrow().pathParameters())
                    .isEqualTo(Map.of("id", "x", "proxy", "720p/seg 1.ts"));
        }

        @Test
        void aPathKnownOnlyForOtherMethodsOrUnknownMatchesNothing() {
            assertThat(key(table, "PUT", "/uploads")).as("API Gateway answers 404, not 405").isEmpty();
            assertThat(key(table, "GET", "/nothing")).isEmpty();
            assertThat(key(table, "GET", "/")).isEmpty();
            assertThat(key(table, "GET", "/media/")).as("a variable is never empty").isEmpty();
            assertThat(key(table, "GET", "/media/a/b")).isEmpty();
            assertThat(key(table, "OPTIONS", "/")).as("a greedy variable needs a segment").isEmpty();
            assertThat(key(table, "HEAD", "/media")).as("HEAD is no GET").isEmpty();
        }
    }

    @Nested
    class Precedence {

        @Test
        void literalOverVariableOverGreedyThenMethodOverAny() {
            RouteTable table = new RouteTable(List.of(route("ANY", "/{proxy+}"), route("GET", "/{proxy+}"),
                    route("ANY", "/items/{id}"), route("GET", "/items/{id}"), route("ANY", "/items/special"),
                    route("ANY", "$default")));
            assertThat(key(table, "GET", "/items/special")).contains("ANY /items/special");
            assertThat(key(table, "GET", "/items/7")).contains("GET /items/{id}");
            assertThat(key(table, "POST", "/items/7")).contains("ANY /items/{id}");
            assertThat(key(table, "GET", "/other/7")).contains("GET /{proxy+}");
            assertThat(key(table, "PATCH", "/other")).contains("ANY /{proxy+}");
            assertThat(key(table, "GET", "/")).as("what no route takes").contains("$default");
        }

        @Test
        void defaultTakesEverythingElseWithoutParameters() {
            RouteTable table = new RouteTable(List.of(route("ANY", "$default")));
            var match = table.match("DELETE", "/any/where").orElseThrow();
            assertThat(match.route().routeKey()).isEqualTo("$default");
            assertThat(match.pathParameters()).isEmpty();
        }
    }
}
