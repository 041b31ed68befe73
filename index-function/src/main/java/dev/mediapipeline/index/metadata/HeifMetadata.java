package dev.mediapipeline.index.metadata;

import dev.mediapipeline.model.heif.ByteRanges;
import dev.mediapipeline.model.heif.HeifContainer;
import dev.mediapipeline.model.heif.HeifItem;
import dev.mediapipeline.model.heif.HeifPicture;
import dev.mediapipeline.model.heif.MalformedHeifException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The header fields of a HEIF/HEIC or AVIF photo, from its {@code meta} box and its {@code Exif} item, through
 * ranged reads (no pixel is decoded): the primary image's stored size ({@code width}, {@code height}: the grid's
 * output), its size as shown after the file's crop and rotation ({@code displayWidth}, {@code displayHeight}: the
 * file's {@code clap}/{@code irot} are the truth, as for the thumbnails; EXIF orientation is informational for HEIF
 * and recorded as {@code orientation}), {@code hasAlpha}, {@code iccProfile} (e.g. "Display P3"), and from EXIF the
 * camera, the date taken and, only when enabled, the GPS position.
 */
final class HeifMetadata {

    private HeifMetadata() {
    }

    /**
     * @throws UnreadableMediaException                                      the container is damaged
     * @throws dev.mediapipeline.model.heif.UnsupportedHeifException an image sequence, a depth map only...
     */
    static Map<String, Object> read(RangedObjectReader source, boolean includeGps) throws UnreadableMediaException {
        HeifPicture picture;
        try {
            picture = HeifPicture.of(HeifContainer.read(new ByteRanges() {
                @Override
                public long size() {
                    return source.size();
                }

                @Override
                public byte[] read(long offset, int length) {
                    return source.readFully(offset, length);
                }
            }));
        } catch (MalformedHeifException e) {
            throw new UnreadableMediaException("unreadable HEIF/AVIF container: " + e.getMessage(), e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("width", picture.image().width());
        out.put("height", picture.image().height());
        out.put("colorSpace", "RGB");
        out.put("hasAlpha", picture.alpha().isPresent());
        picture.icc().map(IccProfiles::description).ifPresent(d -> out.put("iccProfile", d));
        picture.exif().ifPresent(item -> ExifFields.put(exif(source, picture.container(), item), includeGps, out));
        out.put("displayWidth", picture.displayWidth());
        out.put("displayHeight", picture.displayHeight());
        return out;
    }

    /** The Exif item: a 4-byte offset to the TIFF header, then the TIFF structure; null if it cannot be located. */
    private static ExifReader.Exif exif(RangedObjectReader source, HeifContainer container, HeifItem item) {
        OptionalLong start = container.fileOffset(item);
        long length = item.dataLength();
        if (start.isEmpty() || length < 12) {
            return null;
        }
        byte[] prefix = source.readFully(start.getAsLong(), 4);
        if (prefix.length < 4) {
            return null;
        }
        long skip = 4 + (ByteBuffer.wrap(prefix).getInt() & 0xFFFFFFFFL);
        if (skip + 6 >= length) {
            return null;
        }
        // some writers leave the "Exif\0\0" identifier in front of the TIFF header without counting it in the offset
        byte[] id = source.readFully(start.getAsLong() + skip, 6);
        if (id.length == 6 && id[0] == 'E' && id[1] == 'x' && id[2] == 'i' && id[3] == 'f' && id[4] == 0 && id[5] == 0) {
            skip += 6;
        }
        try {
            return ExifReader.read(source, start.getAsLong() + skip, length - skip);
        } catch (ExifReader.MalformedExifException e) {
            return null;
        }
    }
}
