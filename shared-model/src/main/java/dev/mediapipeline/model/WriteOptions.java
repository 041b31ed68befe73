package dev.mediapipeline.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How an object is written: its Content-Type, Cache-Control and user metadata (keys are lower-cased, values must
 * be US-ASCII-safe for HTTP headers: use {@link #headerSafe(String)} for free text such as keys).
 */
public record WriteOptions(String contentType, String cacheControl, Map<String, String> userMetadata) {

    /** Renditions never change at a given key for a given source version: cache them for a year. */
    public static final String IMMUTABLE_CACHE = "public, max-age=31536000, immutable";

    public WriteOptions {
        Objects.requireNonNull(contentType, "contentType");
        Map<String, String> lower = new LinkedHashMap<>();
        if (userMetadata != null) {
            userMetadata.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        }
        userMetadata = Map.copyOf(lower);
    }

    public static WriteOptions of(String contentType) {
        return new WriteOptions(contentType, null, Map.of());
    }

    public WriteOptions withCacheControl(String value) {
        return new WriteOptions(contentType, value, userMetadata);
    }

    public WriteOptions withMetadata(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(userMetadata);
        copy.put(key, value);
        return new WriteOptions(contentType, cacheControl, copy);
    }

    /**
     * Percent-encodes (RFC 3986, UTF-8) everything outside printable ASCII and '%', so any S3 key can travel in an
     * x-amz-meta header and be decoded back with {@code URLDecoder}.
     */
    public static String headerSafe(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '%' && c != '+') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
