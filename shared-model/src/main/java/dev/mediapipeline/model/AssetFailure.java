package dev.mediapipeline.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Why an asset is FAILED: the function that gave up and what it said.
 *
 * @param function  the Lambda function's name (the index's own name when the upload itself is unreadable)
 * @param errorType the exception class, may be null
 * @param at        when the function gave up (the failure record's timestamp)
 */
public record AssetFailure(String function, String message, String errorType, Instant at) {

    public AssetFailure {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(message, "message");
    }
}
