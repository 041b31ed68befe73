package dev.mediapipeline.model.heif;

/**
 * A well-formed HEIF/AVIF file the pipeline does not render: an image sequence (animated AVIF), a primary item
 * that is only an auxiliary image (a depth map), a coding other than HEVC or AV1.
 */
public final class UnsupportedHeifException extends RuntimeException {

    public UnsupportedHeifException(String message) {
        super(message);
    }
}
