package dev.mediapipeline.image;

/**
 * The bytes claim to be an image of a format we read, but they are damaged: truncated, a premature end of the
 * compressed data, a malformed or empty (0×0) header, an undecodable pixel stream.
 */
public final class CorruptImageException extends ImageException {

    public CorruptImageException(String reason) {
        super(reason, null);
    }

    public CorruptImageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
