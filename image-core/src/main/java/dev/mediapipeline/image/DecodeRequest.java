package dev.mediapipeline.image;

/**
 * How much a decoder may reduce the image while decoding, as integer factors of the stored size.
 *
 * @param maxReduction       the largest factor that still leaves every rendition's source region at least as large
 *                           as the rendition (reducing more would upscale)
 * @param preferredReduction the factor the pipeline would like: it leaves a margin ({@link RenderOptions#reductionGap()})
 *                           for the final high-quality filter, and keeps the decoded frame within
 *                           {@link RenderOptions#maxWorkingPixels()}. Decoders with fixed steps (1/2, 1/4, 1/8) take
 *                           the largest step not above it.
 */
public record DecodeRequest(int maxReduction, int preferredReduction) {

    public DecodeRequest {
        if (maxReduction < 1 || preferredReduction < 1 || preferredReduction > maxReduction) {
            throw new IllegalArgumentException("reductions must satisfy 1 <= preferred (" + preferredReduction
                    + ") <= max (" + maxReduction + ")");
        }
    }

    public static final DecodeRequest FULL_SIZE = new DecodeRequest(1, 1);
}
