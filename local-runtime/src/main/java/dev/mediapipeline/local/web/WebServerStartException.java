package dev.mediapipeline.local.web;

/** The web port could not be opened for another reason than a port in use (bad address, no such site). */
public final class WebServerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WebServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
