package dev.mediapipeline.model.heif;

import java.nio.charset.StandardCharsets;

/** Big-endian reads over one box's payload; any read past its end is a {@link MalformedHeifException}. */
final class BoxCursor {

    private final byte[] data;
    private final int end;
    private final String box;
    private int pos;

    BoxCursor(byte[] data, int start, int end, String box) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.box = box;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    private void need(int n) {
        if (n < 0 || pos + n > end) {
            throw new MalformedHeifException("the '" + box + "' box is truncated");
        }
    }

    int u8() {
        need(1);
        return data[pos++] & 0xFF;
    }

    int u16() {
        need(2);
        int v = (data[pos] & 0xFF) << 8 | (data[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32() {
        need(4);
        long v = (data[pos] & 0xFFL) << 24 | (data[pos + 1] & 0xFFL) << 16 | (data[pos + 2] & 0xFFL) << 8
                | (data[pos + 3] & 0xFFL);
        pos += 4;
        return v;
    }

    int s32() {
        return (int) u32();
    }

    long u64() {
        long hi = u32();
        return hi << 32 | u32();
    }

    /** An unsigned integer of 0, 4 or 8 bytes (iloc's variable-size fields). */
    long uint(int bytes) {
        return switch (bytes) {
            case 0 -> 0;
            case 4 -> u32();
            case 8 -> u64();
            default -> throw new MalformedHeifException("the '" + box + "' box has a field of " + bytes + " bytes");
        };
    }

    /** An item id: 16 bits in version 0/1 boxes, 32 bits after. */
    long id(boolean wide) {
        return wide ? u32() : u16();
    }

    String fourCc() {
        need(4);
        String s = new String(data, pos, 4, StandardCharsets.ISO_8859_1);
        pos += 4;
        return s;
    }

    /** A NUL-terminated UTF-8 string (the terminator may be missing at the end of the box). */
    String cString() {
        int start = pos;
        while (pos < end && data[pos] != 0) {
            pos++;
        }
        String s = new String(data, start, pos - start, StandardCharsets.UTF_8);
        if (pos < end) {
            pos++;
        }
        return s;
    }

    byte[] bytes(int n) {
        need(n);
        byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    void skip(int n) {
        need(n);
        pos += n;
    }

    /** The next child box header: type and payload bounds, or null at the end. */
    Child child() {
        if (remaining() == 0) {
            return null;
        }
        int start = pos;
        long size = u32();
        String type = fourCc();
        int header = 8;
        if (size == 1) {
            size = u64();
            header = 16;
        } else if (size == 0) {
            size = end - start;
        }
        if (size < header || start + size > end) {
            throw new MalformedHeifException("the '" + type + "' box inside '" + box + "' is truncated or has a bad size");
        }
        pos = (int) (start + size);
        return new Child(type, start + header, (int) (start + size));
    }

    BoxCursor open(Child child) {
        return new BoxCursor(data, child.start(), child.end(), child.type());
    }

    byte[] data() {
        return data;
    }

    /** A child box's type and payload bounds within the same array. */
    record Child(String type, int start, int end) {
    }
}
