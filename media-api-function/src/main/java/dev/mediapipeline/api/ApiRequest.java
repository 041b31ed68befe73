package dev.mediapipeline.api;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An HTTP request as the API sees it, whoever delivered it (API Gateway's payload 2.0, the local runtime).
 *
 * @param path    the raw path, which may carry a stage or mount prefix before the API's own routes ({@code /api/media})
 * @param headers names lower case
 * @param body    decoded text, null if none
 */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        method = method.toUpperCase(Locale.ROOT);
        query = query == null ? Map.of() : Map.copyOf(query);
        TreeMap<String, String> lower = new TreeMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null && v != null) {
                    lower.put(k.toLowerCase(Locale.ROOT), v);
                }
            });
        }
        headers = java.util.Collections.unmodifiableMap(lower);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
