package dev.mediapipeline.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/** The media API over HTTP, as the upload page uses it (media-api-function/API.md). */
public final class MediaApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** An answer: status, JSON body (null when the body is empty or not JSON) and headers. */
    public record Response(int status, JsonNode json, String text, java.net.http.HttpHeaders headers) {

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final URI api;

    public MediaApiClient(URI api) {
        this.api = api;
    }

    public URI base() {
        return api;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(api + path)).GET());
    }

    /** Any method, with extra headers (e.g. a browser's {@code Origin}). */
    public Response send(String method, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return send(request);
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(api + path)).DELETE());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(api + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code POST /uploads}: a presigned POST grant for the file. */
    public Response grant(String fileName, String contentType, long size) {
        ObjectNode body = JSON.createObjectNode().put("fileName", fileName).put("contentType", contentType).put("size", size);
        return post("/uploads", body.toString());
    }

    /**
     * The browser's upload with a grant: multipart/form-data to {@code upload.url}, every field of the grant in
     * order, the file last, sent with {@code partType} as the part's own Content-Type.
     */
    public static Response upload(JsonNode grant, byte[] file, String partType) {
        String boundary = "----it" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Iterator<Map.Entry<String, JsonNode>> it = grant.at("/upload/fields").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue().asText() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\"\r\n"
                + "Content-Type: " + partType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(grant.at("/upload/url").asText()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String text = response.body();
            if (text != null && !text.isBlank() && (text.startsWith("{") || text.startsWith("["))) {
                try {
                    json = JSON.readTree(text);
                } catch (IOException e) {
                    json = null;
                }
            }
            return new Response(response.statusCode(), json, text, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
