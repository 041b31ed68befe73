package dev.mediapipeline.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response: status, headers, text body (JSON or a playlist). */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    public ApiResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ApiResponse withHeaders(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extra);
        return new ApiResponse(status, all, body);
    }
}
