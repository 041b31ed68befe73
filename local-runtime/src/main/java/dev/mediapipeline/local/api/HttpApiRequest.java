package dev.mediapipeline.local.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request as it reached the gateway, before it becomes an event.
 *
 * @param method      the HTTP method, upper case
 * @param rawPath     the full request path as sent, still URL-encoded, with the API's base path ({@code /api/media})
 * @param rawQuery    the query string as sent, without {@code ?}; empty if none
 * @param headers     every header line's name (any case) and values, in order
 * @param body        the body, empty if none
 * @param protocol    {@code HTTP/1.1}
 * @param sourceIp    the client's address
 * @param localPort   the port the request came in on ({@code x-forwarded-port})
 * @param received    when the gateway received it
 */
public record HttpApiRequest(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers,
                             byte[] body, String protocol, String sourceIp, int localPort, Instant received) {

    public HttpApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(received, "received");
    }

    /** The first value of a header, by name in any case; null if absent. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }
}
