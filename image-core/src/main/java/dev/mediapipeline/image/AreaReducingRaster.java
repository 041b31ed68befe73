package dev.mediapipeline.image;

import java.awt.Point;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * A write-only destination raster of full source size that stores nothing at full size: every row a decoder
 * writes is averaged into a k×k area-reduced image on the fly (a box filter, exact for integer factors). With the
 * JDK's JPEG decoder, which hands each decoded scanline to its destination with {@code setRect}, a 48-megapixel
 * JPEG decodes through a single row of accumulators.
 *
 * <p>Only {@code setRect} is supported; any other write throws {@link UnsupportedOperationException}, so a decoder
 * that fills its destination differently fails loudly instead of silently producing an empty image (the caller
 * then falls back to a regular decode). A decoder that outputs several passes (progressive JPEG) restarts at row 0:
 * the last pass wins.
 *
 * <p>Output samples are interleaved in reverse band order (RGB in, BGR out), the layout of
 * {@link java.awt.image.BufferedImage#TYPE_3BYTE_BGR}.
 */
final class AreaReducingRaster extends WritableRaster {

    private final int srcWidth;
    private final int srcHeight;
    private final int bands;
    private final int factor;
    private final int outWidth;
    private final int outHeight;
    private final byte[] out;
    private final int[] acc;
    private int nextRow;
    private int rowsInBlock;
    private int outRow;
    private int passes;

    AreaReducingRaster(int srcWidth, int srcHeight, int bands, int factor) {
        super(new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, srcWidth, srcHeight, bands, srcWidth * bands,
                offsets(bands)), new DataBufferByte(1), new Point(0, 0));
        if (factor < 1) {
            throw new IllegalArgumentException("factor " + factor);
        }
        this.srcWidth = srcWidth;
        this.srcHeight = srcHeight;
        this.bands = bands;
        this.factor = factor;
        this.outWidth = ceilDiv(srcWidth, factor);
        this.outHeight = ceilDiv(srcHeight, factor);
        long size = (long) outWidth * outHeight * bands;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("reduced image too large: " + outWidth + "x" + outHeight);
        }
        this.out = new byte[(int) size];
        this.acc = new int[outWidth * bands];
    }

    private static int[] offsets(int bands) {
        int[] o = new int[bands];
        for (int i = 0; i < bands; i++) {
            o[i] = i;
        }
        return o;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    int outWidth() {
        return outWidth;
    }

    int outHeight() {
        return outHeight;
    }

    int passes() {
        return passes;
    }

    /** The reduced samples; valid once every source row was written ({@link #complete()}). */
    byte[] reduced() {
        return out;
    }

    boolean complete() {
        return nextRow == srcHeight;
    }

    int rowsReceived() {
        return nextRow;
    }

    @Override
    public void setRect(Raster src) {
        setRect(0, 0, src);
    }

    @Override
    public void setRect(int dx, int dy, Raster src) {
        if (!(src.getSampleModel() instanceof ComponentSampleModel sm) || !(src.getDataBuffer() instanceof DataBufferByte db)
                || src.getNumBands() != bands) {
            throw new UnsupportedOperationException("unexpected scanline layout " + src.getSampleModel());
        }
        int x0 = dx + src.getMinX();
        int y0 = dy + src.getMinY();
        if (x0 != 0 || src.getWidth() != srcWidth) {
            throw new UnsupportedOperationException("partial-width write at x=" + x0 + " width " + src.getWidth());
        }
        byte[] data = db.getData();
        int[] bandOffsets = sm.getBandOffsets();
        int pixelStride = sm.getPixelStride();
        int scanline = sm.getScanlineStride();
        int base0 = db.getOffset() + (src.getMinY() - src.getSampleModelTranslateY()) * scanline
                + (src.getMinX() - src.getSampleModelTranslateX()) * pixelStride;
        for (int r = 0; r < src.getHeight(); r++) {
            int y = y0 + r;
            if (y == 0 && nextRow > 0) {
                restart();
            }
            if (y != nextRow) {
                throw new UnsupportedOperationException("rows written out of order: got " + y + ", expected " + nextRow);
            }
            accumulate(data, base0 + r * scanline, pixelStride, bandOffsets);
            nextRow++;
            rowsInBlock++;
            if (rowsInBlock == factor || nextRow == srcHeight) {
                emit();
            }
        }
    }

    private void restart() {
        Arrays.fill(acc, 0);
        nextRow = 0;
        rowsInBlock = 0;
        outRow = 0;
        passes++;
    }

    private void accumulate(byte[] data, int base, int pixelStride, int[] bandOffsets) {
        int k = factor;
        if (bands == 3) {
            int o0 = bandOffsets[0];
            int o1 = bandOffsets[1];
            int o2 = bandOffsets[2];
            int x = 0;
            for (int j = 0; j < outWidth; j++) {
                int end = Math.min(x + k, srcWidth);
                int s0 = 0;
                int s1 = 0;
                int s2 = 0;
                int p = base + x * pixelStride;
                for (; x < end; x++, p += pixelStride) {
                    s0 += data[p + o0] & 0xFF;
                    s1 += data[p + o1] & 0xFF;
                    s2 += data[p + o2] & 0xFF;
                }
                int a = j * 3;
                acc[a] += s2;     // reverse band order: BGR out
                acc[a + 1] += s1;
                acc[a + 2] += s0;
            }
        } else {
            int x = 0;
            for (int j = 0; j < outWidth; j++) {
                int end = Math.min(x + k, srcWidth);
                for (int b = 0; b < bands; b++) {
                    int s = 0;
                    int p = base + x * pixelStride + bandOffsets[b];
                    for (int xx = x; xx < end; xx++, p += pixelStride) {
                        s += data[p] & 0xFF;
                    }
                    acc[j * bands + (bands - 1 - b)] += s;
                }
                x = end;
            }
        }
    }

    private void emit() {
        int rows = rowsInBlock;
        int dst = outRow * outWidth * bands;
        int fullCount = factor * rows;
        int lastWidth = srcWidth - (outWidth - 1) * factor;
        for (int j = 0; j < outWidth; j++) {
            int count = j == outWidth - 1 ? lastWidth * rows : fullCount;
            int half = count >> 1;
            for (int b = 0; b < bands; b++) {
                int i = j * bands + b;
                out[dst + i] = (byte) ((acc[i] + half) / count);
                acc[i] = 0;
            }
        }
        outRow++;
        rowsInBlock = 0;
    }

    // Every other way of writing pixels is refused: see the class comment.

    @Override
    public void setDataElements(int x, int y, Object inData) {
        throw unsupported();
    }

    @Override
    public void setDataElements(int x, int y, Raster inRaster) {
        throw unsupported();
    }

    @Override
    public void setDataElements(int x, int y, int w, int h, Object inData) {
        throw unsupported();
    }

    @Override
    public void setPixel(int x, int y, int[] iArray) {
        throw unsupported();
    }

    @Override
    public void setPixel(int x, int y, float[] fArray) {
        throw unsupported();
    }

    @Override
    public void setPixel(int x, int y, double[] dArray) {
        throw unsupported();
    }

    @Override
    public void setPixels(int x, int y, int w, int h, int[] iArray) {
        throw unsupported();
    }

    @Override
    public void setPixels(int x, int y, int w, int h, float[] fArray) {
        throw unsupported();
    }

    @Override
    public void setPixels(int x, int y, int w, int h, double[] dArray) {
        throw unsupported();
    }

    @Override
    public void setSample(int x, int y, int b, int s) {
        throw unsupported();
    }

    @Override
    public void setSample(int x, int y, int b, float s) {
        throw unsupported();
    }

    @Override
    public void setSample(int x, int y, int b, double s) {
        throw unsupported();
    }

    @Override
    public void setSamples(int x, int y, int w, int h, int b, int[] iArray) {
        throw unsupported();
    }

    @Override
    public void setSamples(int x, int y, int w, int h, int b, float[] fArray) {
        throw unsupported();
    }

    @Override
    public void setSamples(int x, int y, int w, int h, int b, double[] dArray) {
        throw unsupported();
    }

    @Override
    public WritableRaster createWritableChild(int parentX, int parentY, int w, int h, int childMinX, int childMinY, int[] bandList) {
        throw unsupported();
    }

    @Override
    public WritableRaster createWritableTranslatedChild(int childMinX, int childMinY) {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("area-reducing raster only accepts whole scanlines through setRect");
    }
}
