package dev.mediapipeline.image.samples;

/**
 * The reference conversion from Display P3 to sRGB, computed with the published matrices and not with the colour
 * management system the pipeline uses; and the Display P3 profile to embed in test files.
 */
public final class DisplayP3Profile {

    /** Linear Display P3 to linear sRGB (both D65). */
    private static final double[][] P3_TO_SRGB = {
            {1.2249401, -0.2249404, 0.0},
            {-0.0420569, 1.0420571, 0.0},
            {-0.0196376, -0.0786361, 1.0982735}};

    private DisplayP3Profile() {
    }

    /** The expected sRGB value (0–255) of a Display P3 colour (0–255 per channel), clipped to the sRGB gamut. */
    public static int[] toSrgb(int r, int g, int b) {
        double[] lin = {decode(r / 255.0), decode(g / 255.0), decode(b / 255.0)};
        int[] out = new int[3];
        for (int i = 0; i < 3; i++) {
            double v = P3_TO_SRGB[i][0] * lin[0] + P3_TO_SRGB[i][1] * lin[1] + P3_TO_SRGB[i][2] * lin[2];
            out[i] = (int) Math.round(255 * encode(Math.max(0, Math.min(1, v))));
        }
        return out;
    }

    private static double decode(double v) {
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static double encode(double v) {
        return v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
    }

    /** The Display P3 profile image-core builds (described "Display P3"), as iPhones embed one. */
    public static byte[] bytes() {
        return dev.mediapipeline.image.DisplayP3.profile();
    }
}
