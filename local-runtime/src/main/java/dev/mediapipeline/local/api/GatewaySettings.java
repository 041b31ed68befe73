package dev.mediapipeline.local.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How the emulated API Gateway behaves.
 *
 * @param accountId          {@code requestContext.accountId}
 * @param integrationTimeout how long the gateway waits for the function (HTTP APIs: 30 s at most); then 503
 * @param maxRequestBytes    the largest request body accepted (HTTP APIs: 10 MB); larger gets 413
 */
public record GatewaySettings(String accountId, Duration integrationTimeout, int maxRequestBytes) {

    /** API Gateway's limits: HTTP API payloads up to 10 MB. */
    public static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    /** HTTP APIs wait for an integration 30 s at most. */
    public static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    /** Lambda's limit on a synchronous invocation's payload (the event the gateway builds): 6 MB. */
    public static final int MAX_INVOKE_PAYLOAD_BYTES = 6 * 1024 * 1024;

    public GatewaySettings {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(integrationTimeout, "integrationTimeout");
        if (integrationTimeout.isNegative() || integrationTimeout.isZero()) {
            throw new IllegalArgumentException("integrationTimeout must be positive");
        }
        if (maxRequestBytes < 0) {
            throw new IllegalArgumentException("maxRequestBytes must not be negative");
        }
    }

    public static GatewaySettings defaults(String accountId) {
        return new GatewaySettings(accountId, INTEGRATION_TIMEOUT, MAX_REQUEST_BYTES);
    }

    public GatewaySettings withIntegrationTimeout(Duration timeout) {
        return new GatewaySettings(accountId, timeout, maxRequestBytes);
    }

    public GatewaySettings withMaxRequestBytes(int bytes) {
        return new GatewaySettings(accountId, integrationTimeout, bytes);
    }
}
