package dev.mediapipeline.local.aws;

/**
 * The endpoint's port is taken by another process (often a running local runtime or LocalStack). The message
 * names the port and how to choose another.
 */
public final class PortInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;

    public PortInUseException(String host, int port, Throwable cause) {
        super("Port " + port + " on " + host + " is already in use (another local runtime, LocalStack or other "
                + "server is listening there). Stop that process, or choose another port with --port <number> "
                + "and point clients at http://localhost:<number>.", cause);
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
