package dev.mediapipeline.local.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path temp;
    Path site;
    WebServer web;

    @BeforeEach
    void start() throws IOException {
        site = Files.createDirectories(temp.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>page</title>");
        Files.createDirectories(site.resolve("js"));
        Files.writeString(site.resolve("js/main.js"), "console.log('hi');");
        Files.createDirectories(site.resolve("docs"));
        Files.writeString(site.resolve("docs/index.html"), "docs");
        Files.writeString(site.resolve(".env"), "SECRET=1");
        Files.writeString(temp.resolve("outside.txt"), "outside the site");
        web = WebServer.start(new WebOptions("127.0.0.1", 0, site, "/api"));
    }

    @AfterEach
    void stop() {
        web.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(web.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the request line as it is (no client normalises the path). */
    String raw(String requestLine) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), web.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @Nested
    class StaticFiles {

        @Test
        void servesTheIndexAtTheRootWithItsType() throws Exception {
            var response = get("/");
            assertThat(response.statusCode()).as("status of /").isEqualTo(200);
            assertThat(response.body()).as("body of /").contains("<title>page</title>");
            assertThat(response.headers().firstValue("Content-Type")).as("type of /").hasValue("text/html; charset=utf-8");
            assertThat(response.headers().firstValue("Cache-Control")).as("cache of /").hasValue("no-cache");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as("nosniff").hasValue("nosniff");
        }

        @Test
        void servesModulesAsJavaScript() throws Exception {
            var response = get("/js/main.js");
            assertThat(response.statusCode()).as("status").isEqualTo(200);
            assertThat(response.body()).as("body").isEqualTo("console.log('hi');");
            assertThat(response.headers().firstValue("Content-Type")).as("type: module scripts need a JavaScript type")
                    .hasValue("text/javascript; charset=utf-8");
        }

        @Test
        void redirectsADirectoryToItsSlashAndServesItsIndex() throws Exception {
            var redirect = get("/docs?x=1");
            assertThat(redirect.statusCode()).as("status of /docs").isEqualTo(301);
            assertThat(redirect.headers().firstValue("Location")).as("location").hasValue("/docs/?x=1");
            assertThat(get("/docs/").body()).as("body of /docs/").isEqualTo("docs");
        }

        @Test
        void answersConditionalRequestsWithNotModified() throws Exception {
            var first = get("/js/main.js");
            String etag = first.headers().firstValue("ETag").orElseThrow();
            var again = HTTP.send(HttpRequest.newBuilder(web.uri().resolve("/js/main.js")).header("If-None-Match", etag)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as("status with a matching ETag").isEqualTo(304);

            Files.writeString(site.resolve("js/main.js"), "console.log('changed, and longer');");
            var changed = HTTP.send(HttpRequest.newBuilder(web.uri().resolve("/js/main.js")).header("If-None-Match", etag)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(changed.statusCode()).as("status after an edit").isEqualTo(200);
            assertThat(changed.body()).as("body after an edit").contains("changed");
        }

        @Test
        void answersHeadWithoutABody() throws Exception {
            var response = HTTP.send(HttpRequest.newBuilder(web.uri().resolve("/js/main.js"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("status").isEqualTo(200);
            assertThat(response.body()).as("body").isEmpty();
            assertThat(response.headers().firstValue("Content-Length")).as("length").hasValue("18");
        }

        @Test
        void refusesOtherMethods() throws Exception {
            var response = HTTP.send(HttpRequest.newBuilder(web.uri().resolve("/index.html"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("status").isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as("Allow").hasValue("GET, HEAD");
        }

        @Test
        void missingFilesAre404() throws Exception {
            assertThat(get("/nope.html").statusCode()).as("status").isEqualTo(404);
        }
    }

    @Nested
    class NothingOutsideTheSite {

        @Test
        void parentSegmentsDoNotLeaveTheSite() throws Exception {
            assertThat(raw("GET /../outside.txt HTTP/1.1")).as("/../outside.txt").startsWith("HTTP/1.1 404")
                    .doesNotContain("outside the site");
            assertThat(raw("GET /js/../../outside.txt HTTP/1.1")).as("/js/../../outside.txt").startsWith("HTTP/1.1 404");
            assertThat(raw("GET /%2e%2e/outside.txt HTTP/1.1")).as("encoded dots").startsWith("HTTP/1.1 404");
            assertThat(raw("GET /..%2foutside.txt HTTP/1.1")).as("encoded slash").startsWith("HTTP/1.1 404");
        }

        @Test
        void hiddenFilesAreNotServed() throws Exception {
            assertThat(get("/.env").statusCode()).as("status of /.env").isEqualTo(404);
        }

        @Test
        void symbolicLinksOutOfTheSiteAreNotFollowed() throws Exception {
            Files.createSymbolicLink(site.resolve("link.txt"), temp.resolve("outside.txt"));
            var response = get("/link.txt");
            assertThat(response.statusCode()).as("status").isEqualTo(404);
            assertThat(response.body()).as("body").doesNotContain("outside the site");
        }
    }

    @Nested
    class Configuration {

        @Test
        void pointsThePageAtTheApiOnTheHostTheBrowserUsed() throws Exception {
            var response = get("/config.json");
            assertThat(response.statusCode()).as("status").isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as("type").hasValue("application/json");
            assertThat(response.headers().firstValue("Cache-Control")).as("never cached").hasValue("no-store");
            assertThat(response.body()).as("config.json")
                    .isEqualTo("{\"apiBaseUrl\":\"http://localhost:" + web.port() + "/api\",\"environment\":\"local\"}\n");

            assertThat(raw("GET /config.json HTTP/1.1")).as("with Host: localhost (port 80)")
                    .contains("\"apiBaseUrl\":\"http://localhost/api\"");
        }

        @Test
        void ignoresAHostHeaderThatIsNotAHost() throws Exception {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), web.port())) {
                socket.getOutputStream().write(("GET /config.json HTTP/1.1\r\nHost: evil\"},\"x\":\"\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(response).as("response").contains("\"apiBaseUrl\":\"http://localhost:" + web.port() + "/api\"")
                        .doesNotContain("evil");
            }
        }

        @Test
        void siteAndApiUrlsAreOnePort() {
            assertThat(web.siteUri()).as("site").isEqualTo(URI.create("http://localhost:" + web.port() + "/"));
            assertThat(web.apiUri()).as("api").isEqualTo(URI.create("http://localhost:" + web.port() + "/api"));
        }
    }

    @Nested
    class Mounts {

        @Test
        void withoutAnApiTheApiPathAnswersUnavailableInTheApiErrorFormat() throws Exception {
            var response = get("/api/media");
            assertThat(response.statusCode()).as("status").isEqualTo(503);
            assertThat(response.body()).as("body").startsWith("{\"error\":{\"status\":503,\"code\":\"unavailable\"");
        }

        @Test
        void aMountedHandlerServesItsPathAndTheSiteTheRest() throws Exception {
            web.mount("/api", exchange -> {
                byte[] body = ("api saw " + exchange.getRequestMethod() + " " + exchange.getRequestURI())
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (exchange; OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            assertThat(get("/api/media?limit=2").body()).as("under /api").isEqualTo("api saw GET /api/media?limit=2");
            assertThat(get("/api").body()).as("/api itself").isEqualTo("api saw GET /api");
            assertThat(get("/").body()).as("the site").contains("<title>page</title>");
            assertThatThrownBy(() -> web.mount("/api", exchange -> { })).as("mounting twice")
                    .isInstanceOf(IllegalStateException.class);

            web.unmount("/api");
            assertThat(get("/api/media").statusCode()).as("status after unmount").isEqualTo(503);
        }

        @Test
        void refusesToMountTheRoot() {
            assertThatThrownBy(() -> web.mount("/", exchange -> { })).as("mount /")
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void aTakenPortIsReportedWithTheOptionToChangeIt() throws IOException {
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                assertThatThrownBy(() -> WebServer.start(new WebOptions("127.0.0.1", taken.getLocalPort(), site, "/api")))
                        .as("start on a taken port")
                        .isInstanceOf(WebPortInUseException.class)
                        .hasMessageContaining(String.valueOf(taken.getLocalPort()))
                        .hasMessageContaining("--web-port");
            }
        }

        @Test
        void closeFreesThePort() throws IOException {
            int port = web.port();
            web.close();
            web.close();
            try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).as("port reusable after close").isEqualTo(port);
            }
        }

        @Test
        void aMissingSiteSaysWhereItLooked() throws Exception {
            web.close();
            web = WebServer.start(new WebOptions("127.0.0.1", 0, temp.resolve("no-such-site"), "/api"));
            var response = get("/");
            assertThat(response.statusCode()).as("status").isEqualTo(404);
            assertThat(response.body()).as("body").contains("no-such-site").contains("--site-dir");
        }

        @Test
        void servesTheProjectsWebsite() throws Exception {
            Path project = Path.of("").toAbsolutePath().getParent();
            web.close();
            web = WebServer.start(WebOptions.forProject(project).withPort(0));
            var index = get("/");
            assertThat(index.statusCode()).as("status of the project's page").isEqualTo(200);
            assertThat(index.body()).as("the project's page loads its module").contains("js/main.js");
            assertThat(get("/js/main.js").statusCode()).as("status of js/main.js").isEqualTo(200);
            assertThat(get("/vendor/hls.js/hls.light.min.js").headers().firstValue("Content-Type"))
                    .as("type of the vendored hls.js").hasValue("text/javascript; charset=utf-8");
        }
    }
}
