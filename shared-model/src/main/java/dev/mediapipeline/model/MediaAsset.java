package dev.mediapipeline.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One uploaded object as the index describes it: written only by the index function, read by the media API.
 *
 * @param kind           null when no function could look at the content (the upload failed before it was read)
 * @param format         null likewise
 * @param contentType    detected from the content, never taken from the upload's declared type; null likewise
 * @param uploadedAt     the time of the upload's S3 event
 * @param reason         why it is FAILED or UNSUPPORTED, else null
 * @param failure        which function gave up and why, when FAILED
 * @param readyAt        when the last expected rendition appeared, when READY
 * @param metadata       fields read from the file's header (see the index function's documentation); values are
 *                       String, Long, java.math.BigDecimal, Boolean or a nested Map of those; never invented:
 *                       a field the file does not carry is absent
 * @param expectedRenditions the rendition names READY waits for, sorted
 * @param renditions     the renditions made from this version of the upload, by name (sorted)
 */
public record MediaAsset(AssetId id, String bucket, String key, MediaKind kind, MediaFormat format, String contentType,
                         long size, String eTag, Instant uploadedAt, AssetStatus status, String reason, AssetFailure failure,
                         Instant readyAt, Map<String, Object> metadata, List<String> expectedRenditions,
                         Map<String, Rendition> renditions) {

    public MediaAsset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
        expectedRenditions = expectedRenditions == null ? List.of() : List.copyOf(expectedRenditions.stream().sorted().toList());
        renditions = renditions == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(renditions));
    }

    /** The last part of the key: the original file name for keys made by {@link KeyLayout#uploadKey}. */
    public String fileName() {
        return fileNameOf(key);
    }

    public static String fileNameOf(String key) {
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** Expected renditions not (yet) present. */
    public List<String> missingRenditions() {
        List<String> missing = new ArrayList<>();
        for (String name : expectedRenditions) {
            if (!renditions.containsKey(name)) {
                missing.add(name);
            }
        }
        return missing;
    }
}
