package dev.mediapipeline.thumbnail;

import dev.mediapipeline.image.RenderOptions;
import dev.mediapipeline.model.Config;
import dev.mediapipeline.model.DeviceProfiles;
import java.util.Objects;

/**
 * The function's settings, read once from the environment at start-up. A missing or invalid variable fails the
 * start with its name.
 *
 * @param uploadBucket     {@code UPLOAD_BUCKET}: records from any other bucket are ignored
 * @param renditionsBucket {@code RENDITIONS_BUCKET}: where thumbnails go; must differ from the upload bucket, so
 *                         the function can never trigger itself
 * @param profiles         {@code THUMBNAIL_PROFILES}, e.g. {@code phone:640x1280,...,square:256x256:crop}
 * @param jpegQuality      {@code JPEG_QUALITY}, 1–100, default 82
 * @param maxImagePixels   {@code MAX_IMAGE_PIXELS}, the decompression-bomb budget, default 100 000 000
 * @param maxSourceBytes   {@code MAX_SOURCE_BYTES}, the largest encoded image read, default 256 MiB
 */
public record ThumbnailConfig(String uploadBucket, String renditionsBucket, DeviceProfiles profiles, int jpegQuality,
                              long maxImagePixels, long maxSourceBytes) {

    public static final String UPLOAD_BUCKET = "UPLOAD_BUCKET";
    public static final String RENDITIONS_BUCKET = "RENDITIONS_BUCKET";
    public static final String THUMBNAIL_PROFILES = "THUMBNAIL_PROFILES";
    public static final String JPEG_QUALITY = "JPEG_QUALITY";
    public static final String MAX_IMAGE_PIXELS = "MAX_IMAGE_PIXELS";
    public static final String MAX_SOURCE_BYTES = "MAX_SOURCE_BYTES";
    public static final long DEFAULT_MAX_SOURCE_BYTES = 256L << 20;

    public ThumbnailConfig {
        Objects.requireNonNull(uploadBucket, "uploadBucket");
        Objects.requireNonNull(renditionsBucket, "renditionsBucket");
        Objects.requireNonNull(profiles, "profiles");
    }

    public static ThumbnailConfig fromEnvironment() {
        return from(Config.fromEnvironment());
    }

    public static ThumbnailConfig from(Config config) {
        String uploads = config.required(UPLOAD_BUCKET);
        String renditions = config.required(RENDITIONS_BUCKET);
        if (uploads.equals(renditions)) {
            throw new Config.InvalidConfigurationException(RENDITIONS_BUCKET,
                    "must differ from " + UPLOAD_BUCKET + " (thumbnails written to the upload bucket would trigger the function again)");
        }
        DeviceProfiles profiles = config.parsed(THUMBNAIL_PROFILES, DeviceProfiles.DEFAULT_SPEC, DeviceProfiles::parse);
        int quality = config.integer(JPEG_QUALITY, RenderOptions.DEFAULT_JPEG_QUALITY, 1, 100);
        long maxPixels = config.longValue(MAX_IMAGE_PIXELS, RenderOptions.DEFAULT_MAX_PIXELS, 1, 1_000_000_000L);
        long maxBytes = config.longValue(MAX_SOURCE_BYTES, DEFAULT_MAX_SOURCE_BYTES, 1, 4L << 30);
        return new ThumbnailConfig(uploads, renditions, profiles, quality, maxPixels, maxBytes);
    }

    public RenderOptions renderOptions() {
        return RenderOptions.defaults().withJpegQuality(jpegQuality).withMaxPixels(maxImagePixels);
    }
}
