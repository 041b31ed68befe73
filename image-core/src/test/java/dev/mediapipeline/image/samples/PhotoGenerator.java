package dev.mediapipeline.image.samples;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Procedural, photo-like images: a sky with clouds, hazy mountain ridges, textured hills, a town with window grids
 * (sharp edges and fine regular patterns, the content that shows aliasing), grass with thin blades. Deterministic
 * for a given size and seed, so tests and the committed samples agree and SSIM comparisons have real detail to
 * measure (flat colours would make every scaler look perfect).
 */
public final class PhotoGenerator {

    private final long seed;

    private PhotoGenerator(long seed) {
        this.seed = seed;
    }

    /** A landscape-like scene of the given size (any aspect ratio works). */
    public static BufferedImage scene(int width, int height, long seed) {
        return new PhotoGenerator(seed).render(width, height);
    }

    private BufferedImage render(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        double unit = Math.min(w, h); // features scale with the picture
        double[] ridgeFar = new double[w];
        double[] ridgeNear = new double[w];
        double[] ground = new double[w];
        for (int x = 0; x < w; x++) {
            double u = x / unit;
            ridgeFar[x] = h * (0.38 + 0.10 * fbm(u * 2.0, 0.5, 5, 11));
            ridgeNear[x] = h * (0.52 + 0.07 * fbm(u * 3.0, 1.5, 5, 23));
            ground[x] = h * (0.70 + 0.03 * fbm(u * 1.5, 7.5, 3, 37));
        }
        int buildings = 9;
        double[] bx = new double[buildings];
        double[] bw = new double[buildings];
        double[] bh = new double[buildings];
        for (int i = 0; i < buildings; i++) {
            bx[i] = w * (0.08 + 0.09 * i + 0.02 * hash01(i, 1, 3));
            bw[i] = w * (0.04 + 0.03 * hash01(i, 2, 3));
            bh[i] = h * (0.10 + 0.16 * hash01(i, 3, 3));
        }
        double sunX = w * 0.78;
        double sunY = h * 0.17;
        double sunR = unit * 0.05;
        int p = 0;
        for (int y = 0; y < h; y++) {
            double v = y / unit;
            double skyT = (double) y / h;
            for (int x = 0; x < w; x++) {
                double u = x / unit;
                double r;
                double g;
                double b;
                if (y < ridgeFar[x]) {
                    // sky: gradient, clouds, sun
                    r = 90 + 110 * skyT;
                    g = 140 + 80 * skyT;
                    b = 230 - 20 * skyT;
                    double cloud = fbm(u * 3, v * 6, 6, 101);
                    double c = smooth(0.05, 0.45, cloud);
                    r += (250 - r) * c * 0.85;
                    g += (250 - g) * c * 0.85;
                    b += (252 - b) * c * 0.85;
                    double d = Math.hypot(x - sunX, y - sunY) / sunR;
                    if (d < 1) {
                        r = 255;
                        g = 248;
                        b = 220;
                    } else if (d < 3) {
                        double glow = (3 - d) / 2 * 0.5;
                        r += (255 - r) * glow;
                        g += (245 - g) * glow;
                        b += (200 - b) * glow;
                    }
                } else if (y < ridgeNear[x]) {
                    // far mountains, hazy, with rock texture and snow
                    double n = fbm(u * 12, v * 12, 5, 202);
                    double depth = (y - ridgeFar[x]) / (h * 0.2);
                    r = 110 + 35 * n - 20 * depth;
                    g = 120 + 30 * n - 15 * depth;
                    b = 150 + 25 * n - 10 * depth;
                    if (y < ridgeFar[x] + h * 0.03 * (1 + n)) {
                        r = 235 + 15 * n;
                        g = 238 + 12 * n;
                        b = 245 + 8 * n;
                    }
                } else if (y < ground[x]) {
                    // near hills: greens with fine texture
                    double n = fbm(u * 20, v * 20, 6, 303);
                    double fine = fbm(u * 120, v * 120, 2, 304);
                    r = 60 + 40 * n + 25 * fine;
                    g = 110 + 45 * n + 30 * fine;
                    b = 45 + 20 * n + 10 * fine;
                } else {
                    // foreground grass with blades
                    double n = fbm(u * 8, v * 8, 4, 405);
                    double blade = Math.abs(Math.sin(u * 900 + 6 * fbm(u * 30, v * 4, 3, 406)));
                    double bladeMask = Math.pow(blade, 12);
                    r = 70 + 40 * n + 60 * bladeMask;
                    g = 120 + 50 * n + 70 * bladeMask;
                    b = 30 + 15 * n + 20 * bladeMask;
                }
                // town: buildings standing on the near ridge, with window grids
                for (int i = 0; i < buildings; i++) {
                    if (x >= bx[i] && x < bx[i] + bw[i]) {
                        double base = ridgeNear[(int) Math.min(w - 1, bx[i] + bw[i] / 2)] + h * 0.02;
                        if (y < base && y > base - bh[i]) {
                            double shade = 0.75 + 0.25 * hash01(i, 5, 3);
                            r = 180 * shade;
                            g = 170 * shade;
                            b = 160 * shade;
                            double cell = Math.max(3, unit / 120.0);
                            double wx = (x - bx[i]) % cell;
                            double wy = (base - y) % (cell * 1.4);
                            if (wx > cell * 0.35 && wy > cell * 0.45) {
                                boolean lit = hash01((int) ((x - bx[i]) / cell), (int) ((base - y) / (cell * 1.4)), 7 + i) > 0.6;
                                r = lit ? 250 : 40;
                                g = lit ? 220 : 50;
                                b = lit ? 140 : 70;
                            }
                        }
                    }
                }
                // sensor noise
                double grain = (hash01(x, y, seed) - 0.5) * 10;
                bgr[p++] = clamp(b + grain);
                bgr[p++] = clamp(g + grain);
                bgr[p++] = clamp(r + grain);
            }
        }
        return image;
    }

    private static double smooth(double e0, double e1, double x) {
        double t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
        return t * t * (3 - 2 * t);
    }

    private static byte clamp(double v) {
        return (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
    }

    /** Fractal value noise in [-1, 1]-ish. */
    private double fbm(double x, double y, int octaves, int salt) {
        double sum = 0;
        double amp = 0.5;
        double freq = 1;
        for (int o = 0; o < octaves; o++) {
            sum += amp * (valueNoise(x * freq, y * freq, salt + o * 131) * 2 - 1);
            freq *= 2.03;
            amp *= 0.5;
        }
        return sum;
    }

    private double valueNoise(double x, double y, int salt) {
        int xi = (int) Math.floor(x);
        int yi = (int) Math.floor(y);
        double xf = x - xi;
        double yf = y - yi;
        double u = xf * xf * (3 - 2 * xf);
        double v = yf * yf * (3 - 2 * yf);
        double a = hash01(xi, yi, seed * 31 + salt);
        double b = hash01(xi + 1, yi, seed * 31 + salt);
        double c = hash01(xi, yi + 1, seed * 31 + salt);
        double d = hash01(xi + 1, yi + 1, seed * 31 + salt);
        return a + (b - a) * u + (c - a) * v + (a - b - c + d) * u * v;
    }

    private static double hash01(long x, long y, long salt) {
        long h = x * 0x9E3779B97F4A7C15L ^ y * 0xC2B2AE3D27D4EB4FL ^ salt * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }
}
