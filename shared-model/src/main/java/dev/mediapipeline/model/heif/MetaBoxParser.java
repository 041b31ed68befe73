package dev.mediapipeline.model.heif;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses a {@code meta} box's payload into a {@link HeifContainer}. */
final class MetaBoxParser {

    private static final int MAX_ITEMS = 10_000;

    private MetaBoxParser() {
    }

    private record Location(int construction, List<HeifItem.Extent> extents) {
    }

    private record Info(long id, String type, String name, boolean hidden) {
    }

    static HeifContainer parse(ByteRanges source, String major, Set<String> brands, boolean movie, byte[] meta) {
        BoxCursor c = new BoxCursor(meta, 0, meta.length, "meta");
        c.skip(4); // version and flags
        String handler = null;
        Long primary = null;
        List<Info> infos = new ArrayList<>();
        Map<Long, Location> locations = new HashMap<>();
        List<HeifProperty> properties = new ArrayList<>();
        Map<Long, List<Integer>> associations = new HashMap<>();
        List<HeifContainer.Reference> references = new ArrayList<>();
        byte[] idat = null;
        for (BoxCursor.Child child = c.child(); child != null; child = c.child()) {
            BoxCursor b = c.open(child);
            switch (child.type()) {
                case "hdlr" -> {
                    b.skip(8); // version, flags, pre_defined
                    handler = b.fourCc();
                }
                case "pitm" -> {
                    int version = b.u8();
                    b.skip(3);
                    primary = b.id(version != 0);
                }
                case "iinf" -> infos.addAll(itemInfos(b));
                case "iloc" -> locations.putAll(locations(b));
                case "iprp" -> properties(b, properties, associations);
                case "iref" -> references.addAll(references(b));
                case "idat" -> idat = b.bytes(b.remaining());
                default -> {
                }
            }
        }
        if (!"pict".equals(handler)) {
            throw new UnsupportedHeifException("the 'meta' box handler is '" + handler + "', not 'pict' (no still images)");
        }
        List<HeifItem> items = new ArrayList<>();
        for (Info info : infos) {
            Location loc = locations.getOrDefault(info.id(), new Location(0, List.of()));
            List<HeifProperty> props = new ArrayList<>();
            for (int index : associations.getOrDefault(info.id(), List.of())) {
                if (index < 1 || index > properties.size()) {
                    throw new MalformedHeifException("item " + info.id() + " is associated with property " + index
                            + " of " + properties.size());
                }
                props.add(properties.get(index - 1));
            }
            items.add(new HeifItem(info.id(), info.type(), info.name(), info.hidden(), loc.construction(), loc.extents(), props));
        }
        return new HeifContainer(source, major, brands, movie, primary, HeifContainer.index(items), references, idat);
    }

    private static List<Info> itemInfos(BoxCursor b) {
        int version = b.u8();
        b.skip(3);
        long count = version == 0 ? b.u16() : b.u32();
        if (count > MAX_ITEMS) {
            throw new MalformedHeifException("the 'iinf' box declares " + count + " items");
        }
        List<Info> out = new ArrayList<>();
        for (BoxCursor.Child child = b.child(); child != null; child = b.child()) {
            if (!child.type().equals("infe")) {
                continue;
            }
            BoxCursor e = b.open(child);
            int v = e.u8();
            int flags = e.u8() << 16 | e.u16();
            long id = v == 3 ? e.u32() : e.u16();
            e.u16(); // protection index
            String type = v >= 2 ? e.fourCc() : "";
            String name = e.cString();
            out.add(new Info(id, type, name, (flags & 1) != 0));
        }
        return out;
    }

    private static Map<Long, Location> locations(BoxCursor b) {
        int version = b.u8();
        b.skip(3);
        int sizes = b.u16();
        int offsetSize = sizes >> 12;
        int lengthSize = (sizes >> 8) & 0xF;
        int baseOffsetSize = (sizes >> 4) & 0xF;
        int indexSize = version >= 1 ? sizes & 0xF : 0;
        long count = version < 2 ? b.u16() : b.u32();
        if (count > MAX_ITEMS) {
            throw new MalformedHeifException("the 'iloc' box declares " + count + " items");
        }
        Map<Long, Location> out = new HashMap<>();
        for (long i = 0; i < count; i++) {
            long id = version < 2 ? b.u16() : b.u32();
            int construction = version >= 1 ? b.u16() & 0xF : 0;
            b.u16(); // data reference index
            long base = b.uint(baseOffsetSize);
            int extents = b.u16();
            List<HeifItem.Extent> list = new ArrayList<>();
            for (int e = 0; e < extents; e++) {
                if (indexSize > 0) {
                    b.uint(indexSize);
                }
                long offset = b.uint(offsetSize);
                long length = b.uint(lengthSize);
                if (offset < 0 || length < 0 || base + offset < 0) {
                    throw new MalformedHeifException("item " + id + " has an extent with an impossible offset");
                }
                list.add(new HeifItem.Extent(base + offset, length));
            }
            if (construction > 1) {
                throw new UnsupportedHeifException("item " + id + " uses construction method " + construction);
            }
            out.put(id, new Location(construction, list));
        }
        return out;
    }

    private static void properties(BoxCursor iprp, List<HeifProperty> properties, Map<Long, List<Integer>> associations) {
        for (BoxCursor.Child child = iprp.child(); child != null; child = iprp.child()) {
            BoxCursor b = iprp.open(child);
            if (child.type().equals("ipco")) {
                for (BoxCursor.Child p = b.child(); p != null; p = b.child()) {
                    properties.add(property(p.type(), b.open(p)));
                }
            } else if (child.type().equals("ipma")) {
                int version = b.u8();
                int flags = b.u8() << 16 | b.u16();
                long entries = b.u32();
                if (entries > MAX_ITEMS) {
                    throw new MalformedHeifException("the 'ipma' box declares " + entries + " entries");
                }
                for (long i = 0; i < entries; i++) {
                    long id = version < 1 ? b.u16() : b.u32();
                    int n = b.u8();
                    List<Integer> list = associations.computeIfAbsent(id, k -> new ArrayList<>());
                    for (int a = 0; a < n; a++) {
                        int index = (flags & 1) != 0 ? b.u16() & 0x7FFF : b.u8() & 0x7F;
                        if (index != 0) {
                            list.add(index);
                        }
                    }
                }
            }
        }
    }

    static HeifProperty property(String type, BoxCursor b) {
        return switch (type) {
            case "ispe" -> {
                b.skip(4);
                yield new HeifProperty.Ispe(b.u32(), b.u32());
            }
            case "irot" -> new HeifProperty.Irot(b.u8() & 3);
            case "imir" -> new HeifProperty.Imir(b.u8() & 1);
            case "clap" -> new HeifProperty.Clap(b.u32(), b.u32(), b.u32(), b.u32(), b.s32(), b.u32(), b.s32(), b.u32());
            case "colr" -> {
                String colourType = b.fourCc();
                yield switch (colourType) {
                    case "nclx" -> new HeifProperty.Nclx(b.u16(), b.u16(), b.u16(), (b.u8() & 0x80) != 0);
                    case "prof", "rICC" -> new HeifProperty.Icc(b.bytes(b.remaining()));
                    default -> new HeifProperty.Other("colr/" + colourType);
                };
            }
            case "pixi" -> {
                b.skip(4);
                int[] bits = new int[b.u8()];
                for (int i = 0; i < bits.length; i++) {
                    bits[i] = b.u8();
                }
                yield new HeifProperty.Pixi(bits);
            }
            case "auxC" -> {
                b.skip(4);
                yield new HeifProperty.AuxC(b.cString());
            }
            case "hvcC", "av1C" -> new HeifProperty.CodecConfig(type, b.bytes(b.remaining()));
            default -> new HeifProperty.Other(type);
        };
    }

    private static List<HeifContainer.Reference> references(BoxCursor b) {
        int version = b.u8();
        b.skip(3);
        List<HeifContainer.Reference> out = new ArrayList<>();
        for (BoxCursor.Child child = b.child(); child != null; child = b.child()) {
            BoxCursor r = b.open(child);
            long from = r.id(version != 0);
            int n = r.u16();
            List<Long> to = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                to.add(r.id(version != 0));
            }
            out.add(new HeifContainer.Reference(child.type(), from, to));
        }
        return out;
    }
}
