package dev.mediapipeline.local.aws;

/** The endpoint could not start for a reason other than its port being taken (data directory, servers). */
public final class EndpointStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EndpointStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
