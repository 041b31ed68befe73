package dev.mediapipeline.local.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One authorisation question, as IAM asks it: may the principal perform {@code action} (e.g. {@code s3:GetObject})
 * on {@code resource} (an ARN), given the request's condition keys?
 *
 * @param context condition key -> values (keys compare case-insensitively, as IAM's do); a key the request does
 *                not carry is absent
 */
public record AccessRequest(String action, String resource, Map<String, List<String>> context) {

    public AccessRequest {
        var keys = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        context.forEach((k, v) -> keys.put(k, List.copyOf(v)));
        context = java.util.Collections.unmodifiableMap(keys);
    }

    public AccessRequest(String action, String resource) {
        this(action, resource, Map.of());
    }

    /** The values of a condition key, or null when the request does not carry it. */
    public List<String> values(String key) {
        return context.get(key.toLowerCase(Locale.ROOT));
    }

    /** This request with more condition keys (those given win). */
    public AccessRequest with(Map<String, List<String>> more) {
        var merged = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        merged.putAll(context);
        merged.putAll(more);
        return new AccessRequest(action, resource, merged);
    }
}
