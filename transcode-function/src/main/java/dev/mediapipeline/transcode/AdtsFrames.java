package dev.mediapipeline.transcode;

import java.util.ArrayList;
import java.util.List;

/** Splits an ADTS byte stream into its frames (each with its 7- or 9-byte header). */
final class AdtsFrames {

    private AdtsFrames() {
    }

    static List<byte[]> split(byte[] data) {
        List<byte[]> frames = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            int length = frameLength(data, pos, data.length);
            frames.add(java.util.Arrays.copyOfRange(data, pos, pos + length));
            pos += length;
        }
        return frames;
    }

    /** Byte offsets of every frame, plus the total length as the last element. */
    static long[] offsets(java.nio.file.Path file) throws java.io.IOException {
        List<Long> out = new ArrayList<>();
        long pos = 0;
        byte[] header = new byte[7];
        try (java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 16)) {
            while (true) {
                int n = in.readNBytes(header, 0, 7);
                if (n == 0) {
                    break;
                }
                if (n < 7) {
                    throw new IllegalStateException("truncated ADTS header at byte " + pos);
                }
                int length = frameLength(header, 0, Integer.MAX_VALUE);
                out.add(pos);
                in.skipNBytes(length - 7);
                pos += length;
            }
        }
        out.add(pos);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static int frameLength(byte[] d, int pos, long available) {
        if (pos + 7 > d.length || (d[pos] & 0xFF) != 0xFF || (d[pos + 1] & 0xF0) != 0xF0) {
            throw new IllegalStateException("not an ADTS frame at byte " + pos);
        }
        int length = ((d[pos + 3] & 0x03) << 11) | ((d[pos + 4] & 0xFF) << 3) | ((d[pos + 5] & 0xE0) >>> 5);
        if (length < 7 || pos + length > available) {
            throw new IllegalStateException("ADTS frame at byte " + pos + " has impossible length " + length);
        }
        return length;
    }
}
