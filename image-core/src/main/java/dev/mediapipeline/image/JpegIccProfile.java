package dev.mediapipeline.image;

import com.twelvemonkeys.imageio.color.ColorProfiles;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeMap;
import javax.imageio.stream.ImageInputStream;

/**
 * The ICC profile embedded in a JPEG's APP2 {@code ICC_PROFILE} segments (a profile may span several, numbered),
 * for decoders that manage colour themselves. sRGB profiles (what most cameras embed) need no conversion.
 */
final class JpegIccProfile {

    private static final byte[] ID = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);

    private JpegIccProfile() {
    }

    /**
     * The colour space of the embedded RGB profile when pixels must be converted from it to sRGB; empty when it is
     * sRGB. Only call for a JPEG whose header announced a profile.
     *
     * @throws UnsupportedOperationException the profile is incomplete, unusable or not RGB (another decoder judges)
     */
    static Optional<ICC_ColorSpace> nonSrgbColorSpace(ImageSource source) throws IOException {
        byte[] bytes = read(source);
        if (bytes == null) {
            throw new UnsupportedOperationException("the ICC profile's segments are incomplete");
        }
        return nonSrgbColorSpace(bytes);
    }

    /**
     * The colour space of an RGB profile when pixels must be converted from it to sRGB; empty when it is sRGB.
     *
     * @throws UnsupportedOperationException the profile is unusable or not RGB
     */
    static Optional<ICC_ColorSpace> nonSrgbColorSpace(byte[] bytes) {
        ICC_Profile profile;
        try {
            profile = ColorProfiles.createProfile(bytes);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedOperationException("unusable ICC profile: " + HeaderReader.message(e));
        }
        if (profile.getColorSpaceType() != ColorSpace.TYPE_RGB || profile.getNumComponents() != 3) {
            throw new UnsupportedOperationException("ICC profile for colour space type " + profile.getColorSpaceType());
        }
        if (ColorProfiles.isCS_sRGB(profile)) {
            return Optional.empty();
        }
        return Optional.of(new ICC_ColorSpace(profile));
    }

    /** The profile's bytes, chunks joined in sequence order; null if there is none or the chunks do not add up. */
    static byte[] read(ImageSource source) throws IOException {
        TreeMap<Integer, byte[]> chunks = new TreeMap<>();
        int expected = -1;
        try (ImageInputStream in = source.open()) {
            if (in.readUnsignedShort() != 0xFFD8) {
                return null;
            }
            while (true) {
                int b = in.read();
                if (b != 0xFF) {
                    return null;
                }
                int marker = in.readUnsignedByte();
                while (marker == 0xFF) {
                    marker = in.readUnsignedByte();
                }
                if (marker == 0xDA || marker == 0xD9) {
                    break;
                }
                if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    continue;
                }
                int length = in.readUnsignedShort();
                long end = in.getStreamPosition() + length - 2;
                if (marker == 0xE2 && length - 2 > ID.length + 2) {
                    byte[] id = new byte[ID.length];
                    in.readFully(id);
                    if (java.util.Arrays.equals(id, ID)) {
                        int sequence = in.readUnsignedByte();
                        int count = in.readUnsignedByte();
                        byte[] data = new byte[length - 2 - ID.length - 2];
                        in.readFully(data);
                        chunks.put(sequence, data);
                        expected = count;
                    }
                }
                in.seek(end);
            }
        } catch (java.io.EOFException e) {
            return null;
        }
        if (chunks.isEmpty() || chunks.size() != expected || chunks.firstKey() != 1 || chunks.lastKey() != expected) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.values().forEach(out::writeBytes);
        return out.toByteArray();
    }
}
