package dev.mediapipeline.local.events;

import dev.mediapipeline.local.template.FunctionDefinition;
import java.util.Optional;

/**
 * Writes an object through the endpoint's S3 API (so it triggers that bucket's notifications, as on AWS), with the
 * credentials of the function whose record it is (Lambda writes destinations with the execution role).
 */
@FunctionalInterface
public interface DestinationWriter {

    /** Returns empty on success, else why it failed. */
    Optional<String> putObject(FunctionDefinition function, String bucket, String key, byte[] json);
}
