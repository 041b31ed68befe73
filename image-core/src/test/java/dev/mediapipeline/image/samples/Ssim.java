package dev.mediapipeline.image.samples;

import java.awt.image.BufferedImage;

/**
 * Structural similarity (SSIM, Wang et al. 2004) on luma, 11×11 Gaussian window (σ 1.5), K1 0.01, K2 0.03: the
 * usual definition, good enough to tell an anti-aliased thumbnail from an aliased one.
 */
public final class Ssim {

    private Ssim() {
    }

    public static double of(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("sizes differ: " + a.getWidth() + "x" + a.getHeight() + " vs " + b.getWidth() + "x" + b.getHeight());
        }
        int w = a.getWidth();
        int h = a.getHeight();
        double[] x = luma(a);
        double[] y = luma(b);
        int r = 5;
        double[] g = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            g[i + r] = Math.exp(-i * i / (2 * 1.5 * 1.5));
            sum += g[i + r];
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= sum;
        }
        double[] xx = new double[w * h];
        double[] yy = new double[w * h];
        double[] xy = new double[w * h];
        for (int i = 0; i < w * h; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] mx = blur(x, w, h, g, r);
        double[] my = blur(y, w, h, g, r);
        double[] sxx = blur(xx, w, h, g, r);
        double[] syy = blur(yy, w, h, g, r);
        double[] sxy = blur(xy, w, h, g, r);
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double total = 0;
        int n = 0;
        for (int j = r; j < h - r; j++) {
            for (int i = r; i < w - r; i++) {
                int k = j * w + i;
                double vx = sxx[k] - mx[k] * mx[k];
                double vy = syy[k] - my[k] * my[k];
                double cxy = sxy[k] - mx[k] * my[k];
                total += ((2 * mx[k] * my[k] + c1) * (2 * cxy + c2)) / ((mx[k] * mx[k] + my[k] * my[k] + c1) * (vx + vy + c2));
                n++;
            }
        }
        return total / n;
    }

    private static double[] luma(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        double[] y = new double[w * h];
        int[] row = new int[w];
        for (int j = 0; j < h; j++) {
            img.getRGB(0, j, w, 1, row, 0, w);
            for (int i = 0; i < w; i++) {
                int v = row[i];
                y[j * w + i] = 0.299 * (v >> 16 & 255) + 0.587 * (v >> 8 & 255) + 0.114 * (v & 255);
            }
        }
        return y;
    }

    private static double[] blur(double[] in, int w, int h, double[] g, int r) {
        double[] t = new double[w * h];
        double[] o = new double[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double s = 0;
                for (int k = -r; k <= r; k++) {
                    s += g[k + r] * in[j * w + Math.max(0, Math.min(w - 1, i + k))];
                }
                t[j * w + i] = s;
            }
        }
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double s = 0;
                for (int k = -r; k <= r; k++) {
                    s += g[k + r] * t[Math.max(0, Math.min(h - 1, j + k)) * w + i];
                }
                o[j * w + i] = s;
            }
        }
        return o;
    }

    /**
     * The reference resize the benchmarks compare against: Lanczos-3 in double precision, straight from the full
     * image (what ImageMagick's {@code -filter Lanczos -resize} does).
     */
    public static BufferedImage lanczosReference(BufferedImage src, int ow, int oh) {
        int w = src.getWidth();
        int h = src.getHeight();
        int[] px = src.getRGB(0, 0, w, h, null, 0, w);
        double[][] tmp = new double[3][h * ow];
        double sx = (double) w / ow;
        double sy = (double) h / oh;
        for (int i = 0; i < ow; i++) {
            double[] wt = weights((i + 0.5) * sx, sx);
            int left = (int) Math.floor((i + 0.5) * sx - 3 * Math.max(1, sx));
            for (int y = 0; y < h; y++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int t = 0; t < wt.length; t++) {
                    int v = px[y * w + Math.max(0, Math.min(w - 1, left + t))];
                    r += wt[t] * (v >> 16 & 255);
                    g += wt[t] * (v >> 8 & 255);
                    b += wt[t] * (v & 255);
                }
                tmp[0][y * ow + i] = r;
                tmp[1][y * ow + i] = g;
                tmp[2][y * ow + i] = b;
            }
        }
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < oh; j++) {
            double[] wt = weights((j + 0.5) * sy, sy);
            int top = (int) Math.floor((j + 0.5) * sy - 3 * Math.max(1, sy));
            for (int i = 0; i < ow; i++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double acc = 0;
                    for (int t = 0; t < wt.length; t++) {
                        acc += wt[t] * tmp[c][Math.max(0, Math.min(h - 1, top + t)) * ow + i];
                    }
                    rgb = rgb << 8 | (int) Math.max(0, Math.min(255, Math.round(acc)));
                }
                out.setRGB(i, j, rgb);
            }
        }
        return out;
    }

    private static double[] weights(double center, double scale) {
        double fs = Math.max(1, scale);
        int left = (int) Math.floor(center - 3 * fs);
        int right = (int) Math.ceil(center + 3 * fs);
        double[] w = new double[right - left];
        double total = 0;
        for (int j = left; j < right; j++) {
            double x = Math.abs((j + 0.5 - center) / fs);
            double v = x < 1e-9 ? 1 : x >= 3 ? 0 : 3 * Math.sin(Math.PI * x) * Math.sin(Math.PI * x / 3) / (Math.PI * x * Math.PI * x);
            w[j - left] = v;
            total += v;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= total;
        }
        return w;
    }
}
