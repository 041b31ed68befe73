package dev.mediapipeline.index.metadata;

/** The object claims (by its magic bytes) to be an image or video, but its header cannot be read. */
public final class UnreadableMediaException extends Exception {

    public UnreadableMediaException(String message) {
        super(message);
    }

    public UnreadableMediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
