package dev.mediapipeline.model;

import java.util.Objects;

/**
 * An uploaded object as an S3 event names it.
 *
 * @param key       URL-decoded
 * @param eTag      without quotes; may be null (not sent for deletions)
 * @param sequencer S3's per-key ordering token (hex, compare with {@link #compareSequencers}); may be null
 */
public record SourceObject(String bucket, String key, long size, String eTag, String sequencer) {

    public SourceObject {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    public AssetId assetId() {
        return AssetId.of(bucket, key);
    }

    /**
     * Orders two S3 sequencers for the same key: S3 documents them as hexadecimal values where the shorter one is
     * padded with zeros on the right before a lexicographic comparison. Null sorts first.
     */
    public static int compareSequencers(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int length = Math.max(a.length(), b.length());
        String pa = (a + "0".repeat(length - a.length())).toUpperCase(java.util.Locale.ROOT);
        String pb = (b + "0".repeat(length - b.length())).toUpperCase(java.util.Locale.ROOT);
        return pa.compareTo(pb);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
