package dev.mediapipeline.model.heif;

/** The item properties the pipeline reads ({@code ipco} children); anything else is {@link Other}. */
public sealed interface HeifProperty {

    /** {@code ispe}: the coded image's size. */
    record Ispe(long width, long height) implements HeifProperty {
    }

    /** {@code irot}: rotate anti-clockwise by {@code quarters} × 90°. */
    record Irot(int quarters) implements HeifProperty {
    }

    /**
     * {@code imir}: mirror. As libheif reads it (and the pictures phones write agree): axis 0 flips top and bottom,
     * axis 1 flips left and right.
     */
    record Imir(int axis) implements HeifProperty {
        public boolean leftRight() {
            return axis == 1;
        }
    }

    /** {@code clap}: the clean aperture, a centred crop (fractions of pixels). */
    record Clap(long widthN, long widthD, long heightN, long heightD, int horizOffN, long horizOffD,
                int vertOffN, long vertOffD) implements HeifProperty {
    }

    /** {@code colr} of type {@code prof}/{@code rICC}: an ICC profile. */
    record Icc(byte[] profile) implements HeifProperty {
    }

    /** {@code colr} of type {@code nclx}: coding-independent code points (ITU-T H.273). */
    record Nclx(int primaries, int transfer, int matrix, boolean fullRange) implements HeifProperty {
    }

    /** {@code pixi}: bits per channel. */
    record Pixi(int[] bits) implements HeifProperty {
    }

    /** {@code auxC}: the item is an auxiliary image of this type (alpha, depth, gain map...). */
    record AuxC(String urn) implements HeifProperty {
        public boolean alpha() {
            return urn.equals("urn:mpeg:mpegB:cicp:systems:auxiliary:alpha") || urn.equals("urn:mpeg:hevc:2015:auxid:1");
        }

        public boolean depth() {
            return urn.equals("urn:mpeg:hevc:2015:auxid:2") || urn.equals("urn:mpeg:mpegB:cicp:systems:auxiliary:depth")
                    || urn.contains("depth") || urn.contains("disparity");
        }
    }

    /** {@code hvcC} or {@code av1C}: the decoder configuration record (the box payload), FFmpeg's extradata. */
    record CodecConfig(String type, byte[] record) implements HeifProperty {
    }

    /** Any other property. */
    record Other(String type) implements HeifProperty {
    }
}
