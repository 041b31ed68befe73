package dev.mediapipeline.local.aws;

import java.time.Instant;
import java.util.Objects;

/**
 * An object was created in or removed from a bucket of the local endpoint: what S3 would put in an event
 * notification. The endpoint emits one per completed PutObject, POST upload, CopyObject, CompleteMultipartUpload
 * and DeleteObject(s); the Lambda side turns it into the S3 event JSON (URL-encoding the key there).
 *
 * @param eventName S3's name without the "s3:" prefix: ObjectCreated:Put, ObjectCreated:Post, ObjectCreated:Copy,
 *                  ObjectCreated:CompleteMultipartUpload, ObjectRemoved:Delete
 * @param key       the object key as stored (not URL-encoded)
 * @param size      bytes, 0 for removals
 * @param eTag      without quotes, null for removals
 * @param sequencer hexadecimal, strictly increasing across the endpoint's lifetime and restarts
 * @param sourceIp  the client's address as the endpoint saw it
 */
public record ObjectEvent(String eventName, String bucket, String key, long size, String eTag, String sequencer,
                          Instant eventTime, String requestId, String sourceIp) {

    public ObjectEvent {
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sequencer, "sequencer");
        Objects.requireNonNull(eventTime, "eventTime");
    }

    public boolean isCreated() {
        return eventName.startsWith("ObjectCreated:");
    }

    public boolean isRemoved() {
        return eventName.startsWith("ObjectRemoved:");
    }
}
