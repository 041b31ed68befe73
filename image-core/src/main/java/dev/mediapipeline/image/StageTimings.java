package dev.mediapipeline.image;

import java.util.Locale;

/**
 * Where the time of one render went, in nanoseconds: reading the header, decoding (with its reduction),
 * converting to the working form (colour management, alpha), scaling all renditions, orienting them, encoding them.
 */
public record StageTimings(long headerNanos, long decodeNanos, long convertNanos, long scaleNanos, long orientNanos,
                           long encodeNanos) {

    public long totalNanos() {
        return headerNanos + decodeNanos + convertNanos + scaleNanos + orientNanos + encodeNanos;
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    public double headerMillis() {
        return ms(headerNanos);
    }

    public double decodeMillis() {
        return ms(decodeNanos);
    }

    public double convertMillis() {
        return ms(convertNanos);
    }

    public double scaleMillis() {
        return ms(scaleNanos);
    }

    public double orientMillis() {
        return ms(orientNanos);
    }

    public double encodeMillis() {
        return ms(encodeNanos);
    }

    public double totalMillis() {
        return ms(totalNanos());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "header %.1f ms, decode %.1f ms, convert %.1f ms, scale %.1f ms, orient %.1f ms, encode %.1f ms, total %.1f ms",
                headerMillis(), decodeMillis(), convertMillis(), scaleMillis(), orientMillis(), encodeMillis(), totalMillis());
    }
}
