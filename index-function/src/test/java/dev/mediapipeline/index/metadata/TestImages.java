package dev.mediapipeline.index.metadata;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Test images made at test time: pixels drawn with Java2D, encoded with ImageIO, and EXIF / ICC segments built here
 * byte by byte (independently of the code under test) and spliced into JPEGs.
 */
final class TestImages {

    private TestImages() {
    }

    static BufferedImage picture(int width, int height, int type) {
        BufferedImage img = new BufferedImage(width, height, type);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 200, 255), width, height, new Color(250, 200, 40, 120)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return img;
    }

    /** Noise compresses badly: a big file for a small effort. */
    static BufferedImage noise(int width, int height, long seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = r.nextInt(0x1000000);
            }
            img.setRGB(0, y, width, 1, row, 0, width);
        }
        return img;
    }

    static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jpeg(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, null), p);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** Inserts marker segments right after SOI, dropping the JFIF APP0 segment ImageIO wrote (EXIF files have none). */
    static byte[] withSegments(byte[] jpeg, byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        for (byte[] s : segments) {
            out.writeBytes(s);
        }
        int pos = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            pos = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        }
        out.write(jpeg, pos, jpeg.length - pos);
        return out.toByteArray();
    }

    static byte[] segment(int marker, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        b.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
        return b.array();
    }

    static byte[] iccSegment(ICC_Profile profile) {
        byte[] data = profile.getData();
        ByteBuffer b = ByteBuffer.allocate(14 + data.length);
        b.put("ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 1).put(data);
        return segment(0xE2, b.array());
    }

    static ICC_Profile srgb() {
        return ICC_Profile.getInstance(ColorSpace.CS_sRGB);
    }

    /** The EXIF fields a test writes. Null fields are left out. */
    record Exif(String make, String model, Integer orientation, String dateTimeOriginal, String offsetTimeOriginal,
                double[] latitudeDms, String latitudeRef, double[] longitudeDms, String longitudeRef, Double altitude, boolean belowSeaLevel) {
        static Exif camera() {
            return new Exif("Acme Optics", "Model X-100", 6, "2024:05:01 14:30:05", "+02:00",
                    new double[] {48, 51, 29.52}, "N", new double[] {2, 17, 40.2}, "E", 35.5, false);
        }
    }

    /** An APP1 "Exif" segment: a big-endian TIFF structure with IFD0, the EXIF IFD and the GPS IFD. */
    static byte[] exifSegment(Exif e) {
        Tiff tiff = new Tiff();
        List<Tiff.Field> ifd0 = new ArrayList<>();
        List<Tiff.Field> exif = new ArrayList<>();
        List<Tiff.Field> gps = new ArrayList<>();
        if (e.make() != null) {
            ifd0.add(Tiff.ascii(0x010F, e.make()));
        }
        if (e.model() != null) {
            ifd0.add(Tiff.ascii(0x0110, e.model()));
        }
        if (e.orientation() != null) {
            ifd0.add(Tiff.shortValue(0x0112, e.orientation()));
        }
        if (e.dateTimeOriginal() != null) {
            exif.add(Tiff.ascii(0x9003, e.dateTimeOriginal()));
        }
        if (e.offsetTimeOriginal() != null) {
            exif.add(Tiff.ascii(0x9011, e.offsetTimeOriginal()));
        }
        if (e.latitudeDms() != null) {
            gps.add(Tiff.ascii(1, e.latitudeRef()));
            gps.add(Tiff.rationals(2, e.latitudeDms()));
            gps.add(Tiff.ascii(3, e.longitudeRef()));
            gps.add(Tiff.rationals(4, e.longitudeDms()));
            if (e.altitude() != null) {
                gps.add(Tiff.byteValue(5, e.belowSeaLevel() ? 1 : 0));
                gps.add(Tiff.rationals(6, new double[] {e.altitude()}));
            }
        }
        byte[] body = tiff.write(ifd0, exif, gps);
        ByteBuffer b = ByteBuffer.allocate(6 + body.length);
        b.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)).put(body);
        return segment(0xE1, b.array());
    }

    /** A minimal big-endian TIFF writer for the three IFDs. */
    static final class Tiff {
        record Field(int tag, int type, int count, byte[] value) {
        }

        static Field ascii(int tag, String s) {
            byte[] v = (s + "\0").getBytes(StandardCharsets.US_ASCII);
            return new Field(tag, 2, v.length, v);
        }

        static Field shortValue(int tag, int v) {
            return new Field(tag, 3, 1, new byte[] {(byte) (v >> 8), (byte) v});
        }

        static Field byteValue(int tag, int v) {
            return new Field(tag, 1, 1, new byte[] {(byte) v});
        }

        static Field longValue(int tag, long v) {
            return new Field(tag, 4, 1, ByteBuffer.allocate(4).putInt((int) v).array());
        }

        static Field rationals(int tag, double[] values) {
            ByteBuffer b = ByteBuffer.allocate(8 * values.length);
            for (double d : values) {
                b.putInt((int) Math.round(d * 1000)).putInt(1000);
            }
            return new Field(tag, 5, values.length, b.array());
        }

        byte[] write(List<Field> ifd0, List<Field> exif, List<Field> gps) {
            // layout: header(8) | IFD0 | EXIF IFD | GPS IFD | data area
            int ifd0Entries = ifd0.size() + (exif.isEmpty() ? 0 : 1) + (gps.isEmpty() ? 0 : 1);
            int ifd0Size = 2 + 12 * ifd0Entries + 4;
            int exifSize = exif.isEmpty() ? 0 : 2 + 12 * exif.size() + 4;
            int gpsSize = gps.isEmpty() ? 0 : 2 + 12 * gps.size() + 4;
            int exifAt = 8 + ifd0Size;
            int gpsAt = exifAt + exifSize;
            int dataAt = gpsAt + gpsSize;
            List<Field> all0 = new ArrayList<>(ifd0);
            if (!exif.isEmpty()) {
                all0.add(longValue(0x8769, exifAt));
            }
            if (!gps.isEmpty()) {
                all0.add(longValue(0x8825, gpsAt));
            }
            all0.sort((a, b) -> Integer.compare(a.tag(), b.tag()));
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
            int[] cursor = {dataAt};
            out.writeBytes(ifd(all0, data, cursor));
            if (!exif.isEmpty()) {
                out.writeBytes(ifd(exif, data, cursor));
            }
            if (!gps.isEmpty()) {
                out.writeBytes(ifd(gps, data, cursor));
            }
            out.writeBytes(data.toByteArray());
            return out.toByteArray();
        }

        private static byte[] ifd(List<Field> fields, ByteArrayOutputStream data, int[] cursor) {
            ByteBuffer b = ByteBuffer.allocate(2 + 12 * fields.size() + 4);
            b.putShort((short) fields.size());
            for (Field f : fields) {
                b.putShort((short) f.tag()).putShort((short) f.type()).putInt(f.count());
                if (f.value().length <= 4) {
                    byte[] inline = new byte[4];
                    System.arraycopy(f.value(), 0, inline, 0, f.value().length);
                    b.put(inline);
                } else {
                    b.putInt(cursor[0]);
                    data.writeBytes(f.value());
                    cursor[0] += f.value().length;
                    if ((f.value().length & 1) == 1) {
                        data.write(0);
                        cursor[0]++;
                    }
                }
            }
            b.putInt(0);
            return b.array();
        }
    }
}
