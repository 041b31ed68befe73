package dev.mediapipeline.image.samples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Builds test images in every shape the pipeline must handle, in memory and deterministically: photo-like JPEGs,
 * EXIF-rotated and GPS-tagged JPEGs, CMYK JPEG with known patches, PNG with alpha, palette and 16-bit PNG, GIF,
 * BMP, TIFF, WebP, and damaged files. Used by the tests and by {@link SampleMediaGenerator}.
 */
public final class SampleImages {

    /** Corner marker colours of {@link #markers}: upright top-left, top-right, bottom-left, bottom-right. */
    public static final Color TOP_LEFT = new Color(230, 20, 20);
    public static final Color TOP_RIGHT = new Color(20, 200, 20);
    public static final Color BOTTOM_LEFT = new Color(20, 40, 230);
    public static final Color BOTTOM_RIGHT = new Color(240, 220, 20);
    public static final Color MARKER_BACKGROUND = new Color(128, 128, 128);

    private SampleImages() {
    }

    // ------------------------------------------------------------ encoders

    public static byte[] jpeg(BufferedImage image, int quality) {
        return jpeg(image, quality, false);
    }

    public static byte[] jpeg(BufferedImage image, int quality, boolean progressive) {
        ImageWriter writer = jdkWriter("jpeg");
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality / 100f);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        return write(writer, new IIOImage(image, null, null), param);
    }

    public static byte[] encode(BufferedImage image, String format) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (format.equals("webp")) {
            // gotson webp-imageio: lossy by default; keep it lossy for a realistic sample
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(param.getCompressionTypes()[0]);
            param.setCompressionQuality(0.8f);
        }
        return write(writer, new IIOImage(image, null, null), param);
    }

    private static ImageWriter jdkWriter(String format) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
        ImageWriter fallback = null;
        while (it.hasNext()) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.")) {
                return w;
            }
            fallback = fallback == null ? w : fallback;
        }
        return fallback;
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    // ------------------------------------------------------------ photos

    public static BufferedImage photo(int width, int height, long seed) {
        return PhotoGenerator.scene(width, height, seed);
    }

    public static byte[] photoJpeg(int width, int height, long seed, int quality) {
        return jpeg(photo(width, height, seed), quality);
    }

    // ------------------------------------------------------------ orientation

    /**
     * An upright test card: grey, with a coloured block in each corner (a third of each side), so any rotation or
     * mirror shows as a wrong colour in a corner.
     */
    public static BufferedImage markers(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(MARKER_BACKGROUND);
        g.fillRect(0, 0, width, height);
        int mw = width / 3;
        int mh = height / 3;
        g.setColor(TOP_LEFT);
        g.fillRect(0, 0, mw, mh);
        g.setColor(TOP_RIGHT);
        g.fillRect(width - mw, 0, mw, mh);
        g.setColor(BOTTOM_LEFT);
        g.fillRect(0, height - mh, mw, mh);
        g.setColor(BOTTOM_RIGHT);
        g.fillRect(width - mw, height - mh, mw, mh);
        g.dispose();
        return img;
    }

    /**
     * The pixels a camera stores for an upright picture under an EXIF orientation, written from the EXIF
     * definitions (where the stored row 0 and column 0 are in the upright picture), independently of the
     * production code's inverse mapping.
     */
    public static BufferedImage storedFor(BufferedImage upright, int orientation) {
        int uw = upright.getWidth();
        int uh = upright.getHeight();
        boolean transposed = orientation >= 5;
        int sw = transposed ? uh : uw;
        int sh = transposed ? uw : uh;
        BufferedImage stored = new BufferedImage(sw, sh, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                // (u, v): the upright pixel shown at stored (x, y)
                int u;
                int v;
                switch (orientation) {
                    case 1 -> { u = x; v = y; }                     // row 0 top, col 0 left
                    case 2 -> { u = uw - 1 - x; v = y; }            // row 0 top, col 0 right
                    case 3 -> { u = uw - 1 - x; v = uh - 1 - y; }   // row 0 bottom, col 0 right
                    case 4 -> { u = x; v = uh - 1 - y; }            // row 0 bottom, col 0 left
                    case 5 -> { u = y; v = x; }                     // row 0 left, col 0 top
                    case 6 -> { u = uw - 1 - y; v = x; }            // row 0 right, col 0 top
                    case 7 -> { u = uw - 1 - y; v = uh - 1 - x; }   // row 0 right, col 0 bottom
                    case 8 -> { u = y; v = uh - 1 - x; }            // row 0 left, col 0 bottom
                    default -> throw new IllegalArgumentException("orientation " + orientation);
                }
                stored.setRGB(x, y, upright.getRGB(u, v));
            }
        }
        return stored;
    }

    /** A JPEG of {@link #markers} stored for the orientation, with the EXIF tag saying so. */
    public static byte[] orientedMarkersJpeg(int uprightWidth, int uprightHeight, int orientation) {
        return ExifWriter.withOrientation(jpeg(storedFor(markers(uprightWidth, uprightHeight), orientation), 92), orientation);
    }

    // ------------------------------------------------------------ CMYK

    /** The CMYK ink patches of {@link #cmykJpeg}, in percent, left to right, top row then bottom row. */
    public static final int[][] CMYK_PATCHES = {
        {0, 0, 0, 0},       // paper white
        {100, 0, 0, 0},     // cyan
        {0, 100, 0, 0},     // magenta
        {0, 0, 100, 0},     // yellow
        {0, 0, 0, 100},     // black
        {0, 100, 100, 0},   // red
        {100, 0, 100, 0},   // green
        {100, 100, 0, 0},   // blue
    };
    public static final int CMYK_PATCH = 64;

    /**
     * A CMYK JPEG (Adobe APP14, transform 0: no colour transform; ink stored inverted as Photoshop does) with a
     * 4×2 grid of {@link #CMYK_PATCHES}, each {@link #CMYK_PATCH} pixels square.
     */
    public static byte[] cmykJpeg() {
        int w = CMYK_PATCH * 4;
        int h = CMYK_PATCH * 2;
        byte[] samples = new byte[w * h * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] ink = CMYK_PATCHES[(y / CMYK_PATCH) * 4 + x / CMYK_PATCH];
                int p = (y * w + x) * 4;
                for (int c = 0; c < 4; c++) {
                    samples[p + c] = (byte) (255 - Math.round(ink[c] * 2.55f)); // Adobe: inverted
                }
            }
        }
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(samples, samples.length), w, h, w * 4, 4,
                new int[] {0, 1, 2, 3}, new Point(0, 0));
        ImageWriter writer = jdkWriter("jpeg");
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            ColorSpace cmyk = new CmykColorSpace();
            ImageTypeSpecifier type = new ImageTypeSpecifier(new ComponentColorModel(cmyk, false, false, Transparency.OPAQUE,
                    DataBuffer.TYPE_BYTE), raster.getSampleModel());
            IIOMetadata metadata = writer.getDefaultImageMetadata(type, param);
            forceAdobeCmyk(metadata);
            return write(writer, new IIOImage(raster, null, metadata), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes JFIF and declares an Adobe APP14 segment with transform 0 (CMYK stored as is). */
    private static void forceAdobeCmyk(IIOMetadata metadata) throws IOException {
        String format = "javax_imageio_jpeg_image_1.0";
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode jpegVariety = (IIOMetadataNode) root.getElementsByTagName("JPEGvariety").item(0);
        while (jpegVariety.getFirstChild() != null) {
            jpegVariety.removeChild(jpegVariety.getFirstChild());
        }
        IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        var adobes = markers.getElementsByTagName("app14Adobe");
        IIOMetadataNode adobe;
        if (adobes.getLength() > 0) {
            adobe = (IIOMetadataNode) adobes.item(0);
        } else {
            adobe = new IIOMetadataNode("app14Adobe");
            markers.insertBefore(adobe, markers.getFirstChild());
        }
        adobe.setAttribute("version", "100");
        adobe.setAttribute("flags0", "0");
        adobe.setAttribute("flags1", "0");
        adobe.setAttribute("transform", "0");
        // component ids C, M, Y, K without subsampling
        IIOMetadataNode sof = (IIOMetadataNode) markers.getElementsByTagName("sof").item(0);
        if (sof != null) {
            var specs = sof.getElementsByTagName("componentSpec");
            for (int i = 0; i < specs.getLength(); i++) {
                IIOMetadataNode spec = (IIOMetadataNode) specs.item(i);
                spec.setAttribute("HsamplingFactor", "1");
                spec.setAttribute("VsamplingFactor", "1");
            }
        }
        metadata.setFromTree(format, root);
    }

    /** A naive CMYK colour space, only to describe the raster to the JPEG writer. */
    private static final class CmykColorSpace extends ColorSpace {
        CmykColorSpace() {
            super(TYPE_CMYK, 4);
        }

        @Override
        public float[] toRGB(float[] c) {
            float k = c[3];
            return new float[] {(1 - c[0]) * (1 - k), (1 - c[1]) * (1 - k), (1 - c[2]) * (1 - k)};
        }

        @Override
        public float[] fromRGB(float[] rgb) {
            float k = 1 - Math.max(rgb[0], Math.max(rgb[1], rgb[2]));
            if (k >= 1) {
                return new float[] {0, 0, 0, 1};
            }
            return new float[] {(1 - rgb[0] - k) / (1 - k), (1 - rgb[1] - k) / (1 - k), (1 - rgb[2] - k) / (1 - k), k};
        }

        @Override
        public float[] toCIEXYZ(float[] c) {
            return getInstance(CS_sRGB).toCIEXYZ(toRGB(c));
        }

        @Override
        public float[] fromCIEXYZ(float[] xyz) {
            return fromRGB(getInstance(CS_sRGB).fromCIEXYZ(xyz));
        }
    }

    // ------------------------------------------------------------ ICC

    /**
     * A JPEG whose pixels are in linear-light RGB, with that ICC profile embedded: a stored value of 128 means 50 %
     * light, which is sRGB 188. Ignoring the profile would leave it at 128, visibly too dark.
     */
    public static byte[] linearRgbJpeg(int width, int height, int storedValue) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Arrays.fill(((DataBufferByte) image.getRaster().getDataBuffer()).getData(), (byte) storedValue);
        byte[] profile = java.awt.color.ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        return withIccProfile(jpeg(image, 95), profile);
    }

    /** A copy of the JPEG with the ICC profile in one APP2 "ICC_PROFILE" segment after SOI. */
    public static byte[] withIccProfile(byte[] jpeg, byte[] profile) {
        byte[] id = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int length = 2 + id.length + 2 + profile.length;
        if (length > 65535) {
            throw new IllegalArgumentException("profile too large for one segment");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + length + 2);
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE2);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(id);
        out.write(1); // sequence number
        out.write(1); // of one segment
        out.writeBytes(profile);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    // ------------------------------------------------------------ alpha and other formats

    /**
     * A transparent canvas with an opaque red disc in the middle and a half-transparent blue band across the top
     * quarter; corners fully transparent.
     */
    public static BufferedImage alpha(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(220, 30, 30, 255));
        double r = Math.min(width, height) * 0.3;
        g.fill(new Ellipse2D.Double(width / 2.0 - r, height / 2.0 - r, 2 * r, 2 * r));
        g.setColor(new Color(30, 60, 220, 128));
        g.fillRect(width / 6, height / 8 - height / 16, width * 2 / 3, height / 8);
        g.dispose();
        return img;
    }

    /** An 8-bit palette PNG (no transparency) of a photo. */
    public static byte[] palettePng(int width, int height) {
        byte[] r = new byte[216];
        byte[] g = new byte[216];
        byte[] b = new byte[216];
        for (int i = 0; i < 216; i++) {
            r[i] = (byte) (i / 36 * 51);
            g[i] = (byte) (i / 6 % 6 * 51);
            b[i] = (byte) (i % 6 * 51);
        }
        BufferedImage indexed = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 216, r, g, b));
        Graphics2D gr = indexed.createGraphics();
        gr.drawImage(photo(width, height, 3), 0, 0, null);
        gr.dispose();
        return encode(indexed, "png");
    }

    /** A 16-bit-per-channel RGB PNG of a photo. */
    public static byte[] sixteenBitPng(int width, int height) {
        BufferedImage photo = photo(width, height, 4);
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = photo.getRGB(x, y);
                raster.setSample(x, y, 0, (rgb >> 16 & 0xFF) * 257);
                raster.setSample(x, y, 1, (rgb >> 8 & 0xFF) * 257);
                raster.setSample(x, y, 2, (rgb & 0xFF) * 257);
            }
        }
        return encode(new BufferedImage(cm, raster, false, null), "png");
    }

    /** A GIF of a photo (palette-quantised by the writer's default conversion). */
    public static byte[] gif(int width, int height) {
        return encode(photo(width, height, 5), "gif");
    }

    public static byte[] bmp(int width, int height) {
        return encode(photo(width, height, 6), "bmp");
    }

    public static byte[] tiff(int width, int height) {
        return encode(photo(width, height, 7), "tiff");
    }

    // ------------------------------------------------------------ damaged files

    /**
     * A JPEG whose Huffman table definition is damaged (a code-length count inflated past 256 codes): every
     * decoder rejects it with a fatal error, unlike random scan damage, which libjpeg may silently conceal.
     */
    public static byte[] corruptJpeg(byte[] valid) {
        byte[] bytes = valid.clone();
        for (int i = 2; i + 4 < bytes.length; ) {
            if ((bytes[i] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("no DHT before the scan");
            }
            int marker = bytes[i + 1] & 0xFF;
            int length = (bytes[i + 2] & 0xFF) << 8 | (bytes[i + 3] & 0xFF);
            if (marker == 0xC4) {
                // the 16 code-length counts follow the table class/id byte
                for (int k = 0; k < 16; k++) {
                    bytes[i + 5 + k] = (byte) 0xFF;
                }
                return bytes;
            }
            i += 2 + length;
        }
        throw new IllegalArgumentException("no DHT segment");
    }

    /** The first {@code fraction} of a file. */
    public static byte[] truncated(byte[] valid, double fraction) {
        return Arrays.copyOf(valid, (int) (valid.length * fraction));
    }

    /**
     * A JPEG header claiming {@code width × height} (up to 65535×65535) followed by no image data at all: the
     * decompression-bomb shape, a few hundred bytes claiming gigapixels.
     */
    public static byte[] jpegHeaderOnly(int width, int height) {
        byte[] valid = jpeg(new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR), 80);
        for (int i = 2; i + 9 < valid.length; ) {
            int marker = valid[i + 1] & 0xFF;
            int length = (valid[i + 2] & 0xFF) << 8 | (valid[i + 3] & 0xFF);
            if (marker == 0xC0) {
                valid[i + 5] = (byte) (height >> 8);
                valid[i + 6] = (byte) height;
                valid[i + 7] = (byte) (width >> 8);
                valid[i + 8] = (byte) width;
            }
            if (marker == 0xDA) {
                byte[] out = Arrays.copyOf(valid, i + 2 + length + 2);
                out[out.length - 2] = (byte) 0xFF;
                out[out.length - 1] = (byte) 0xD9; // EOI right after the scan header
                return out;
            }
            i += 2 + length;
        }
        throw new IllegalStateException("no SOS");
    }

    /** A PNG header (signature + IHDR) claiming {@code width × height}, then IEND. */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        byte[] ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        chunk(out, "IHDR", ihdr);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        crc.update(t);
        crc.update(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
