package dev.mediapipeline.image;

import java.awt.Point;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * The pipeline's working image: 8-bit interleaved samples in the byte layout of a standard {@link BufferedImage}
 * type, so conversion both ways is a wrap, not a copy.
 * <ul>
 *   <li>1 channel: gray ({@code TYPE_BYTE_GRAY});</li>
 *   <li>3 channels: B, G, R ({@code TYPE_3BYTE_BGR});</li>
 *   <li>4 channels: A, B, G, R with colour premultiplied by alpha ({@code TYPE_4BYTE_ABGR_PRE}), so filtering
 *       never bleeds the colour of transparent pixels into visible ones.</li>
 * </ul>
 * Colour is sRGB (gray: the gray of an sRGB image).
 */
final class Pixels {

    final int width;
    final int height;
    final int channels;
    final byte[] data;

    Pixels(int width, int height, int channels, byte[] data) {
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException("channels " + channels);
        }
        if ((long) width * height * channels != data.length) {
            throw new IllegalArgumentException("data length " + data.length + " for " + width + "x" + height + "x" + channels);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.data = data;
    }

    static Pixels allocate(int width, int height, int channels) {
        long size = (long) width * height * channels;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("image too large: " + width + "x" + height);
        }
        return new Pixels(width, height, channels, new byte[(int) size]);
    }

    boolean hasAlpha() {
        return channels == 4;
    }

    long pixelCount() {
        return (long) width * height;
    }

    /** Wraps this data as a BufferedImage of the matching standard type (no copy). */
    BufferedImage toBufferedImage() {
        int type = switch (channels) {
            case 1 -> BufferedImage.TYPE_BYTE_GRAY;
            case 3 -> BufferedImage.TYPE_3BYTE_BGR;
            default -> BufferedImage.TYPE_4BYTE_ABGR_PRE;
        };
        // Build a standard image of that type, then swap in our data buffer through a raster of the same layout.
        ColorModel cm = new BufferedImage(1, 1, type).getColorModel();
        int[] offsets = switch (channels) {
            case 1 -> new int[] {0};
            case 3 -> new int[] {2, 1, 0};
            default -> new int[] {3, 2, 1, 0};
        };
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(data, data.length), width, height,
                width * channels, channels, offsets, new Point(0, 0));
        return new BufferedImage(cm, raster, channels == 4, null);
    }

    /** Wraps the data of a standard gray, BGR or premultiplied ABGR image with a plain layout; null otherwise. */
    static Pixels wrap(BufferedImage image) {
        int channels = switch (image.getType()) {
            case BufferedImage.TYPE_BYTE_GRAY -> 1;
            case BufferedImage.TYPE_3BYTE_BGR -> 3;
            case BufferedImage.TYPE_4BYTE_ABGR_PRE -> 4;
            default -> 0;
        };
        if (channels == 0 || !(image.getRaster().getDataBuffer() instanceof DataBufferByte db)) {
            return null;
        }
        WritableRaster r = image.getRaster();
        if (db.getNumBanks() != 1 || db.getOffset() != 0 || r.getMinX() != 0 || r.getMinY() != 0
                || r.getSampleModelTranslateX() != 0 || r.getSampleModelTranslateY() != 0
                || db.getData().length != image.getWidth() * image.getHeight() * channels
                || !(r.getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel sm)
                || sm.getScanlineStride() != image.getWidth() * channels || sm.getPixelStride() != channels) {
            return null;
        }
        return new Pixels(image.getWidth(), image.getHeight(), channels, db.getData());
    }

    /** An 8-bit interleaved image in the given colour space with bands in reverse order (BGR), wrapping {@code bgr}. */
    static BufferedImage wrapReversed(byte[] bgr, int width, int height, ColorSpace cs) {
        int bands = cs.getNumComponents();
        int[] offsets = new int[bands];
        for (int b = 0; b < bands; b++) {
            offsets[b] = bands - 1 - b;
        }
        ColorModel cm = new ComponentColorModel(cs, false, false, java.awt.Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(bgr, bgr.length), width, height,
                width * bands, bands, offsets, new Point(0, 0));
        return new BufferedImage(cm, raster, false, null);
    }

    /** Area-averages by an integer factor (box filter), the cheap first step before the final filter. */
    Pixels boxReduce(int k) {
        if (k <= 1) {
            return this;
        }
        int ow = (width + k - 1) / k;
        int oh = (height + k - 1) / k;
        Pixels out = allocate(ow, oh, channels);
        int c = channels;
        int[] acc = new int[ow * c];
        for (int oy = 0; oy < oh; oy++) {
            int y0 = oy * k;
            int y1 = Math.min(y0 + k, height);
            java.util.Arrays.fill(acc, 0);
            for (int y = y0; y < y1; y++) {
                int row = y * width * c;
                for (int ox = 0; ox < ow; ox++) {
                    int x0 = ox * k;
                    int x1 = Math.min(x0 + k, width);
                    for (int ch = 0; ch < c; ch++) {
                        int s = 0;
                        for (int x = x0, p = row + x0 * c + ch; x < x1; x++, p += c) {
                            s += data[p] & 0xFF;
                        }
                        acc[ox * c + ch] += s;
                    }
                }
            }
            int rows = y1 - y0;
            int dst = oy * ow * c;
            for (int ox = 0; ox < ow; ox++) {
                int cols = Math.min(ox * k + k, width) - ox * k;
                int count = rows * cols;
                for (int ch = 0; ch < c; ch++) {
                    out.data[dst + ox * c + ch] = (byte) ((acc[ox * c + ch] + count / 2) / count);
                }
            }
        }
        return out;
    }

    /** A copy of the region {@code [x, x+w) × [y, y+h)}. */
    Pixels cropped(int x, int y, int w, int h) {
        if (x == 0 && y == 0 && w == width && h == height) {
            return this;
        }
        if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop " + w + "x" + h + "+" + x + "+" + y + " of " + width + "x" + height);
        }
        Pixels out = allocate(w, h, channels);
        for (int row = 0; row < h; row++) {
            System.arraycopy(data, ((y + row) * width + x) * channels, out.data, row * w * channels, w * channels);
        }
        return out;
    }

    /** Three-channel pixels in the given RGB space (not sRGB) converted to sRGB by the colour management system. */
    Pixels toSrgb(ColorSpace profile) {
        BufferedImage profiled = wrapReversed(data, width, height, profile);
        BufferedImage srgb = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        new java.awt.image.ColorConvertOp(null).filter(profiled, srgb);
        return wrap(srgb);
    }

    /** A copy transformed from stored to upright orientation. */
    Pixels oriented(ExifOrientation o) {
        if (o == ExifOrientation.TOP_LEFT) {
            return this;
        }
        int uw = o.uprightWidth(width, height);
        int uh = o.uprightHeight(width, height);
        Pixels out = allocate(uw, uh, channels);
        int c = channels;
        byte[] src = data;
        byte[] dst = out.data;
        int d = 0;
        for (int v = 0; v < uh; v++) {
            for (int u = 0; u < uw; u++) {
                int s = (o.storedY(u, v, width, height) * width + o.storedX(u, v, width, height)) * c;
                for (int ch = 0; ch < c; ch++) {
                    dst[d++] = src[s + ch];
                }
            }
        }
        return out;
    }

    /** For 4-channel (premultiplied ABGR) images: true if any pixel is not fully opaque. */
    boolean anyTransparency() {
        if (channels != 4) {
            return false;
        }
        for (int i = 0; i < data.length; i += 4) {
            if (data[i] != (byte) 0xFF) {
                return true;
            }
        }
        return false;
    }

    /** Drops the alpha channel of a fully opaque premultiplied ABGR image (colour is then unchanged). */
    Pixels withoutAlpha() {
        if (channels != 4) {
            return this;
        }
        Pixels out = allocate(width, height, 3);
        for (int s = 0, d = 0; s < data.length; s += 4, d += 3) {
            out.data[d] = data[s + 1];
            out.data[d + 1] = data[s + 2];
            out.data[d + 2] = data[s + 3];
        }
        return out;
    }

    /** A non-premultiplied {@code TYPE_4BYTE_ABGR} copy of a premultiplied 4-channel image, for PNG encoding. */
    BufferedImage toStraightAlphaImage() {
        if (channels != 4) {
            throw new IllegalStateException("no alpha channel");
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_4BYTE_ABGR);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < data.length; i += 4) {
            int a = data[i] & 0xFF;
            dst[i] = (byte) a;
            if (a == 0) {
                dst[i + 1] = 0;
                dst[i + 2] = 0;
                dst[i + 3] = 0;
            } else if (a == 255) {
                dst[i + 1] = data[i + 1];
                dst[i + 2] = data[i + 2];
                dst[i + 3] = data[i + 3];
            } else {
                for (int ch = 1; ch < 4; ch++) {
                    int v = ((data[i + ch] & 0xFF) * 255 + a / 2) / a;
                    dst[i + ch] = (byte) Math.min(255, v);
                }
            }
        }
        return out;
    }
}
