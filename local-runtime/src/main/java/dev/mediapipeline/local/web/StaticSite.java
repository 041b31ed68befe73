package dev.mediapipeline.local.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mediapipeline.model.WebContentTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the static site from a directory, and {@code /config.json}: the page's runtime configuration, which on AWS
 * the deployment writes into the website bucket. Locally it is made per request, so the API base URL has the host
 * the browser used ({@code http://localhost:8080/api}, or the machine's address when the runtime listens on all).
 *
 * <p>Files are sent with {@code Cache-Control: no-cache} and an ETag (edit a file, reload, see it). Nothing outside
 * the directory is reachable: no {@code ..}, no hidden files, no symbolic links leading out. Under the API path,
 * while no API is mounted, requests get a JSON 503 in the API's error format, so the page shows "unreachable"
 * rather than mistaking a missing page for an API answer.
 */
final class StaticSite implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StaticSite.class);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Path root;
    private final String apiPath;

    StaticSite(Path root, String apiPath) {
        this.root = root.toAbsolutePath().normalize();
        this.apiPath = apiPath;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Headers headers = exchange.getResponseHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            if (path == null || !path.startsWith("/")) {
                send(exchange, 400, "text/plain; charset=utf-8", "bad request path\n");
                return;
            }
            if (path.equals(apiPath) || path.startsWith(apiPath + "/")) {
                apiNotMounted(exchange);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                headers.set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", method + " is not allowed here\n");
                return;
            }
            if (path.equals("/config.json")) {
                config(exchange);
                return;
            }
            file(exchange, path);
        } catch (IOException e) {
            // the browser went away mid-response: nothing to answer
            LOG.debug("web request {} cut off: {}", exchange.getRequestURI(), e.toString());
        }
    }

    private void config(HttpExchange exchange) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !HOST.matcher(host).matches()) {
            var local = exchange.getLocalAddress();
            host = WebServer.clientHost(local.getAddress().getHostAddress()) + ":" + local.getPort();
        }
        String json = "{\"apiBaseUrl\":\"" + jsonEscape("http://" + host + apiPath) + "\",\"environment\":\"local\"}\n";
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, "application/json", json);
    }

    private void apiNotMounted(HttpExchange exchange) throws IOException {
        String json = "{\"error\":{\"status\":503,\"code\":\"unavailable\",\"message\":\"the media API is not served on"
                + " this port: the local runtime has no API routes mounted at " + jsonEscape(apiPath) + "\"}}\n";
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        send(exchange, 503, "application/json", json);
    }

    private void file(HttpExchange exchange, String path) throws IOException {
        Path file = resolve(path);
        if (file == null) {
            notFound(exchange, path);
            return;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            notFound(exchange, path);
            return;
        }
        if (attributes.isDirectory()) {
            if (!path.endsWith("/")) {
                // relative links in the page resolve against the directory
                String query = exchange.getRequestURI().getRawQuery();
                exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getRawPath() + "/"
                        + (query == null ? "" : "?" + query));
                send(exchange, 301, "text/plain; charset=utf-8", "");
                return;
            }
            file = file.resolve("index.html");
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                notFound(exchange, path);
                return;
            }
        }
        if (!attributes.isRegularFile() || !insideRoot(file)) {
            notFound(exchange, path);
            return;
        }
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        String etag = "W/\"" + Long.toHexString(size) + "-" + Long.toHexString(modified) + "\"";
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", WebContentTypes.of(file.getFileName().toString()));
        headers.set("Cache-Control", "no-cache");
        headers.set("ETag", etag);
        headers.set("Last-Modified", HTTP_DATE.format(attributes.lastModifiedTime().toInstant()));
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.equals(etag) || ifNoneMatch.equals("*"))) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        if (exchange.getRequestMethod().equals("HEAD")) {
            headers.set("Content-Length", Long.toString(size));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
        if (size > 0) {
            try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    /** The file a request path names inside the root, or null when the path may not be served. */
    private Path resolve(String path) {
        if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            return null;
        }
        Path current = root;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            // no parent directories, no hidden files or folders (.git, .env...)
            if (segment.startsWith(".")) {
                return null;
            }
            current = current.resolve(segment);
        }
        Path normalized = current.normalize();
        return normalized.startsWith(root) ? normalized : null;
    }

    /** Symbolic links must not lead out of the site. */
    private boolean insideRoot(Path file) throws IOException {
        return file.toRealPath().startsWith(root.toRealPath());
    }

    private void notFound(HttpExchange exchange, String path) throws IOException {
        String message = Files.isDirectory(root)
                ? "Not found: " + path + "\n"
                : "No site to serve: " + root + " does not exist (the local runtime serves the project's "
                        + WebOptions.SITE_IN_PROJECT + "; run it from a checkout of the project, or pass --site-dir).\n";
        send(exchange, 404, "text/plain; charset=utf-8", message);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || bytes.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String jsonEscape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
