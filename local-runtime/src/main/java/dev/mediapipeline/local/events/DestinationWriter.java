package dev.mediapipeline.local.events;

import java.util.Optional;

/** Writes an object through the endpoint's S3 API (so it triggers that bucket's notifications, as on AWS). */
@FunctionalInterface
public interface DestinationWriter {

    /** Returns empty on success, else why it failed. */
    Optional<String> putObject(String bucket, String key, byte[] json);
}
