package dev.mediapipeline.local;

/** The command line is wrong: the message says how. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
