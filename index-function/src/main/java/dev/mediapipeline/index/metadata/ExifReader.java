package dev.mediapipeline.index.metadata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small, defensive reader of the EXIF fields the index stores, from a TIFF structure (the payload of a JPEG APP1
 * "Exif" segment, a PNG eXIf chunk, a WebP EXIF chunk, or a TIFF file itself), read at random through a
 * {@link RangedObjectReader}. Every offset and count is checked against the structure's bounds; a malformed
 * structure yields what could be read before the damage, never an exception other than {@link MalformedExifException}.
 */
final class ExifReader {

    static final int TAG_MAKE = 0x010F;
    static final int TAG_MODEL = 0x0110;
    static final int TAG_ORIENTATION = 0x0112;
    static final int TAG_DATE_TIME = 0x0132;
    static final int TAG_EXIF_IFD = 0x8769;
    static final int TAG_GPS_IFD = 0x8825;
    static final int TAG_DATE_TIME_ORIGINAL = 0x9003;
    static final int TAG_OFFSET_TIME_ORIGINAL = 0x9011;
    static final int TAG_GPS_LATITUDE_REF = 1;
    static final int TAG_GPS_LATITUDE = 2;
    static final int TAG_GPS_LONGITUDE_REF = 3;
    static final int TAG_GPS_LONGITUDE = 4;
    static final int TAG_GPS_ALTITUDE_REF = 5;
    static final int TAG_GPS_ALTITUDE = 6;

    private static final int MAX_ENTRIES = 1000;
    private static final int MAX_STRING = 256;
    private static final Pattern EXIF_DATE = Pattern.compile("\\d{4}:\\d{2}:\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final Pattern OFFSET = Pattern.compile("[+-]\\d{2}:\\d{2}");
    private static final DateTimeFormatter EXIF_DATE_FORMAT = DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss");

    /** What the index keeps from EXIF; null fields were absent or unreadable. */
    record Exif(Integer orientation, String make, String model, String dateTaken, Gps gps) {
    }

    record Gps(BigDecimal latitude, BigDecimal longitude, BigDecimal altitude) {
    }

    private final RangedObjectReader reader;
    private final long start;
    private final long length;
    private boolean littleEndian;

    private ExifReader(RangedObjectReader reader, long start, long length) {
        this.reader = reader;
        this.start = start;
        this.length = length;
    }

    /**
     * Reads the TIFF structure at {@code start} (length bytes, or to the end of the object).
     *
     * @throws MalformedExifException if it is not a TIFF structure at all
     */
    static Exif read(RangedObjectReader reader, long start, long length) {
        return new ExifReader(reader, start, Math.min(length, reader.size() - start)).read();
    }

    private Exif read() {
        byte[] header = bytes(0, 8);
        if (header[0] == 'I' && header[1] == 'I') {
            littleEndian = true;
        } else if (header[0] == 'M' && header[1] == 'M') {
            littleEndian = false;
        } else {
            throw new MalformedExifException("no TIFF byte order mark");
        }
        if (u16(header, 2) != 42) {
            throw new MalformedExifException("no TIFF magic number");
        }
        Map<Integer, Entry> ifd0 = ifd(u32(header, 4));
        Map<Integer, Entry> exif = ifd0.containsKey(TAG_EXIF_IFD) ? ifd(ifd0.get(TAG_EXIF_IFD).number()) : Map.of();
        Map<Integer, Entry> gps = ifd0.containsKey(TAG_GPS_IFD) ? ifd(ifd0.get(TAG_GPS_IFD).number()) : Map.of();

        Integer orientation = null;
        if (ifd0.containsKey(TAG_ORIENTATION)) {
            long o = ifd0.get(TAG_ORIENTATION).number();
            orientation = o >= 1 && o <= 8 ? (int) o : null;
        }
        String date = date(text(exif.get(TAG_DATE_TIME_ORIGINAL)), text(exif.get(TAG_OFFSET_TIME_ORIGINAL)));
        if (date == null) {
            date = date(text(ifd0.get(TAG_DATE_TIME)), null);
        }
        return new Exif(orientation, text(ifd0.get(TAG_MAKE)), text(ifd0.get(TAG_MODEL)), date, gps(gps));
    }

    /** One IFD's entries by tag; a damaged IFD yields the entries before the damage. */
    private Map<Integer, Entry> ifd(long offset) {
        Map<Integer, Entry> entries = new HashMap<>();
        if (offset < 8 || offset + 2 > length) {
            return entries;
        }
        int count = u16(bytes(offset, 2), 0);
        if (count > MAX_ENTRIES) {
            return entries;
        }
        long end = Math.min(length, offset + 2 + 12L * count);
        byte[] table = bytes(offset + 2, (int) (end - offset - 2));
        for (int i = 0; i + 12 <= table.length; i += 12) {
            int tag = u16(table, i);
            int type = u16(table, i + 2);
            long n = u32(table, i + 4);
            byte[] inline = java.util.Arrays.copyOfRange(table, i + 8, i + 12);
            entries.putIfAbsent(tag, new Entry(type, n, inline));
        }
        return entries;
    }

    private final class Entry {
        final int type;
        final long count;
        final byte[] inline;

        Entry(int type, long count, byte[] inline) {
            this.type = type;
            this.count = count;
            this.inline = inline;
        }

        int unitSize() {
            return switch (type) {
                case 1, 2, 6, 7 -> 1;
                case 3, 8 -> 2;
                case 4, 9, 11, 13 -> 4;
                case 5, 10, 12 -> 8;
                default -> 0;
            };
        }

        /** The value bytes, inline or at their offset; null if out of bounds or unknown type. */
        byte[] data(long maxBytes) {
            int unit = unitSize();
            if (unit == 0 || count < 1) {
                return null;
            }
            long total = Math.min(count * unit, maxBytes);
            if (count * unit <= 4) {
                return java.util.Arrays.copyOf(inline, (int) total);
            }
            long at = u32(inline, 0);
            if (at < 0 || at + total > length) {
                return null;
            }
            return bytes(at, (int) total);
        }

        /** The first value as an unsigned integer (BYTE, SHORT, LONG), else -1. */
        long number() {
            byte[] d = data(4);
            if (d == null) {
                return -1;
            }
            return switch (type) {
                case 1, 7 -> d[0] & 0xFF;
                case 3 -> u16(d, 0);
                case 4, 13 -> u32(d, 0);
                default -> -1;
            };
        }

        BigDecimal rational(int index) {
            if (type != 5 || index >= count) {
                return null;
            }
            byte[] d = data(8L * (index + 1));
            if (d == null || d.length < 8 * (index + 1)) {
                return null;
            }
            long num = u32(d, 8 * index);
            long den = u32(d, 8 * index + 4);
            return den == 0 ? null : BigDecimal.valueOf(num).divide(BigDecimal.valueOf(den), 12, RoundingMode.HALF_EVEN);
        }
    }

    private String text(Entry e) {
        if (e == null || e.type != 2) {
            return null;
        }
        byte[] d = e.data(MAX_STRING);
        if (d == null) {
            return null;
        }
        int end = 0;
        while (end < d.length && d[end] != 0) {
            end++;
        }
        String s = new String(d, 0, end, StandardCharsets.UTF_8).strip();
        StringBuilder clean = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(clean::appendCodePoint);
        return clean.isEmpty() ? null : clean.toString();
    }

    /** EXIF "YYYY:MM:DD HH:MM:SS" (+ OffsetTime "+HH:MM") as ISO-8601; null unless it is a real date. */
    static String date(String exif, String offset) {
        if (exif == null || !EXIF_DATE.matcher(exif).matches()) {
            return null;
        }
        LocalDateTime t;
        try {
            t = LocalDateTime.parse(exif, EXIF_DATE_FORMAT.withResolverStyle(java.time.format.ResolverStyle.STRICT));
        } catch (DateTimeParseException e) {
            return null;
        }
        String iso = t.toString();
        if (t.getSecond() == 0 && iso.length() == 16) {
            iso = iso + ":00";
        }
        if (offset != null && OFFSET.matcher(offset).matches()) {
            try {
                return iso + ZoneOffset.of(offset).getId().replace("Z", "+00:00");
            } catch (java.time.DateTimeException e) {
                return iso;
            }
        }
        return iso;
    }

    private Gps gps(Map<Integer, Entry> gps) {
        BigDecimal lat = coordinate(gps.get(TAG_GPS_LATITUDE), text(gps.get(TAG_GPS_LATITUDE_REF)), "S");
        BigDecimal lon = coordinate(gps.get(TAG_GPS_LONGITUDE), text(gps.get(TAG_GPS_LONGITUDE_REF)), "W");
        if (lat == null || lon == null || lat.abs().compareTo(BigDecimal.valueOf(90)) > 0 || lon.abs().compareTo(BigDecimal.valueOf(180)) > 0) {
            return null;
        }
        BigDecimal alt = null;
        Entry a = gps.get(TAG_GPS_ALTITUDE);
        if (a != null && a.rational(0) != null) {
            alt = a.rational(0).setScale(2, RoundingMode.HALF_EVEN);
            Entry ref = gps.get(TAG_GPS_ALTITUDE_REF);
            if (ref != null && ref.number() == 1) {
                alt = alt.negate();
            }
        }
        return new Gps(lat, lon, alt);
    }

    private static BigDecimal coordinate(Entry e, String ref, String negative) {
        if (e == null || e.count < 3) {
            return null;
        }
        BigDecimal d = e.rational(0);
        BigDecimal m = e.rational(1);
        BigDecimal s = e.rational(2);
        if (d == null || m == null || s == null) {
            return null;
        }
        BigDecimal v = d.add(m.divide(BigDecimal.valueOf(60), 12, RoundingMode.HALF_EVEN))
                .add(s.divide(BigDecimal.valueOf(3600), 12, RoundingMode.HALF_EVEN)).setScale(7, RoundingMode.HALF_EVEN);
        return negative.equalsIgnoreCase(ref) ? v.negate() : v;
    }

    private byte[] bytes(long offset, int n) {
        if (offset < 0 || n < 0 || offset + n > length) {
            throw new MalformedExifException("EXIF structure points outside itself (" + offset + "+" + n + " of " + length + ")");
        }
        byte[] b = reader.readFully(start + offset, n);
        if (b.length < n) {
            throw new MalformedExifException("EXIF structure truncated");
        }
        return b;
    }

    private int u16(byte[] b, int i) {
        return littleEndian ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 : (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private long u32(byte[] b, int i) {
        long v = littleEndian
                ? (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
                : (b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFFL) << 16 | (b[i + 2] & 0xFFL) << 8 | (b[i + 3] & 0xFFL);
        return v;
    }

    /** Not a TIFF structure, or one that points outside itself. */
    static final class MalformedExifException extends RuntimeException {
        MalformedExifException(String message) {
            super(message);
        }
    }
}
