package dev.mediapipeline.local.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the gateway answers: the function's response mapped to HTTP, or one of API Gateway's own answers.
 *
 * @param headers in order; a name may repeat ({@code set-cookie})
 */
record GatewayResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    GatewayResponse {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** API Gateway's own JSON answers: {@code {"message":"Not Found"}}. */
    static GatewayResponse message(int status, String message) {
        return new GatewayResponse(status, List.of(Map.entry("content-type", "application/json")),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    static GatewayResponse notFound() {
        return message(404, "Not Found");
    }

    static GatewayResponse tooLarge() {
        return message(413, "Request Entity Too Large");
    }

    static GatewayResponse internalServerError() {
        return message(500, "Internal Server Error");
    }

    static GatewayResponse serviceUnavailable() {
        return message(503, "Service Unavailable");
    }

    String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    GatewayResponse withHeader(String name, String value) {
        List<Map.Entry<String, String>> out = new ArrayList<>(headers);
        out.add(Map.entry(name, value));
        return new GatewayResponse(status, out, body);
    }

    /** Without the headers whose lower-case name starts with {@code prefix}. */
    GatewayResponse withoutHeadersStartingWith(String prefix) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (!h.getKey().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                out.add(h);
            }
        }
        return new GatewayResponse(status, out, body);
    }
}
