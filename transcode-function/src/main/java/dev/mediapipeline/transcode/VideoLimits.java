package dev.mediapipeline.transcode;

/**
 * What the transcoder accepts; anything over is refused with {@link VideoLimitExceededException} before encoding.
 *
 * @param maxBytes      upload size (checked before download: it must fit the function's ephemeral storage twice)
 * @param maxSeconds    duration
 * @param maxPixels     coded width x height
 * @param maxDimension  coded width or height
 */
public record VideoLimits(long maxBytes, double maxSeconds, long maxPixels, int maxDimension) {

    /** 2 GiB, 2 hours, 4K UHD (3840x2160 pixels, 4096 a side). */
    public static final VideoLimits DEFAULTS = new VideoLimits(2L << 30, 2 * 3600, 3840L * 2160, 4096);

    public void checkSize(long bytes) {
        if (bytes > maxBytes) {
            throw new VideoLimitExceededException("video is " + bytes + " bytes, over the limit of " + maxBytes + " bytes");
        }
    }

    public void checkPicture(int width, int height) {
        if (width > maxDimension || height > maxDimension || (long) width * height > maxPixels) {
            throw new VideoLimitExceededException("video is " + width + "x" + height + ", over the limit of "
                    + maxPixels + " pixels or " + maxDimension + " pixels a side");
        }
    }

    public void checkDuration(double seconds) {
        if (seconds > maxSeconds) {
            throw new VideoLimitExceededException(String.format(java.util.Locale.ROOT,
                    "video lasts %.1f s, over the limit of %.0f s", seconds, maxSeconds));
        }
    }
}
