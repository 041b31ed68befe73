package dev.mediapipeline.transcode;

/** The container opens but its media data is damaged or ends early (a truncated upload whose index came first). */
public class CorruptVideoException extends UnsupportedVideoException {

    public CorruptVideoException(String message) {
        super(message);
    }
}
