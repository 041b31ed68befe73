package dev.mediapipeline.model;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Port: where media objects are read from and renditions written to. Adapters: {@code S3ObjectStore} (AWS SDK v2,
 * also against the local runtime and LocalStack); tests of core logic may use an in-memory implementation.
 *
 * <p>Failures of the store itself are {@link ObjectStoreException}s (unchecked): the caller fails the invocation and
 * the platform retries.
 */
public interface ObjectStore {

    /** Metadata of an object, empty if it does not exist. */
    Optional<ObjectInfo> head(String bucket, String key);

    /**
     * Opens the object for streaming. The caller closes the returned object.
     *
     * @throws ObjectNotFoundException if there is no such object (deleted since the event was sent, say)
     */
    StoredObject open(String bucket, String key);

    /**
     * Opens {@code length} bytes starting at {@code offset} (fewer if the object is shorter). For header reads that
     * must not download a whole video.
     *
     * @throws ObjectNotFoundException if there is no such object
     */
    StoredObject openRange(String bucket, String key, long offset, long length);

    /** Writes (or overwrites) an object from memory. */
    ObjectInfo put(String bucket, String key, byte[] content, WriteOptions options);

    /** Writes (or overwrites) an object from a file, streaming it. */
    ObjectInfo put(String bucket, String key, Path file, WriteOptions options);

    /** Deletes an object; deleting an absent object is not an error (idempotent). */
    void delete(String bucket, String key);

    /**
     * Deletes many objects of one bucket (absent ones are not an error). The default deletes them one by one;
     * adapters delete in batches (S3's DeleteObjects takes 1000 keys a request), so a cascade over an HLS tree of
     * thousands of segments stays within a function's timeout.
     *
     * @return how many keys were deleted (or already absent)
     */
    default int deleteAll(String bucket, List<String> keys) {
        for (String key : keys) {
            delete(bucket, key);
        }
        return keys.size();
    }

    /** Every object whose key starts with the prefix, in key order. */
    List<ObjectInfo> list(String bucket, String prefix);
}
