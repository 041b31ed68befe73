package dev.mediapipeline.transcode;

/**
 * The upload cannot be turned into HLS, and retrying will not change that: it is unreadable, has no video, or is
 * over a configured limit. The handler lets it fail the invocation, so the asset ends FAILED with this message as
 * the reason (through Lambda's on-failure destination).
 */
public abstract class UnsupportedVideoException extends RuntimeException {

    protected UnsupportedVideoException(String message) {
        super(message);
    }

    protected UnsupportedVideoException(String message, Throwable cause) {
        super(message, cause);
    }
}
