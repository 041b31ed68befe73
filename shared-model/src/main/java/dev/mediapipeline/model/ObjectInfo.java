package dev.mediapipeline.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a store knows about an object without reading it.
 *
 * @param eTag         without surrounding quotes
 * @param contentType  as declared by the writer (never trusted for detection), may be null
 * @param lastModified may be null when the store does not report it (e.g. in a put response)
 * @param userMetadata user-defined metadata (x-amz-meta-*), keys lower case
 */
public record ObjectInfo(String bucket, String key, long size, String eTag, String contentType, Instant lastModified,
                         Map<String, String> userMetadata) {

    public ObjectInfo {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        eTag = eTag == null ? null : unquote(eTag);
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    }

    public static String unquote(String eTag) {
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"") ? eTag.substring(1, eTag.length() - 1) : eTag;
    }
}
