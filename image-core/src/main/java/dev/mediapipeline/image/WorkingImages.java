package dev.mediapipeline.image;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Converts whatever a decoder produced (any {@link BufferedImage}: indexed, 16-bit, packed int, gray+alpha,
 * ICC-profiled, CMYK) into the pipeline's working form, {@link Pixels}: 8-bit sRGB (or gray), alpha premultiplied
 * and kept only if some pixel actually uses it.
 */
final class WorkingImages {

    private WorkingImages() {
    }

    static Pixels toWorking(BufferedImage image) {
        Pixels direct = Pixels.wrap(image);
        if (direct != null) {
            return dropUnusedAlpha(direct);
        }
        ColorModel cm = image.getColorModel();
        ColorSpace cs = cm.getColorSpace();
        if (cm instanceof IndexColorModel icm) {
            return fromIndexed(image, icm);
        }
        boolean standardSpace = cs.isCS_sRGB() || isStandardGray(cs);
        if (!standardSpace) {
            // ICC-profiled RGB, linear RGB, CMYK, Lab...: let the colour management system take it to sRGB
            BufferedImage srgb = new BufferedImage(image.getWidth(), image.getHeight(),
                    cm.hasAlpha() ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR);
            new ColorConvertOp(null).filter(image, srgb);
            return toWorking(srgb);
        }
        if (cm instanceof ComponentColorModel || cm instanceof DirectColorModel) {
            return fromComponents(image, cm);
        }
        // anything exotic: let Java2D draw it into sRGB ARGB
        BufferedImage argb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        var g = argb.createGraphics();
        try {
            g.setComposite(java.awt.AlphaComposite.Src);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return fromComponents(argb, argb.getColorModel());
    }

    static boolean isStandardGray(ColorSpace cs) {
        return cs.getType() == ColorSpace.TYPE_GRAY && cs.getNumComponents() == 1
                && (cs == ColorSpace.getInstance(ColorSpace.CS_GRAY) || cs instanceof ICC_ColorSpace);
    }

    /** sRGB or gray component/packed images: samples per band, scaled to 8 bits. */
    private static Pixels fromComponents(BufferedImage image, ColorModel cm) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int colorBands = cm.getNumColorComponents();
        boolean alpha = cm.hasAlpha();
        boolean premultiplied = cm.isAlphaPremultiplied();
        int bands = raster.getNumBands();
        int[] maxValue = new int[bands];
        for (int b = 0; b < bands; b++) {
            maxValue[b] = (1 << cm.getComponentSize(Math.min(b, cm.getNumComponents() - 1))) - 1;
        }
        boolean gray = colorBands == 1;
        int channels = alpha ? 4 : gray ? 1 : 3;
        Pixels out = Pixels.allocate(w, h, channels);
        byte[] dst = out.data;
        int[] row = new int[w * bands];
        int d = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0, s = 0; x < w; x++, s += bands) {
                int r;
                int g;
                int b;
                if (gray) {
                    r = g = b = to8(row[s], maxValue[0]);
                } else {
                    r = to8(row[s], maxValue[0]);
                    g = to8(row[s + 1], maxValue[1]);
                    b = to8(row[s + 2], maxValue[2]);
                }
                if (channels == 4) {
                    int a = to8(row[s + colorBands], maxValue[colorBands]);
                    if (!premultiplied && a != 255) {
                        r = (r * a + 127) / 255;
                        g = (g * a + 127) / 255;
                        b = (b * a + 127) / 255;
                    }
                    dst[d++] = (byte) a;
                    dst[d++] = (byte) b;
                    dst[d++] = (byte) g;
                    dst[d++] = (byte) r;
                } else if (channels == 3) {
                    dst[d++] = (byte) b;
                    dst[d++] = (byte) g;
                    dst[d++] = (byte) r;
                } else {
                    dst[d++] = (byte) r;
                }
            }
        }
        return dropUnusedAlpha(out);
    }

    private static Pixels fromIndexed(BufferedImage image, IndexColorModel icm) {
        int size = icm.getMapSize();
        int[] argb = new int[size];
        icm.getRGBs(argb);
        boolean alpha = icm.hasAlpha();
        boolean gray = !alpha;
        for (int v : argb) {
            int r = v >> 16 & 0xFF;
            if (r != (v >> 8 & 0xFF) || r != (v & 0xFF)) {
                gray = false;
                break;
            }
        }
        int channels = alpha ? 4 : gray ? 1 : 3;
        int w = image.getWidth();
        int h = image.getHeight();
        Pixels out = Pixels.allocate(w, h, channels);
        byte[] dst = out.data;
        Raster raster = image.getRaster();
        int[] row = new int[w];
        int d = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int index = row[x];
                int v = index < size ? argb[index] : 0xFF000000;
                int a = v >>> 24;
                int r = v >> 16 & 0xFF;
                int g = v >> 8 & 0xFF;
                int b = v & 0xFF;
                if (channels == 4) {
                    dst[d++] = (byte) a;
                    dst[d++] = (byte) ((b * a + 127) / 255);
                    dst[d++] = (byte) ((g * a + 127) / 255);
                    dst[d++] = (byte) ((r * a + 127) / 255);
                } else if (channels == 3) {
                    dst[d++] = (byte) b;
                    dst[d++] = (byte) g;
                    dst[d++] = (byte) r;
                } else {
                    dst[d++] = (byte) r;
                }
            }
        }
        return dropUnusedAlpha(out);
    }

    private static Pixels dropUnusedAlpha(Pixels p) {
        return p.hasAlpha() && !p.anyTransparency() ? p.withoutAlpha() : p;
    }

    private static int to8(int value, int max) {
        if (max == 255) {
            return value;
        }
        return (int) (((long) value * 255 + max / 2) / max);
    }
}
