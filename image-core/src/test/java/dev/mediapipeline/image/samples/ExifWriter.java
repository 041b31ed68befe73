package dev.mediapipeline.image.samples;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a minimal EXIF block (big-endian TIFF structure: Make, Model, Orientation and optionally a GPS IFD with
 * latitude and longitude) and splices it into a JPEG as an APP1 segment right after SOI: the metadata real phone
 * photos carry, and that must never reach a thumbnail.
 */
public final class ExifWriter {

    /** The latitude written by {@link #withGps}: 48°51'29.6"N, 2°17'40.2"E. */
    public static final String GPS_LATITUDE_REF = "N";

    private ExifWriter() {
    }

    /** A copy of the JPEG with an EXIF APP1 segment holding the orientation (1–8). */
    public static byte[] withOrientation(byte[] jpeg, int orientation) {
        return splice(jpeg, tiff(orientation, false));
    }

    /** A copy of the JPEG with an EXIF APP1 segment holding the orientation and a GPS position. */
    public static byte[] withGps(byte[] jpeg, int orientation) {
        return splice(jpeg, tiff(orientation, true));
    }

    /** The APP1 payload: "Exif\0\0" + TIFF. */
    public static byte[] exifPayload(int orientation, boolean gps) {
        byte[] tiff = tiff(orientation, gps);
        byte[] out = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, out, 0, 6);
        System.arraycopy(tiff, 0, out, 6, tiff.length);
        return out;
    }

    private static byte[] splice(byte[] jpeg, byte[] tiff) {
        if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG");
        }
        int length = 2 + 6 + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + length + 2);
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private record Entry(int tag, int type, int count, byte[] value) {
    }

    /**
     * A bare TIFF structure (what a HEIF {@code Exif} item holds after its 4-byte header offset) with this camera
     * make, model and date-time ({@code yyyy:MM:dd HH:mm:ss}, IFD0 DateTime), the orientation, and GPS if asked.
     */
    private static byte[] tiff(int orientation, boolean gps) {
        return tiff("MediaPipeline", "Sample Camera 1", null, orientation, gps);
    }

    public static byte[] tiff(String make, String model, String dateTime, int orientation, boolean gps) {
        List<Entry> ifd0 = new ArrayList<>();
        ifd0.add(ascii(0x010F, make));
        ifd0.add(ascii(0x0110, model));
        if (dateTime != null) {
            ifd0.add(ascii(0x0132, dateTime));
        }
        ifd0.add(new Entry(0x0112, 3, 1, new byte[] {(byte) (orientation >> 8), (byte) orientation, 0, 0}));
        List<Entry> gpsIfd = List.of(
                new Entry(0x0000, 1, 4, new byte[] {2, 3, 0, 0}),
                ascii(0x0001, GPS_LATITUDE_REF),
                rationals(0x0002, 48, 1, 51, 1, 296, 10),
                ascii(0x0003, "E"),
                rationals(0x0004, 2, 1, 17, 1, 402, 10));
        // layout: header(8) | IFD0 | IFD0 data | GPS IFD | GPS data
        int ifd0Count = ifd0.size() + (gps ? 1 : 0);
        int ifd0Size = 2 + 12 * ifd0Count + 4;
        int ifd0DataSize = dataSize(ifd0);
        int gpsOffset = 8 + ifd0Size + ifd0DataSize;
        if (gps) {
            ifd0.add(new Entry(0x8825, 4, 1, ByteBuffer.allocate(4).putInt(gpsOffset).array()));
        }
        ifd0.sort(Comparator.comparingInt(Entry::tag));
        int gpsSize = gps ? 2 + 12 * gpsIfd.size() + 4 + dataSize(gpsIfd) : 0;
        ByteBuffer b = ByteBuffer.allocate(8 + ifd0Size + ifd0DataSize + gpsSize);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        writeIfd(b, ifd0, 8);
        if (gps) {
            writeIfd(b, gpsIfd, gpsOffset);
        }
        return b.array();
    }

    private static int dataSize(List<Entry> entries) {
        int size = 0;
        for (Entry e : entries) {
            if (e.value().length > 4) {
                size += e.value().length + (e.value().length & 1);
            }
        }
        return size;
    }

    private static void writeIfd(ByteBuffer b, List<Entry> entries, int ifdOffset) {
        b.position(ifdOffset);
        b.putShort((short) entries.size());
        int data = ifdOffset + 2 + 12 * entries.size() + 4;
        for (Entry e : entries) {
            b.putShort((short) e.tag()).putShort((short) e.type()).putInt(e.count());
            if (e.value().length <= 4) {
                byte[] v = new byte[4];
                System.arraycopy(e.value(), 0, v, 0, e.value().length);
                b.put(v);
            } else {
                b.putInt(data);
                int here = b.position();
                b.position(data);
                b.put(e.value());
                data += e.value().length + (e.value().length & 1);
                b.position(here);
            }
        }
        b.putInt(0);
        b.position(data);
    }

    private static Entry ascii(int tag, String s) {
        byte[] v = (s + "\0").getBytes(StandardCharsets.US_ASCII);
        return new Entry(tag, 2, v.length, v);
    }

    private static Entry rationals(int tag, int... numDen) {
        ByteBuffer v = ByteBuffer.allocate(numDen.length * 4);
        for (int n : numDen) {
            v.putInt(n);
        }
        return new Entry(tag, 5, numDen.length / 2, v.array());
    }
}
