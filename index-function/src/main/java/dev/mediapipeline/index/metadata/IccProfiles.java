package dev.mediapipeline.index.metadata;

import java.nio.charset.StandardCharsets;

/** Reads the description ('desc' tag) of an ICC profile: "sRGB IEC61966-2.1", "Display P3"... */
final class IccProfiles {

    private static final int DESC = 0x64657363; // 'desc'

    private IccProfiles() {
    }

    /** The profile's description, or null if the data is not a profile or has none. */
    static String description(byte[] p) {
        if (p.length < 132 || p[36] != 'a' || p[37] != 'c' || p[38] != 's' || p[39] != 'p') {
            return null;
        }
        long tags = u32(p, 128);
        for (long i = 0; i < Math.min(tags, 200); i++) {
            int entry = (int) (132 + 12 * i);
            if (entry + 12 > p.length) {
                return null;
            }
            if (u32(p, entry) == DESC) {
                long offset = u32(p, entry + 4);
                long size = u32(p, entry + 8);
                if (offset < 0 || size < 12 || offset + size > p.length) {
                    return null;
                }
                return text(p, (int) offset, (int) size);
            }
        }
        return null;
    }

    private static String text(byte[] p, int at, int size) {
        String type = new String(p, at, 4, StandardCharsets.ISO_8859_1);
        if (type.equals("desc")) {
            long n = u32(p, at + 8);
            if (n < 1 || 12 + n > size) {
                return null;
            }
            return clean(new String(p, at + 12, (int) n, StandardCharsets.ISO_8859_1));
        }
        if (type.equals("mluc")) {
            long records = u32(p, at + 8);
            long recordSize = u32(p, at + 12);
            if (records < 1 || recordSize < 12 || 16 + recordSize > size) {
                return null;
            }
            long length = u32(p, at + 16 + 4);
            long offset = u32(p, at + 16 + 8);
            if (offset + length > size || length > 4096) {
                return null;
            }
            return clean(new String(p, at + (int) offset, (int) length, StandardCharsets.UTF_16BE));
        }
        return null;
    }

    private static String clean(String s) {
        int nul = s.indexOf('\0');
        String t = (nul >= 0 ? s.substring(0, nul) : s).strip();
        return t.isEmpty() ? null : t;
    }

    private static long u32(byte[] b, int i) {
        return (b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFFL) << 16 | (b[i + 2] & 0xFFL) << 8 | (b[i + 3] & 0xFFL);
    }
}
