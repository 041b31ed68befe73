package dev.mediapipeline.image;

import dev.mediapipeline.model.heif.HeifProperty;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Display P3 (P3 primaries, D65 white, the sRGB transfer curve) as an ICC profile (v2, matrix/TRC, the primaries
 * adapted to D50 as in Apple's profile, described "Display P3"): the colour space of a HEIF/AVIF picture whose
 * {@code nclx} colour box says P3 primaries without embedding a profile, so it is converted to sRGB like an iPhone's
 * embedded profile is. Built here, so no profile file of uncertain licence is shipped.
 */
public final class DisplayP3 {

    /** D50-adapted colorants (rXYZ, gXYZ, bXYZ). */
    private static final double[][] COLORANTS = {
            {0.515102, 0.241182, -0.001049},
            {0.291965, 0.692236, 0.041882},
            {0.157153, 0.066582, 0.784378}};

    private static final class Holder {
        static final ICC_ColorSpace SPACE = new ICC_ColorSpace(ICC_Profile.getInstance(profile()));
    }

    private DisplayP3() {
    }

    /**
     * The colour space an {@code nclx} box describes, when it is not sRGB and is one converted here: P3 primaries
     * (ITU-T H.273 colour_primaries 12) with an SDR transfer (sRGB 13, BT.709 1, 6, 14, 15).
     */
    static Optional<ICC_ColorSpace> forNclx(HeifProperty.Nclx nclx) {
        boolean sdr = switch (nclx.transfer()) {
            case 1, 6, 13, 14, 15 -> true;
            default -> false;
        };
        return nclx.primaries() == 12 && sdr ? Optional.of(Holder.SPACE) : Optional.empty();
    }

    /** The profile's bytes. */
    public static byte[] profile() {
        byte[] wtpt = xyz(0.9642, 1.0, 0.8249);
        byte[] trc = para();
        String[] sigs = {"desc", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"};
        byte[][] data = {desc("Display P3"), wtpt, xyz(COLORANTS[0]), xyz(COLORANTS[1]), xyz(COLORANTS[2]), trc, trc, trc};
        int tableEnd = 128 + 4 + 12 * sigs.length;
        ByteArrayOutputStream tags = new ByteArrayOutputStream();
        ByteBuffer table = ByteBuffer.allocate(4 + 12 * sigs.length).putInt(sigs.length);
        for (int i = 0; i < sigs.length; i++) {
            table.put(ascii(sigs[i])).putInt(tableEnd + tags.size()).putInt(data[i].length);
            tags.writeBytes(data[i]);
            while (tags.size() % 4 != 0) {
                tags.write(0);
            }
        }
        ByteBuffer header = ByteBuffer.allocate(128);
        header.putInt(tableEnd + tags.size()).putInt(0).putInt(0x02100000).put(ascii("mntr")).put(ascii("RGB "))
                .put(ascii("XYZ "));
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

    /** textDescriptionType: the ASCII part; the Unicode and ScriptCode parts empty. */
    private static byte[] desc(String text) {
        byte[] ascii = ascii(text + "\0");
        return ByteBuffer.allocate(12 + ascii.length + 4 + 4 + 2 + 1 + 67).put(ascii("desc")).putInt(0)
                .putInt(ascii.length).put(ascii).array();
    }

    private static byte[] xyz(double... v) {
        return ByteBuffer.allocate(20).put(ascii("XYZ ")).putInt(0).putInt(s15(v[0])).putInt(s15(v[1])).putInt(s15(v[2]))
                .array();
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
