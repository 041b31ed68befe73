package dev.mediapipeline.local.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An S3 request as authorisation needs it: method, bucket and key (decoded; null when absent), query parameters
 * (names compared case-insensitively) and headers.
 */
public record S3Call(String method, String bucket, String key, Map<String, String> query,
                     Function<String, String> headers) {

    public S3Call {
        var parameters = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        parameters.putAll(query);
        query = java.util.Collections.unmodifiableMap(parameters);
        method = method.toUpperCase(Locale.ROOT);
        if (key != null && key.isEmpty()) {
            key = null;
        }
    }

    boolean has(String parameter) {
        return query.containsKey(parameter);
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.apply(name)).filter(v -> !v.isBlank());
    }

    /** {@code arn:aws:s3:::bucket}. */
    String bucketArn() {
        return "arn:aws:s3:::" + bucket;
    }

    /** {@code arn:aws:s3:::bucket/key}. */
    String objectArn() {
        return objectArn(bucket, key);
    }

    static String objectArn(String bucket, String key) {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }

    static Map<String, List<String>> keys(Object... pairs) {
        var map = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] instanceof Optional<?> value && value.isPresent()) {
                map.put((String) pairs[i], List.of(value.get().toString()));
            }
        }
        return map;
    }
}
