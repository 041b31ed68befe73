package dev.mediapipeline.local.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The outcome of one invocation. */
public sealed interface InvocationResult {

    String requestId();

    Duration duration();

    /** The handler returned; {@code payload} is its serialized response. */
    record Success(String requestId, byte[] payload, Duration duration) implements InvocationResult {

        public String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    record Failure(String requestId, FunctionError error, Duration duration) implements InvocationResult {
    }
}
