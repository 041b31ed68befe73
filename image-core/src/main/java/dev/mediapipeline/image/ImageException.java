package dev.mediapipeline.image;

/**
 * An image cannot be turned into renditions. The subclasses say why; {@link #reason()} is a short, log-friendly
 * sentence without the object's name (callers add bucket and key).
 */
public abstract sealed class ImageException extends RuntimeException
        permits CorruptImageException, UnsupportedImageException, PixelBudgetExceededException {

    private final String reason;

    protected ImageException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
