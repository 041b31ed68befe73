package dev.mediapipeline.local.aws;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the local AWS endpoint listens and where it keeps its data.
 *
 * @param bindHost the address the endpoint listens on, loopback by default ({@value #DEFAULT_BIND_HOST})
 * @param port     the one port serving S3 and DynamoDB ({@value #DEFAULT_PORT}, LocalStack's), 0 for a free one
 * @param dataDir  where objects ({@code s3/}), tables ({@code dynamodb/}) and the event sequencer live so they
 *                 survive restarts; empty keeps everything in memory
 * @param region   the region the endpoint answers for ({@value #DEFAULT_REGION})
 */
public record EndpointOptions(String bindHost, int port, Optional<Path> dataDir, String region) {

    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4566;
    public static final String DEFAULT_REGION = "us-east-1";

    public EndpointOptions {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(region, "region");
        if (bindHost.isBlank()) {
            throw new IllegalArgumentException("bindHost must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
    }

    /** Loopback, port 4566, in memory, us-east-1. */
    public static EndpointOptions defaults() {
        return new EndpointOptions(DEFAULT_BIND_HOST, DEFAULT_PORT, Optional.empty(), DEFAULT_REGION);
    }

    /** Loopback, a free port, in memory: for tests. */
    public static EndpointOptions ephemeral() {
        return defaults().withPort(0);
    }

    public EndpointOptions withPort(int newPort) {
        return new EndpointOptions(bindHost, newPort, dataDir, region);
    }

    public EndpointOptions withDataDir(Path dir) {
        return new EndpointOptions(bindHost, port, Optional.of(dir), region);
    }

    public EndpointOptions inMemory() {
        return new EndpointOptions(bindHost, port, Optional.empty(), region);
    }

    public EndpointOptions withBindHost(String host) {
        return new EndpointOptions(host, port, dataDir, region);
    }

    public EndpointOptions withRegion(String newRegion) {
        return new EndpointOptions(bindHost, port, dataDir, newRegion);
    }
}
