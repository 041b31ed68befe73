package dev.mediapipeline.model.heif;

/** The HEIF/AVIF container is damaged: truncated, inconsistent boxes, references to items that do not exist. */
public final class MalformedHeifException extends RuntimeException {

    public MalformedHeifException(String message) {
        super(message);
    }
}
