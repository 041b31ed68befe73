package dev.mediapipeline.index;

import java.time.Instant;
import java.util.Objects;

/**
 * One S3 event record, as the index uses it.
 *
 * @param eventName S3's, e.g. {@code ObjectCreated:Put}, {@code ObjectRemoved:Delete}
 * @param key       URL-decoded
 * @param eTag      without quotes, null for removals
 * @param sequencer as sent (not normalized), may be null
 */
public record ObjectEventRecord(String eventName, String bucket, String key, long size, String eTag, String sequencer,
                                Instant eventTime) {

    public ObjectEventRecord {
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    public boolean isCreated() {
        return eventName.startsWith("ObjectCreated:");
    }

    public boolean isRemoved() {
        return eventName.startsWith("ObjectRemoved:");
    }

    @Override
    public String toString() {
        return eventName + " s3://" + bucket + "/" + key;
    }
}
