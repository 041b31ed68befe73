package dev.mediapipeline.local;

import dev.mediapipeline.local.aws.ObjectEventListener;
import java.nio.file.Path;
import java.util.Optional;

/** Starts the AWS endpoint (S3 + DynamoDB on one port) for the local runtime. */
@FunctionalInterface
public interface EndpointFactory {

    /**
     * @param dataDirectory empty: keep everything in memory
     * @throws PortBusyException when the port is taken
     */
    AwsServices start(String host, int port, Optional<Path> dataDirectory, String region, ObjectEventListener listener);

    /** The port the endpoint was asked to listen on is in use. */
    final class PortBusyException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String host;
        private final int port;

        public PortBusyException(String host, int port, Throwable cause) {
            super("port " + port + " on " + host + " is already in use", cause);
            this.host = host;
            this.port = port;
        }

        public String host() {
            return host;
        }

        public int port() {
            return port;
        }
    }
}
