package dev.mediapipeline.image.samples;

import java.util.ArrayList;
import java.util.List;

/** Walks a JPEG's marker segments up to the first scan, for assertions about what an encoder wrote. */
public final class Jpegs {

    private Jpegs() {
    }

    /** Marker codes (0xC0–0xFE) in order, up to and including the first SOS. */
    public static List<Integer> markersBeforeScan(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG");
        }
        int i = 2;
        while (i + 4 <= jpeg.length) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("marker expected at " + i);
            }
            int marker = jpeg[i + 1] & 0xFF;
            markers.add(marker);
            if (marker == 0xDA) {
                break;
            }
            int length = (jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF);
            i += 2 + length;
        }
        return markers;
    }

    /** True if the byte sequence occurs anywhere in the data. */
    public static boolean contains(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
