package dev.mediapipeline.index.metadata;

import dev.mediapipeline.model.MediaFormat;
import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an image's header fields through ranged reads: dimensions and colour model from the ImageIO reader of its
 * format (JDK and TwelveMonkeys plugins; they stop at the header when asked only for these), EXIF from the segment or
 * chunk that carries it ({@link ExifReader}), and a JPEG's embedded ICC profile name. Pixels are never decoded.
 *
 * <p>Fields (absent when the file does not carry them; nothing is guessed):
 * {@code width}, {@code height} (as stored), {@code displayWidth}, {@code displayHeight} (after EXIF orientation),
 * {@code orientation} (EXIF 1-8), {@code colorSpace} (RGB, GRAY, CMYK, YCbCr...), {@code hasAlpha},
 * {@code iccProfile} (the embedded profile's description), {@code cameraMake}, {@code cameraModel},
 * {@code dateTaken} (ISO-8601 local time, with the offset when EXIF records one), and, only when enabled,
 * {@code gps} ({@code latitude}, {@code longitude} in decimal degrees, {@code altitude} in metres).
 */
final class ImageHeaderReader {

    private static final Logger LOG = LoggerFactory.getLogger(ImageHeaderReader.class);
    private static final int MAX_SEGMENTS = 512;
    private static final int MAX_ICC_BYTES = 4 * 1024 * 1024;

    static {
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    private ImageHeaderReader() {
    }

    static Map<String, Object> read(RangedObjectReader source, MediaFormat format, boolean includeGps) throws UnreadableMediaException {
        if (format == MediaFormat.HEIF || format == MediaFormat.AVIF) {
            return HeifMetadata.read(source, includeGps);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        readDimensions(source, format, out);
        if (format == MediaFormat.WEBP) {
            // ImageIO's WebP reader offers ARGB whatever the file holds: the bitstream header says
            Boolean alpha = webpHasAlpha(source);
            if (alpha != null) {
                out.put("hasAlpha", alpha);
            }
        }
        ExifReader.Exif exif = null;
        try {
            exif = switch (format) {
                case JPEG -> jpegSegments(source, out);
                case TIFF -> ExifReader.read(source, 0, source.size());
                case PNG -> pngExif(source);
                case WEBP -> webpExif(source);
                default -> null;
            };
        } catch (ExifReader.MalformedExifException e) {
            LOG.info("ignoring malformed EXIF: {}", e.getMessage());
        }
        ExifFields.put(exif, includeGps, out);
        int w = (Integer) out.get("width");
        int h = (Integer) out.get("height");
        boolean swapped = exif != null && exif.orientation() != null && exif.orientation() >= 5;
        out.put("displayWidth", swapped ? h : w);
        out.put("displayHeight", swapped ? w : h);
        return out;
    }

    private static void readDimensions(RangedObjectReader source, MediaFormat format, Map<String, Object> out) throws UnreadableMediaException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(imageIoName(format));
        if (!readers.hasNext()) {
            throw new UnreadableMediaException("no reader for " + format.name().toLowerCase() + " images");
        }
        ImageReader reader = readers.next();
        RangedImageInputStream in = new RangedImageInputStream(source);
        try {
            reader.setInput(in, true, false);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                throw new UnreadableMediaException("the " + format.name().toLowerCase() + " header gives an empty size " + width + "x" + height);
            }
            out.put("width", width);
            out.put("height", height);
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            if (types != null && types.hasNext()) {
                ColorModel cm = types.next().getColorModel();
                put(out, "colorSpace", colorSpaceName(cm.getColorSpace()));
                out.put("hasAlpha", cm.hasAlpha());
            }
        } catch (IOException | RuntimeException e) {
            if (in.failure() != null) {
                throw in.failure();
            }
            if (e instanceof RangedObjectReader.HeaderTooLargeException || e instanceof dev.mediapipeline.model.ObjectStoreException) {
                throw (RuntimeException) e;
            }
            throw new UnreadableMediaException("unreadable " + format.name().toLowerCase() + " header: " + describe(e), e);
        } finally {
            reader.dispose();
        }
    }

    static String imageIoName(MediaFormat format) {
        return switch (format) {
            case JPEG -> "jpeg";
            case PNG -> "png";
            case GIF -> "gif";
            case BMP -> "bmp";
            case WEBP -> "webp";
            case TIFF -> "tiff";
            default -> throw new IllegalArgumentException(format + " is not an image format the index reads");
        };
    }

    static String colorSpaceName(ColorSpace cs) {
        return switch (cs.getType()) {
            case ColorSpace.TYPE_RGB -> "RGB";
            case ColorSpace.TYPE_GRAY -> "GRAY";
            case ColorSpace.TYPE_CMYK -> "CMYK";
            case ColorSpace.TYPE_YCbCr -> "YCbCr";
            case ColorSpace.TYPE_Lab -> "Lab";
            case ColorSpace.TYPE_XYZ -> "XYZ";
            case ColorSpace.TYPE_CMY -> "CMY";
            default -> null;
        };
    }

    /** Walks a JPEG's marker segments up to the image data: EXIF (APP1) and the ICC profile (APP2 chunks). */
    private static ExifReader.Exif jpegSegments(RangedObjectReader source, Map<String, Object> out) {
        long pos = 2;
        ExifReader.Exif exif = null;
        List<byte[]> icc = new ArrayList<>();
        int iccBytes = 0;
        for (int i = 0; i < MAX_SEGMENTS; i++) {
            byte[] marker = source.readFully(pos, 4);
            if (marker.length < 4 || (marker[0] & 0xFF) != 0xFF) {
                break;
            }
            int type = marker[1] & 0xFF;
            if (type == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (type == 0xDA || type == 0xD9) {
                break; // start of scan / end of image: no header segments after this
            }
            if (type == 0x01 || (type >= 0xD0 && type <= 0xD7)) {
                pos += 2;
                continue;
            }
            int length = (marker[2] & 0xFF) << 8 | (marker[3] & 0xFF);
            if (length < 2) {
                break;
            }
            long data = pos + 4;
            int dataLength = length - 2;
            if (type == 0xE1 && exif == null && dataLength > 6) {
                byte[] id = source.readFully(data, 6);
                if (new String(id, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                    exif = ExifReader.read(source, data + 6, dataLength - 6L);
                }
            } else if (type == 0xE2 && dataLength > 14 && iccBytes < MAX_ICC_BYTES) {
                byte[] id = source.readFully(data, 14);
                if (new String(id, 0, 12, StandardCharsets.ISO_8859_1).equals("ICC_PROFILE\0")) {
                    byte[] chunk = source.readFully(data + 14, dataLength - 14);
                    icc.add(chunk);
                    iccBytes += chunk.length;
                }
            }
            pos = data + dataLength;
        }
        if (!icc.isEmpty()) {
            byte[] profile = new byte[iccBytes];
            int at = 0;
            for (byte[] chunk : icc) {
                System.arraycopy(chunk, 0, profile, at, chunk.length);
                at += chunk.length;
            }
            put(out, "iccProfile", IccProfiles.description(profile));
        }
        return exif;
    }

    /** PNG: an eXIf chunk among the chunks before the first IDAT. */
    private static ExifReader.Exif pngExif(RangedObjectReader source) {
        long pos = 8;
        for (int i = 0; i < MAX_SEGMENTS; i++) {
            byte[] header = source.readFully(pos, 8);
            if (header.length < 8) {
                return null;
            }
            long length = ((header[0] & 0xFFL) << 24) | (header[1] & 0xFF) << 16 | (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
            String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("eXIf")) {
                return ExifReader.read(source, pos + 8, length);
            }
            if (type.equals("IDAT") || type.equals("IEND")) {
                return null;
            }
            pos += 12 + length;
        }
        return null;
    }

    /** WebP: the RIFF EXIF chunk (after the image data; only chunk headers are read on the way). */
    private static ExifReader.Exif webpExif(RangedObjectReader source) {
        long pos = 12;
        for (int i = 0; i < MAX_SEGMENTS; i++) {
            byte[] header = source.readFully(pos, 8);
            if (header.length < 8) {
                return null;
            }
            String type = new String(header, 0, 4, StandardCharsets.ISO_8859_1);
            long length = (header[4] & 0xFFL) | (header[5] & 0xFFL) << 8 | (header[6] & 0xFFL) << 16 | (header[7] & 0xFFL) << 24;
            if (type.equals("EXIF")) {
                byte[] prefix = source.readFully(pos + 8, 6);
                boolean hasExifId = new String(prefix, StandardCharsets.ISO_8859_1).equals("Exif\0\0");
                return hasExifId ? ExifReader.read(source, pos + 14, length - 6) : ExifReader.read(source, pos + 8, length);
            }
            pos += 8 + length + (length & 1);
        }
        return null;
    }

    /** From the first chunk: VP8 (lossy) has no alpha, VP8L says in its header, VP8X in its flags. */
    private static Boolean webpHasAlpha(RangedObjectReader source) {
        byte[] h = source.readFully(12, 13);
        if (h.length < 13) {
            return null;
        }
        String chunk = new String(h, 0, 4, StandardCharsets.ISO_8859_1);
        return switch (chunk) {
            case "VP8 " -> false;
            case "VP8L" -> (h[8] & 0xFF) == 0x2F ? ((h[12] >> 4) & 1) == 1 : null;
            case "VP8X" -> (h[8] & 0x10) != 0;
            default -> null;
        };
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
