package dev.mediapipeline.image.samples;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes HEIF/AVIF files item by item, the way phones lay them out ({@code ftyp}, {@code meta} with items,
 * properties and references, grid descriptions in {@code idat}, coded data in {@code mdat}), so tests can build
 * grids, transforms, auxiliary images and damaged variants from real HEVC/AV1 pictures (made by heif-enc).
 */
public final class HeifWriter {

    private record Item(int id, String type, boolean hidden, byte[] data, boolean inIdat, int sharesDataOf) {
    }

    private record Association(int property, boolean essential) {
    }

    private record Reference(String type, int from, int[] to) {
    }

    private final String major;
    private final String[] compatible;
    private final List<Item> items = new ArrayList<>();
    private final List<byte[]> properties = new ArrayList<>();
    private final Map<Integer, List<Association>> associations = new LinkedHashMap<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<byte[]> extraTopLevel = new ArrayList<>();
    private int primary;

    public HeifWriter(String major, String... compatible) {
        this.major = major;
        this.compatible = compatible;
    }

    /** An item whose data goes in {@code mdat}; returns its id. */
    public int item(String type, byte[] data, boolean hidden) {
        return add(new Item(items.size() + 1, type, hidden, data, false, 0));
    }

    /** An item whose data goes in {@code idat} (grid descriptions). */
    public int idatItem(String type, byte[] data, boolean hidden) {
        return add(new Item(items.size() + 1, type, hidden, data, true, 0));
    }

    /** An item pointing at the same bytes as another (a compact way to repeat a tile). */
    public int sharedItem(String type, int dataOf, boolean hidden) {
        return add(new Item(items.size() + 1, type, hidden, null, false, dataOf));
    }

    private int add(Item item) {
        items.add(item);
        return item.id();
    }

    /** Associates a property box (identical boxes are stored once). */
    public HeifWriter property(int item, byte[] box, boolean essential) {
        int index = -1;
        for (int i = 0; i < properties.size(); i++) {
            if (Arrays.equals(properties.get(i), box)) {
                index = i;
            }
        }
        if (index < 0) {
            properties.add(box);
            index = properties.size() - 1;
        }
        associations.computeIfAbsent(item, k -> new ArrayList<>()).add(new Association(index + 1, essential));
        return this;
    }

    public HeifWriter reference(String type, int from, int... to) {
        references.add(new Reference(type, from, to));
        return this;
    }

    public HeifWriter primary(int id) {
        this.primary = id;
        return this;
    }

    /** A top-level box written after {@code meta} (e.g. a {@code moov}). */
    public HeifWriter topLevel(byte[] box) {
        extraTopLevel.add(box);
        return this;
    }

    public byte[] write() {
        ByteArrayOutputStream ftypPayload = new ByteArrayOutputStream();
        ftypPayload.writeBytes(ascii(major));
        ftypPayload.writeBytes(new byte[4]);
        for (String c : compatible) {
            ftypPayload.writeBytes(ascii(c));
        }
        byte[] ftyp = box("ftyp", ftypPayload.toByteArray());
        // the meta box's size does not depend on the offsets (fixed 4-byte fields): lay out twice
        byte[] meta = meta(0);
        int extra = extraTopLevel.stream().mapToInt(b -> b.length).sum();
        long mdatStart = ftyp.length + meta.length + extra + 8L;
        meta = meta(mdatStart);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ftyp);
        out.writeBytes(meta);
        extraTopLevel.forEach(out::writeBytes);
        out.writeBytes(box("mdat", mdatPayload()));
        return out.toByteArray();
    }

    private byte[] mdatPayload() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Item i : items) {
            if (!i.inIdat() && i.data() != null) {
                out.writeBytes(i.data());
            }
        }
        return out.toByteArray();
    }

    private byte[] meta(long mdatStart) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(fullBox("hdlr", 0, 0, concat(new byte[4], ascii("pict"), new byte[12], new byte[] {0})));
        payload.writeBytes(fullBox("pitm", 0, 0, u16(primary)));
        ByteArrayOutputStream iinf = new ByteArrayOutputStream();
        iinf.writeBytes(u16(items.size()));
        for (Item i : items) {
            iinf.writeBytes(fullBox("infe", 2, i.hidden() ? 1 : 0, concat(u16(i.id()), u16(0), ascii(i.type()), new byte[] {0})));
        }
        payload.writeBytes(fullBox("iinf", 0, 0, iinf.toByteArray()));
        payload.writeBytes(iloc(mdatStart));
        ByteArrayOutputStream ipco = new ByteArrayOutputStream();
        properties.forEach(ipco::writeBytes);
        ByteArrayOutputStream ipma = new ByteArrayOutputStream();
        ipma.writeBytes(u32(associations.size()));
        associations.forEach((item, list) -> {
            ipma.writeBytes(u16(item));
            ipma.write(list.size());
            for (Association a : list) {
                ipma.write((a.essential() ? 0x80 : 0) | a.property());
            }
        });
        payload.writeBytes(box("iprp", concat(box("ipco", ipco.toByteArray()), fullBox("ipma", 0, 0, ipma.toByteArray()))));
        if (!references.isEmpty()) {
            ByteArrayOutputStream iref = new ByteArrayOutputStream();
            for (Reference r : references) {
                ByteArrayOutputStream ref = new ByteArrayOutputStream();
                ref.writeBytes(u16(r.from()));
                ref.writeBytes(u16(r.to().length));
                for (int to : r.to()) {
                    ref.writeBytes(u16(to));
                }
                iref.writeBytes(box(r.type(), ref.toByteArray()));
            }
            payload.writeBytes(fullBox("iref", 0, 0, iref.toByteArray()));
        }
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        items.stream().filter(Item::inIdat).forEach(i -> idat.writeBytes(i.data()));
        if (idat.size() > 0) {
            payload.writeBytes(box("idat", idat.toByteArray()));
        }
        return fullBox("meta", 0, 0, payload.toByteArray());
    }

    private byte[] iloc(long mdatStart) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x44); // offset size 4, length size 4
        b.write(0x00); // base offset size 0, index size 0
        b.writeBytes(u16(items.size()));
        Map<Integer, long[]> placed = new LinkedHashMap<>();
        long mdat = mdatStart;
        long idat = 0;
        for (Item i : items) {
            long[] extent;
            if (i.data() == null) {
                extent = placed.get(i.sharesDataOf());
            } else if (i.inIdat()) {
                extent = new long[] {idat, i.data().length};
                idat += i.data().length;
            } else {
                extent = new long[] {mdat, i.data().length};
                mdat += i.data().length;
            }
            placed.put(i.id(), extent);
            b.writeBytes(u16(i.id()));
            b.writeBytes(u16(i.inIdat() ? 1 : 0)); // construction method
            b.writeBytes(u16(0));
            b.writeBytes(u16(1));
            b.writeBytes(u32(extent[0]));
            b.writeBytes(u32(extent[1]));
        }
        return fullBox("iloc", 1, 0, b.toByteArray());
    }

    // ------------------------------------------------------------------ boxes

    public static byte[] ispe(int width, int height) {
        return fullBox("ispe", 0, 0, concat(u32(width), u32(height)));
    }

    public static byte[] irot(int quarters) {
        return box("irot", new byte[] {(byte) quarters});
    }

    public static byte[] imir(int axis) {
        return box("imir", new byte[] {(byte) axis});
    }

    /** A centred clean aperture of whole pixels. */
    public static byte[] clap(int width, int height) {
        return box("clap", concat(u32(width), u32(1), u32(height), u32(1), u32(0), u32(1), u32(0), u32(1)));
    }

    public static byte[] colrIcc(byte[] profile) {
        return box("colr", concat(ascii("prof"), profile));
    }

    /** An {@code nclx} colour box (ITU-T H.273 code points). */
    public static byte[] colrNclx(int primaries, int transfer, int matrix, boolean fullRange) {
        return box("colr", concat(ascii("nclx"), u16(primaries), u16(transfer), u16(matrix),
                new byte[] {(byte) (fullRange ? 0x80 : 0)}));
    }

    public static byte[] auxC(String urn) {
        return fullBox("auxC", 0, 0, concat(urn.getBytes(StandardCharsets.US_ASCII), new byte[] {0}));
    }

    /** A grid description: rows × columns tiles cut to the output size (32-bit fields when it needs them). */
    public static byte[] grid(int rows, int columns, long width, long height) {
        boolean wide = width > 0xFFFF || height > 0xFFFF;
        byte[] size = wide ? concat(u32(width), u32(height)) : concat(u16((int) width), u16((int) height));
        return concat(new byte[] {0, (byte) (wide ? 1 : 0), (byte) (rows - 1), (byte) (columns - 1)}, size);
    }

    /**
     * An {@code Exif} item's data as iPhones write it: the 4-byte offset to the TIFF header (6), the
     * {@code Exif\0\0} identifier, then the TIFF structure.
     */
    public static byte[] exifItem(byte[] tiff) {
        return concat(u32(6), "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff);
    }

    public static byte[] box(String type, byte[] payload) {
        return concat(u32(8L + payload.length), ascii(type), payload);
    }

    public static byte[] fullBox(String type, int version, int flags, byte[] payload) {
        return box(type, concat(new byte[] {(byte) version, (byte) (flags >> 16), (byte) (flags >> 8), (byte) flags}, payload));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] u32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
