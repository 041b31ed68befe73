package dev.mediapipeline.local.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a function's response to HTTP under payload format 2.0: a JSON object with {@code statusCode} is a response
 * ({@code headers}, {@code cookies} as {@code set-cookie} headers, {@code body}, {@code isBase64Encoded}); any other
 * valid JSON is the body of a 200 {@code application/json} response (a JSON string: its text); anything else, or a
 * malformed response, is API Gateway's 500.
 */
final class HttpApiResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Connection-level headers the gateway sets itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "date");

    /** Thrown for a response API Gateway would not accept (it answers 500). */
    static final class MalformedResponseException extends Exception {

        private static final long serialVersionUID = 1L;

        MalformedResponseException(String message) {
            super(message);
        }
    }

    private HttpApiResponses() {
    }

    static GatewayResponse fromPayload(byte[] payload) throws MalformedResponseException {
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new MalformedResponseException("the function's response is not JSON: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new MalformedResponseException("the function returned nothing");
        }
        if (node.isObject() && node.has("statusCode")) {
            return response(node);
        }
        byte[] body = node.isTextual() ? node.asText().getBytes(StandardCharsets.UTF_8) : payload;
        return new GatewayResponse(200, List.of(Map.entry("content-type", "application/json")), body);
    }

    private static GatewayResponse response(JsonNode node) throws MalformedResponseException {
        JsonNode code = node.get("statusCode");
        int status;
        if (code.isIntegralNumber()) {
            status = code.asInt();
        } else if (code.isTextual() && code.asText().matches("[0-9]{3}")) {
            status = Integer.parseInt(code.asText());
        } else {
            throw new MalformedResponseException("statusCode must be an HTTP status code, got " + code);
        }
        if (status < 100 || status > 599) {
            throw new MalformedResponseException("statusCode " + status + " is not an HTTP status code");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        JsonNode h = node.get("headers");
        if (h != null && !h.isNull()) {
            if (!h.isObject()) {
                throw new MalformedResponseException("headers must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull() || HOP_BY_HOP.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (e.getValue().isContainerNode()) {
                    throw new MalformedResponseException("header " + e.getKey() + " must be a single value");
                }
                headers.add(Map.entry(e.getKey(), e.getValue().asText()));
            }
        }
        JsonNode cookies = node.get("cookies");
        if (cookies != null && !cookies.isNull()) {
            if (!cookies.isArray()) {
                throw new MalformedResponseException("cookies must be an array");
            }
            for (JsonNode cookie : cookies) {
                headers.add(Map.entry("set-cookie", cookie.asText()));
            }
        }
        JsonNode bodyNode = node.get("body");
        byte[] body = new byte[0];
        if (bodyNode != null && !bodyNode.isNull()) {
            String text = bodyNode.isTextual() ? bodyNode.asText() : bodyNode.toString();
            if (node.path("isBase64Encoded").asBoolean(false)) {
                try {
                    body = Base64.getDecoder().decode(text.strip());
                } catch (IllegalArgumentException e) {
                    throw new MalformedResponseException("isBase64Encoded, but the body is not base64");
                }
            } else {
                body = text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return new GatewayResponse(status, headers, body);
    }

    /** For log lines: a response as text, cut short. */
    static String preview(byte[] payload) {
        String text = new String(payload, 0, Math.min(payload.length, 300), StandardCharsets.UTF_8);
        return payload.length > 300 ? text + "…" : text;
    }
}
