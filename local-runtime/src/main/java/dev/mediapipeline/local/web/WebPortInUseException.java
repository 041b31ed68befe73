package dev.mediapipeline.local.web;

/** The web port is taken (another local runtime, or another web server). The message says how to choose another. */
public final class WebPortInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;

    public WebPortInUseException(String host, int port, Throwable cause) {
        super("port " + port + " on " + host + " is already in use (another local runtime or web server?). Stop it,"
                + " or choose another port for the upload page and the API: --web-port " + (port + 1), cause);
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
