package dev.mediapipeline.model.heif;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The structure of a HEIF/HEIC/AVIF file (ISO/IEC 23008-12 on the ISO base media file format): brands, the
 * {@code meta} box's items with their properties, locations and references, and the primary item. Reads only the
 * boxes before the media data (a few kilobytes on phones' files) plus what {@link #itemData} is asked for, through
 * {@link ByteRanges}, so it works the same on a byte array, a file or ranged reads of an object. JDK only.
 */
public final class HeifContainer {

    /** The largest {@code meta} box read (phones' are a few kilobytes; their Exif and XMP live in the media data). */
    static final int MAX_META_BYTES = 16 * 1024 * 1024;
    private static final int MAX_TOP_LEVEL_BOXES = 1000;

    /** One {@code iref} entry: {@code from} refers to {@code to} (in order) with this reference type. */
    public record Reference(String type, long from, List<Long> to) {
        public Reference {
            to = List.copyOf(to);
        }
    }

    private final ByteRanges source;
    private final String majorBrand;
    private final Set<String> brands;
    private final boolean movie;
    private final Long primary;
    private final Map<Long, HeifItem> items;
    private final List<Reference> references;
    private final byte[] idat;

    HeifContainer(ByteRanges source, String majorBrand, Set<String> brands, boolean movie, Long primary,
                  Map<Long, HeifItem> items, List<Reference> references, byte[] idat) {
        this.source = source;
        this.majorBrand = majorBrand;
        this.brands = Set.copyOf(brands);
        this.movie = movie;
        this.primary = primary;
        this.items = Map.copyOf(items);
        this.references = List.copyOf(references);
        this.idat = idat;
    }

    /**
     * Reads the file's boxes up to and including {@code meta}.
     *
     * @throws MalformedHeifException if there is no {@code ftyp} or {@code meta} box, or a box is damaged
     */
    public static HeifContainer read(ByteRanges source) {
        Objects.requireNonNull(source, "source");
        long size = source.size();
        long pos = 0;
        String major = null;
        Set<String> brands = new LinkedHashSet<>();
        boolean movie = false;
        byte[] meta = null;
        for (int i = 0; i < MAX_TOP_LEVEL_BOXES && pos + 8 <= size; i++) {
            byte[] h = source.read(pos, 16);
            BoxCursor header = new BoxCursor(h, 0, h.length, "file");
            long boxSize = header.u32();
            String type = header.fourCc();
            int headerSize = 8;
            if (boxSize == 1) {
                boxSize = header.u64();
                headerSize = 16;
            } else if (boxSize == 0) {
                boxSize = size - pos;
            }
            if (boxSize < headerSize) {
                throw new MalformedHeifException("the '" + type + "' box at byte " + pos + " has an invalid size " + boxSize);
            }
            if (i == 0 && !type.equals("ftyp")) {
                throw new MalformedHeifException("the file does not start with an 'ftyp' box");
            }
            if (type.equals("ftyp") || type.equals("meta")) {
                if (boxSize > MAX_META_BYTES) {
                    throw new MalformedHeifException("the '" + type + "' box is " + boxSize + " bytes, over the limit of "
                            + MAX_META_BYTES);
                }
                byte[] payload = source.read(pos + headerSize, (int) (boxSize - headerSize));
                if (payload.length < boxSize - headerSize) {
                    throw new MalformedHeifException("the file is truncated inside its '" + type + "' box");
                }
                if (type.equals("ftyp")) {
                    BoxCursor c = new BoxCursor(payload, 0, payload.length, "ftyp");
                    major = c.fourCc();
                    c.skip(4);
                    brands.add(major);
                    while (c.remaining() >= 4) {
                        brands.add(c.fourCc());
                    }
                } else if (meta == null) {
                    meta = payload;
                }
            } else if (type.equals("moov")) {
                movie = true;
            }
            pos += boxSize;
        }
        if (major == null) {
            throw new MalformedHeifException("the file has no 'ftyp' box");
        }
        if (meta == null) {
            if (movie) {
                throw new UnsupportedHeifException("an image sequence with no still image ('" + major + "' with only a movie)");
            }
            throw new MalformedHeifException("the file has no 'meta' box (truncated before its items?)");
        }
        return MetaBoxParser.parse(source, major, brands, movie, meta);
    }

    public String majorBrand() {
        return majorBrand;
    }

    public Set<String> brands() {
        return brands;
    }

    /**
     * The file is primarily an image sequence (an animated AVIF, a HEIF burst): its major brand says so
     * ({@code avis}, {@code hevs}, {@code msf1}). A still image that merely carries a movie too is not.
     */
    public boolean isImageSequence() {
        return majorBrand.equals("avis") || majorBrand.equals("msf1") || majorBrand.equals("hevs");
    }

    /** The file holds a movie ({@code moov}) besides or instead of items. */
    public boolean hasMovie() {
        return movie;
    }

    /** The {@code pitm} item, if declared. */
    public java.util.Optional<HeifItem> primaryItem() {
        return primary == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(items.get(primary));
    }

    public Long primaryId() {
        return primary;
    }

    public java.util.Optional<HeifItem> item(long id) {
        return java.util.Optional.ofNullable(items.get(id));
    }

    public java.util.Collection<HeifItem> items() {
        return items.values();
    }

    /** The items {@code from} refers to with this reference type, in order. */
    public List<Long> referencedBy(long from, String type) {
        List<Long> out = new ArrayList<>();
        for (Reference r : references) {
            if (r.from() == from && r.type().equals(type)) {
                out.addAll(r.to());
            }
        }
        return out;
    }

    /** The items that refer to {@code to} with this reference type (e.g. {@code auxl}, {@code thmb}, {@code cdsc}). */
    public List<Long> referring(long to, String type) {
        List<Long> out = new ArrayList<>();
        for (Reference r : references) {
            if (r.type().equals(type) && r.to().contains(to)) {
                out.add(r.from());
            }
        }
        return out;
    }

    /**
     * An item's data, its extents joined.
     *
     * @param limit the most bytes accepted
     * @throws MalformedHeifException if the data lies beyond the end of the file or idat, or is over the limit
     */
    public byte[] itemData(HeifItem item, int limit) {
        long total = item.dataLength();
        if (total > limit) {
            throw new MalformedHeifException("item " + item.id() + " (" + item.type() + ") has " + total
                    + " bytes of data, over the limit of " + limit);
        }
        byte[] out = new byte[(int) total];
        int at = 0;
        for (HeifItem.Extent e : item.extents()) {
            byte[] part;
            if (item.construction() == 1) {
                if (idat == null || e.offset() + e.length() > idat.length) {
                    throw new MalformedHeifException("item " + item.id() + " lies outside the 'idat' box");
                }
                part = java.util.Arrays.copyOfRange(idat, (int) e.offset(), (int) (e.offset() + e.length()));
            } else {
                part = source.read(e.offset(), (int) e.length());
            }
            if (part.length < e.length()) {
                throw new MalformedHeifException("the file is truncated: item " + item.id() + " (" + item.type()
                        + ") needs bytes up to " + (e.offset() + e.length()) + " of a " + source.size() + "-byte file");
            }
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Where an item's data starts in the file, when it is one extent of the file itself (not {@code idat}). */
    public java.util.OptionalLong fileOffset(HeifItem item) {
        return item.construction() == 0 && item.extents().size() == 1
                ? java.util.OptionalLong.of(item.extents().get(0).offset()) : java.util.OptionalLong.empty();
    }

    static Map<Long, HeifItem> index(List<HeifItem> items) {
        Map<Long, HeifItem> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(i.id(), i));
        return map;
    }
}
