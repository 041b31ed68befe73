package dev.mediapipeline.model.heif;

import java.util.List;

/**
 * One item of a HEIF file's {@code meta} box.
 *
 * @param type         the {@code infe} item type: {@code hvc1}, {@code av01}, {@code grid}, {@code Exif}, {@code mime}...
 * @param construction {@code iloc} construction method: 0 file offsets, 1 offsets into {@code idat}
 * @param extents      where its data lies, in order
 * @param properties   its associated properties, in {@code ipma} order (the order transforms apply in)
 */
public record HeifItem(long id, String type, String name, boolean hidden, int construction, List<Extent> extents,
                       List<HeifProperty> properties) {

    public HeifItem {
        extents = List.copyOf(extents);
        properties = List.copyOf(properties);
    }

    /** One extent: {@code length} bytes at {@code offset}. */
    public record Extent(long offset, long length) {
    }

    public long dataLength() {
        return extents.stream().mapToLong(Extent::length).sum();
    }

    public <P extends HeifProperty> java.util.Optional<P> property(Class<P> type) {
        return properties.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
