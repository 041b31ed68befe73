package dev.mediapipeline.image;

/**
 * Tuning of {@link ThumbnailRenderer}.
 *
 * @param jpegQuality      1–100, libjpeg's scale (82 by default)
 * @param maxPixels        the pixel budget: images whose header declares more pixels are refused before decoding
 * @param maxWorkingPixels the decoded frame is reduced while decoding until it holds at most this many pixels
 *                         (as long as that does not go below the largest rendition): bounds the heap whatever the
 *                         source size (16 M pixels = 48 MB of RGB)
 * @param reductionGap     the decode-time reduction leaves at least this factor for the final Lanczos filter
 *                         (a box or point reduction alone aliases; 2.0 like libvips). FFmpeg's DCT-domain JPEG
 *                         reduction has its own, measured margins ({@code FfmpegJpegDecoder.finalRatioNeeded})
 * @param minStepRatio     a rendition is scaled from the smallest earlier rendition that is at least this many
 *                         times larger (scaling in steps: tablet from desktop, phone from tablet...), else from
 *                         the decoded frame
 */
public record RenderOptions(int jpegQuality, long maxPixels, long maxWorkingPixels, double reductionGap, double minStepRatio) {

    public static final int DEFAULT_JPEG_QUALITY = 82;
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
    public static final long DEFAULT_MAX_WORKING_PIXELS = 16_000_000L;
    public static final double DEFAULT_REDUCTION_GAP = 2.0;
    public static final double DEFAULT_MIN_STEP_RATIO = 1.5;

    public RenderOptions {
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1-100, was " + jpegQuality);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("pixel budget must be positive, was " + maxPixels);
        }
        if (maxWorkingPixels < 1) {
            throw new IllegalArgumentException("max working pixels must be positive, was " + maxWorkingPixels);
        }
        if (reductionGap < 1.0) {
            throw new IllegalArgumentException("reduction gap must be at least 1, was " + reductionGap);
        }
        if (minStepRatio < 1.0) {
            throw new IllegalArgumentException("min step ratio must be at least 1, was " + minStepRatio);
        }
    }

    public static RenderOptions defaults() {
        return new RenderOptions(DEFAULT_JPEG_QUALITY, DEFAULT_MAX_PIXELS, DEFAULT_MAX_WORKING_PIXELS,
                DEFAULT_REDUCTION_GAP, DEFAULT_MIN_STEP_RATIO);
    }

    public RenderOptions withJpegQuality(int quality) {
        return new RenderOptions(quality, maxPixels, maxWorkingPixels, reductionGap, minStepRatio);
    }

    public RenderOptions withMaxPixels(long budget) {
        return new RenderOptions(jpegQuality, budget, maxWorkingPixels, reductionGap, minStepRatio);
    }

    public RenderOptions withMaxWorkingPixels(long pixels) {
        return new RenderOptions(jpegQuality, maxPixels, pixels, reductionGap, minStepRatio);
    }

    public RenderOptions withReductionGap(double gap) {
        return new RenderOptions(jpegQuality, maxPixels, maxWorkingPixels, gap, minStepRatio);
    }

    public RenderOptions withMinStepRatio(double ratio) {
        return new RenderOptions(jpegQuality, maxPixels, maxWorkingPixels, reductionGap, ratio);
    }
}
