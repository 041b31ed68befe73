package dev.mediapipeline.image.samples;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A Display P3 ICC profile (v2, matrix/TRC: the P3 primaries adapted to D50 as in Apple's profile, the sRGB
 * transfer curve), described "Display P3" — what iPhones embed in their HEIC photos — built here so no profile
 * file of uncertain licence is needed. Also the reference conversion from Display P3 to sRGB, computed with the
 * published matrices and not with the colour management system the pipeline uses.
 */
public final class DisplayP3Profile {

    private static final double[][] COLORANTS = {
            {0.515102, 0.241182, -0.001049},
            {0.291965, 0.692236, 0.041882},
            {0.157153, 0.066582, 0.784378}};

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

    public static byte[] bytes() {
        byte[] desc = desc("Display P3");
        byte[] wtpt = xyz(0.9642, 1.0, 0.8249);
        byte[] trc = para();
        String[] sigs = {"desc", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"};
        byte[][] data = {desc, wtpt, xyz(COLORANTS[0]), xyz(COLORANTS[1]), xyz(COLORANTS[2]), trc, trc, trc};
        int tableEnd = 128 + 4 + 12 * sigs.length;
        ByteArrayOutputStream tags = new ByteArrayOutputStream();
        ByteBuffer table = ByteBuffer.allocate(4 + 12 * sigs.length).putInt(sigs.length);
        for (int i = 0; i < sigs.length; i++) {
            table.put(sigs[i].getBytes(StandardCharsets.US_ASCII)).putInt(tableEnd + tags.size()).putInt(data[i].length);
            tags.writeBytes(data[i]);
            while (tags.size() % 4 != 0) {
                tags.write(0);
            }
        }
        int size = tableEnd + tags.size();
        ByteBuffer header = ByteBuffer.allocate(128);
        header.putInt(size).putInt(0).putInt(0x02100000).put(ascii("mntr")).put(ascii("RGB ")).put(ascii("XYZ "));
        header.position(36);
        header.put(ascii("acsp"));
        header.position(68);
        header.putInt(s15(0.9642)).putInt(s15(1.0)).putInt(s15(0.8249));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(table.array());
        out.writeBytes(tags.toByteArray());
        return out.toByteArray();
    }

    private static byte[] desc(String text) {
        byte[] ascii = (text + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(12 + ascii.length + 4 + 4 + 2 + 1 + 67);
        b.put(ascii("desc")).putInt(0).putInt(ascii.length).put(ascii);
        return b.array(); // Unicode and ScriptCode parts empty (zeros)
    }

    private static byte[] xyz(double... v) {
        return ByteBuffer.allocate(20).put(ascii("XYZ ")).putInt(0).putInt(s15(v[0])).putInt(s15(v[1])).putInt(s15(v[2])).array();
    }

    /** parametricCurveType 3: the sRGB transfer function. */
    private static byte[] para() {
        return ByteBuffer.allocate(32).put(ascii("para")).putInt(0).putShort((short) 3).putShort((short) 0)
                .putInt(s15(2.4)).putInt(s15(1 / 1.055)).putInt(s15(0.055 / 1.055)).putInt(s15(1 / 12.92))
                .putInt(s15(0.04045)).array();
    }

    private static int s15(double v) {
        return (int) Math.round(v * 65536);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
