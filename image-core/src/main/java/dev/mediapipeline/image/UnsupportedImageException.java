package dev.mediapipeline.image;

/**
 * The content is not an image we can render: not an image at all (text, empty, video), or an image format or
 * variant no decoder here handles (an animated AVIF, a HEIF holding only a depth map, 12-bit JPEG...).
 */
public final class UnsupportedImageException extends ImageException {

    public UnsupportedImageException(String reason) {
        super(reason, null);
    }

    public UnsupportedImageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
