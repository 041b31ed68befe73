package dev.mediapipeline.thumbnail;

/**
 * An uploaded object claims to be an image but cannot be made into thumbnails: corrupt, truncated, over the pixel
 * budget or the size limit, or a variant we do not decode (an animated AVIF, a 12-bit JPEG). Thrown out of the handler, so
 * the platform retries and then routes the event to the failure destination, where the index marks the asset
 * FAILED with this message.
 */
public final class UnprocessableImageException extends RuntimeException {

    private final String bucket;
    private final String key;
    private final String reason;

    public UnprocessableImageException(String bucket, String key, String reason, Throwable cause) {
        super("Cannot make thumbnails of s3://" + bucket + "/" + key + ": " + reason, cause);
        this.bucket = bucket;
        this.key = key;
        this.reason = reason;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public String reason() {
        return reason;
    }
}
