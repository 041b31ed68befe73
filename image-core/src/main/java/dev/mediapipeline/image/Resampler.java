package dev.mediapipeline.image;

/**
 * Separable Lanczos-3 resampling of {@link Pixels}, in 14-bit fixed point: a vertical pass over only the columns
 * the horizontal pass needs, then a horizontal pass. When shrinking, the kernel widens by the scale factor, so every
 * source pixel under an output pixel contributes (no aliasing, unlike bilinear or point sampling).
 *
 * <p>Geometry is given per axis as an affine map from output to input coordinates: the centre of output pixel
 * {@code i} is at continuous input coordinate {@code origin + (i + 0.5) * scale}, where input pixel {@code j}
 * spans [j, j+1). Taps outside the input are folded onto the edge pixel (edge extension).
 */
final class Resampler {

    static final int SHIFT = 14;
    static final int ONE = 1 << SHIFT;
    private static final int HALF = 1 << (SHIFT - 1);
    static final double LOBES = 3.0;

    private Resampler() {
    }

    /** Per-output-pixel filter taps along one axis. */
    record Taps(int[] start, int[] count, int[] weights, int stride) {

        int minIndex() {
            int min = Integer.MAX_VALUE;
            for (int s : start) {
                min = Math.min(min, s);
            }
            return min;
        }

        int maxIndexExclusive() {
            int max = 0;
            for (int i = 0; i < start.length; i++) {
                max = Math.max(max, start[i] + count[i]);
            }
            return max;
        }
    }

    static double lanczos(double x) {
        x = Math.abs(x);
        if (x < 1e-9) {
            return 1.0;
        }
        if (x >= LOBES) {
            return 0.0;
        }
        double px = Math.PI * x;
        return LOBES * Math.sin(px) * Math.sin(px / LOBES) / (px * px);
    }

    static Taps taps(int inSize, int outSize, double origin, double scale) {
        double filterScale = Math.max(1.0, scale);
        double support = LOBES * filterScale;
        int stride = (int) Math.ceil(2 * support) + 2;
        int[] start = new int[outSize];
        int[] count = new int[outSize];
        int[] weights = new int[outSize * stride];
        double[] w = new double[stride];
        for (int i = 0; i < outSize; i++) {
            double center = origin + (i + 0.5) * scale;
            int left = (int) Math.floor(center - support);
            int right = (int) Math.ceil(center + support);
            int first = Math.max(0, Math.min(left, inSize - 1));
            int last = Math.min(inSize - 1, Math.max(right - 1, 0));
            if (last < first) {
                last = first;
            }
            int n = last - first + 1;
            if (n > stride) {
                n = stride;
                last = first + n - 1;
            }
            java.util.Arrays.fill(w, 0, n, 0.0);
            double total = 0;
            for (int j = left; j < right; j++) {
                double v = lanczos((j + 0.5 - center) / filterScale);
                if (v == 0) {
                    continue;
                }
                int clamped = Math.max(first, Math.min(last, j));
                w[clamped - first] += v;
                total += v;
            }
            if (total == 0) {
                // degenerate (cannot happen with a sane map): nearest pixel
                int nearest = Math.max(first, Math.min(last, (int) Math.floor(center)));
                w[nearest - first] = 1;
                total = 1;
            }
            int sum = 0;
            int maxAt = 0;
            int base = i * stride;
            for (int t = 0; t < n; t++) {
                int q = (int) Math.round(w[t] / total * ONE);
                weights[base + t] = q;
                sum += q;
                if (Math.abs(q) > Math.abs(weights[base + maxAt])) {
                    maxAt = t;
                }
            }
            weights[base + maxAt] += ONE - sum; // exact unity gain: flat areas stay flat
            start[i] = first;
            count[i] = n;
        }
        return new Taps(start, count, weights, stride);
    }

    /**
     * Resamples {@code src} to {@code outW × outH}. Maps are per axis, see the class comment.
     *
     * <p>The vertical pass runs first, over only the columns the horizontal pass needs: its inner loop walks whole
     * rows with one weight (contiguous, vectorised by the JIT), and it shrinks the row count before the gather-style
     * horizontal pass, which is the expensive one per tap.
     */
    static Pixels resample(Pixels src, int outW, int outH, double originX, double scaleX, double originY, double scaleY) {
        Taps tx = taps(src.width, outW, originX, scaleX);
        Taps ty = taps(src.height, outH, originY, scaleY);
        int colStart = tx.minIndex();
        int colEnd = tx.maxIndexExclusive();
        int c = src.channels;
        int midLen = (colEnd - colStart) * c;
        byte[] mid = new byte[outH * midLen];
        vertical(src, ty, colStart * c, midLen, mid);
        Pixels out = Pixels.allocate(outW, outH, c);
        horizontal(mid, outH, midLen, colStart, c, tx, out.data);
        if (c == 4) {
            clampToAlpha(out.data);
        }
        return out;
    }

    /** Filters columns: row i of {@code mid} is the weighted sum of source rows, over samples [from, from+len). */
    private static void vertical(Pixels src, Taps t, int from, int len, byte[] mid) {
        int[] start = t.start();
        int[] count = t.count();
        int[] wts = t.weights();
        int stride = t.stride();
        int inRow = src.width * src.channels;
        byte[] in = src.data;
        int[] acc = new int[len];
        for (int i = 0; i < start.length; i++) {
            java.util.Arrays.fill(acc, HALF);
            int wb = i * stride;
            int n = count[i];
            for (int k = 0; k < n; k++) {
                int w = wts[wb + k];
                int s = (start[i] + k) * inRow + from;
                for (int x = 0; x < len; x++) {
                    acc[x] += w * (in[s + x] & 0xFF);
                }
            }
            int d = i * len;
            for (int x = 0; x < len; x++) {
                mid[d + x] = clamp(acc[x]);
            }
        }
    }

    /** Filters rows of {@code mid} (which starts at source column {@code colStart}) into the output. */
    private static void horizontal(byte[] mid, int rows, int midLen, int colStart, int c, Taps t, byte[] out) {
        int[] start = t.start();
        int[] count = t.count();
        int[] wts = t.weights();
        int stride = t.stride();
        int outW = start.length;
        int d = 0;
        for (int y = 0; y < rows; y++) {
            int rowBase = y * midLen - colStart * c;
            switch (c) {
                case 3 -> {
                    for (int i = 0; i < outW; i++) {
                        int s = rowBase + start[i] * 3;
                        int wb = i * stride;
                        int n = count[i];
                        int a0 = HALF;
                        int a1 = HALF;
                        int a2 = HALF;
                        for (int k = 0; k < n; k++, s += 3) {
                            int w = wts[wb + k];
                            a0 += w * (mid[s] & 0xFF);
                            a1 += w * (mid[s + 1] & 0xFF);
                            a2 += w * (mid[s + 2] & 0xFF);
                        }
                        out[d++] = clamp(a0);
                        out[d++] = clamp(a1);
                        out[d++] = clamp(a2);
                    }
                }
                case 4 -> {
                    for (int i = 0; i < outW; i++) {
                        int s = rowBase + start[i] * 4;
                        int wb = i * stride;
                        int n = count[i];
                        int a0 = HALF;
                        int a1 = HALF;
                        int a2 = HALF;
                        int a3 = HALF;
                        for (int k = 0; k < n; k++, s += 4) {
                            int w = wts[wb + k];
                            a0 += w * (mid[s] & 0xFF);
                            a1 += w * (mid[s + 1] & 0xFF);
                            a2 += w * (mid[s + 2] & 0xFF);
                            a3 += w * (mid[s + 3] & 0xFF);
                        }
                        out[d++] = clamp(a0);
                        out[d++] = clamp(a1);
                        out[d++] = clamp(a2);
                        out[d++] = clamp(a3);
                    }
                }
                default -> {
                    for (int i = 0; i < outW; i++) {
                        int s = rowBase + start[i];
                        int wb = i * stride;
                        int n = count[i];
                        int a0 = HALF;
                        for (int k = 0; k < n; k++, s++) {
                            a0 += wts[wb + k] * (mid[s] & 0xFF);
                        }
                        out[d++] = clamp(a0);
                    }
                }
            }
        }
    }

    private static byte clamp(int acc) {
        int v = acc >> SHIFT;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /** Lanczos overshoot can push premultiplied colour above alpha: pull it back (ABGR layout, alpha first). */
    private static void clampToAlpha(byte[] abgr) {
        for (int p = 0; p < abgr.length; p += 4) {
            int a = abgr[p] & 0xFF;
            for (int ch = 1; ch < 4; ch++) {
                if ((abgr[p + ch] & 0xFF) > a) {
                    abgr[p + ch] = (byte) a;
                }
            }
        }
    }
}
