package dev.mediapipeline.local.template;

import java.util.Optional;

/**
 * How Lambda handles the function's asynchronous invocations (S3 and SNS triggers are asynchronous).
 *
 * @param maximumRetryAttempts     0 to 2, default 2
 * @param maximumEventAgeSeconds   60 to 21600, default 21600
 */
public record EventInvokeConfig(int maximumRetryAttempts, int maximumEventAgeSeconds,
                                Optional<Destination> onFailure, Optional<Destination> onSuccess) {

    public static final EventInvokeConfig DEFAULT = new EventInvokeConfig(2, 21_600, Optional.empty(), Optional.empty());
}
