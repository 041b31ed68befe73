package dev.mediapipeline.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Detects a media format from the first bytes of an object, never from its name or declared Content-Type:
 * a text file named {@code photo.jpg} is {@link MediaFormat#UNKNOWN}, a JPEG named {@code notes.txt} is
 * {@link MediaFormat#JPEG}.
 */
public final class MediaTypeDetector {

    /** How many leading bytes {@link #detect(byte[], int)} looks at (MPEG-TS needs three 188-byte packets). */
    public static final int HEADER_BYTES = 512;

    private MediaTypeDetector() {
    }

    /** Reads up to {@link #HEADER_BYTES} from the stream (which it does not close) and detects the format. */
    public static MediaFormat detect(InputStream in) throws IOException {
        byte[] head = in.readNBytes(HEADER_BYTES);
        return detect(head, head.length);
    }

    public static MediaFormat detect(byte[] head) {
        return detect(head, head.length);
    }

    public static MediaFormat detect(byte[] b, int length) {
        int n = Math.min(length, b.length);
        if (n == 0) {
            return MediaFormat.EMPTY;
        }
        if (startsWith(b, n, 0, 0xFF, 0xD8, 0xFF)) {
            return MediaFormat.JPEG;
        }
        if (startsWith(b, n, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return MediaFormat.PNG;
        }
        if (ascii(b, n, 0, "GIF87a") || ascii(b, n, 0, "GIF89a")) {
            return MediaFormat.GIF;
        }
        if (ascii(b, n, 0, "RIFF") && n >= 12) {
            if (ascii(b, n, 8, "WEBP")) {
                return MediaFormat.WEBP;
            }
            if (ascii(b, n, 8, "AVI ")) {
                return MediaFormat.AVI;
            }
            if (ascii(b, n, 8, "WAVE")) {
                return MediaFormat.WAV;
            }
        }
        if (startsWith(b, n, 0, 'I', 'I', 0x2A, 0x00) || startsWith(b, n, 0, 'M', 'M', 0x00, 0x2A)) {
            return MediaFormat.TIFF;
        }
        if (isBmp(b, n)) {
            return MediaFormat.BMP;
        }
        if (n >= 12 && ascii(b, n, 4, "ftyp")) {
            return isoBaseMedia(b, n);
        }
        if (n >= 8 && (ascii(b, n, 4, "moov") || ascii(b, n, 4, "mdat") || ascii(b, n, 4, "wide")
                || ascii(b, n, 4, "free") || ascii(b, n, 4, "skip")) && plausibleBoxSize(b, n)) {
            return MediaFormat.QUICKTIME;
        }
        if (startsWith(b, n, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return containsAscii(b, n, "webm") ? MediaFormat.WEBM : MediaFormat.MATROSKA;
        }
        if (n >= 377 && (b[0] & 0xFF) == 0x47 && (b[188] & 0xFF) == 0x47 && (b[376] & 0xFF) == 0x47) {
            return MediaFormat.MPEG_TS;
        }
        if (startsWith(b, n, 0, 0x00, 0x00, 0x01, 0xBA)) {
            return MediaFormat.MPEG_PS;
        }
        if (ascii(b, n, 0, "FLV") && n > 3 && b[3] == 1) {
            return MediaFormat.FLV;
        }
        if (ascii(b, n, 0, "OggS")) {
            return MediaFormat.OGG;
        }
        if (ascii(b, n, 0, "fLaC")) {
            return MediaFormat.FLAC;
        }
        if (ascii(b, n, 0, "ID3") || (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0 && (b[1] & 0x06) != 0)) {
            return MediaFormat.MP3;
        }
        if (ascii(b, n, 0, "%PDF-")) {
            return MediaFormat.PDF;
        }
        if (startsWith(b, n, 0, 'P', 'K', 0x03, 0x04)) {
            return MediaFormat.ZIP;
        }
        return MediaFormat.UNKNOWN;
    }

    private static MediaFormat isoBaseMedia(byte[] b, int n) {
        String major = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
        switch (major) {
            case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1" -> {
                return MediaFormat.HEIF;
            }
            case "avif", "avis" -> {
                return MediaFormat.AVIF;
            }
            case "M4A ", "M4B ", "M4P ", "F4A " -> {
                return MediaFormat.M4A;
            }
            case "qt  " -> {
                return MediaFormat.QUICKTIME;
            }
            default -> {
                return MediaFormat.MP4;
            }
        }
    }

    private static boolean isBmp(byte[] b, int n) {
        if (n < 18 || b[0] != 'B' || b[1] != 'M') {
            return false;
        }
        // reserved fields are zero and the DIB header has one of the known sizes
        boolean reservedZero = b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0;
        int dib = (b[14] & 0xFF) | (b[15] & 0xFF) << 8 | (b[16] & 0xFF) << 16 | (b[17] & 0xFF) << 24;
        return reservedZero && (dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124);
    }

    private static boolean plausibleBoxSize(byte[] b, int n) {
        long size = ((long) (b[0] & 0xFF) << 24) | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        return size == 0 || size == 1 || size >= 8;
    }

    private static boolean startsWith(byte[] b, int n, int offset, int... expected) {
        if (n < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != (expected[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int n, int offset, String expected) {
        if (n < offset + expected.length()) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (b[offset + i] != (byte) expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsAscii(byte[] b, int n, String needle) {
        outer:
        for (int i = 0; i + needle.length() <= n; i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (b[i + j] != (byte) needle.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
