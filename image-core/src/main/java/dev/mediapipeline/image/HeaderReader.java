package dev.mediapipeline.image;

import dev.mediapipeline.image.ImageHeader.ColorModelKind;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.MediaKind;
import dev.mediapipeline.model.MediaTypeDetector;
import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an image's header (format, size, orientation, alpha, colour model) without decoding pixels. JPEG, PNG and
 * WebP headers are parsed here (marker and chunk walks), HEIF/AVIF from their {@code meta} box
 * ({@link dev.mediapipeline.model.heif.HeifPicture}); GIF, BMP and TIFF ask their ImageIO reader for the header only.
 */
public final class HeaderReader {

    private HeaderReader() {
    }

    /** Detects the format by content and reads the header. */
    public static ImageHeader read(ImageSource source) {
        MediaFormat format = MediaTypeDetector.detect(source.head(MediaTypeDetector.HEADER_BYTES));
        return read(source, format);
    }

    /**
     * Reads the header of a source whose format was detected by content.
     *
     * @throws UnsupportedImageException if the format is not an image we render
     * @throws CorruptImageException     if the header is malformed, truncated or declares an empty image
     */
    public static ImageHeader read(ImageSource source, MediaFormat format) {
        if (format == MediaFormat.EMPTY) {
            throw new UnsupportedImageException("the object is empty");
        }
        if (format.kind() != MediaKind.IMAGE) {
            throw new UnsupportedImageException("not an image: content detected as " + format.name());
        }
        if (!format.processable()) {
            throw new UnsupportedImageException(format.name() + " images are not supported");
        }
        ImageHeader header;
        if (format == MediaFormat.HEIF || format == MediaFormat.AVIF) {
            header = heif(source, format);
        } else {
            header = other(source, format);
        }
        if (header.width() < 1 || header.height() < 1) {
            throw new CorruptImageException(format.name() + " header declares an empty image ("
                    + header.width() + " x " + header.height() + ")");
        }
        return header;
    }

    private static ImageHeader other(ImageSource source, MediaFormat format) {
        ImageHeader header;
        try (ImageInputStream in = source.open()) {
            in.setByteOrder(ByteOrder.BIG_ENDIAN);
            header = switch (format) {
                case JPEG -> jpeg(in);
                case PNG -> png(in);
                case WEBP -> webp(in);
                default -> viaImageIo(in, format);
            };
        } catch (EOFException e) {
            throw new CorruptImageException(format.name() + " header is truncated", e);
        } catch (ImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptImageException(format.name() + " header cannot be read: " + message(e), e);
        }
        return header;
    }

    // ---------------------------------------------------------------- HEIF, AVIF

    /**
     * The primary image's size after the file's transforms (the decoder applies them, so orientation is 1 whatever
     * the EXIF says), alpha, ICC, bit depth, and how it is coded. Reads only the boxes before the media data.
     */
    private static ImageHeader heif(ImageSource source, MediaFormat format) {
        var picture = HeifDecoder.picture(source);
        var coded = picture.image();
        return new ImageHeader(format, picture.displayWidth(), picture.displayHeight(), ExifOrientation.TOP_LEFT,
                picture.alpha().isPresent(), ColorModelKind.YCBCR, picture.icc().isPresent(), picture.bitDepth(),
                picture.describe(), (long) coded.width() * coded.height());
    }

    // ---------------------------------------------------------------- JPEG

    private static ImageHeader jpeg(ImageInputStream in) throws IOException {
        if (in.readUnsignedShort() != 0xFFD8) {
            throw new CorruptImageException("JPEG does not start with SOI");
        }
        ExifOrientation orientation = ExifOrientation.TOP_LEFT;
        boolean exifSeen = false;
        boolean icc = false;
        int adobeTransform = -1;
        int sof = -1;
        int precision = 8;
        int width = 0;
        int height = 0;
        int components = 0;
        boolean rgbIds = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new CorruptImageException("JPEG header is truncated before the first scan");
            }
            if (b != 0xFF) {
                throw new CorruptImageException(String.format(Locale.ROOT,
                        "JPEG header is malformed: byte 0x%02X where a marker was expected", b));
            }
            int marker;
            do {
                marker = in.read();
            } while (marker == 0xFF);
            if (marker < 0) {
                throw new CorruptImageException("JPEG header is truncated before the first scan");
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // no length field
            }
            if (marker == 0xD9) {
                throw new CorruptImageException("JPEG ends (EOI) before any image data");
            }
            int length = in.readUnsignedShort();
            if (length < 2) {
                throw new CorruptImageException(String.format(Locale.ROOT, "JPEG marker 0x%02X has an invalid length %d", marker, length));
            }
            long start = in.getStreamPosition();
            long end = start + length - 2;
            if (marker == 0xE1 && !exifSeen && length - 2 >= 14) {
                byte[] id = new byte[6];
                in.readFully(id);
                if (id[0] == 'E' && id[1] == 'x' && id[2] == 'i' && id[3] == 'f' && id[4] == 0 && id[5] == 0) {
                    exifSeen = true;
                    orientation = TiffOrientation.read(in, start + 6, end);
                }
            } else if (marker == 0xE2 && length - 2 >= 14) {
                byte[] id = new byte[12];
                in.readFully(id);
                icc |= new String(id, 0, 11, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ICC_PROFILE");
            } else if (marker == 0xEE && length - 2 >= 12) {
                byte[] id = new byte[12];
                in.readFully(id);
                if (id[0] == 'A' && id[1] == 'd' && id[2] == 'o' && id[3] == 'b' && id[4] == 'e') {
                    adobeTransform = id[11] & 0xFF;
                }
            } else if (isSof(marker)) {
                if (sof >= 0) {
                    throw new CorruptImageException("JPEG has two frame headers");
                }
                sof = marker;
                precision = in.readUnsignedByte();
                height = in.readUnsignedShort();
                width = in.readUnsignedShort();
                components = in.readUnsignedByte();
                if (components == 3) {
                    int c1 = in.readUnsignedByte();
                    in.skipBytes(2);
                    int c2 = in.readUnsignedByte();
                    in.skipBytes(2);
                    int c3 = in.readUnsignedByte();
                    rgbIds = c1 == 'R' && c2 == 'G' && c3 == 'B';
                }
            } else if (marker == 0xDA) {
                if (sof < 0) {
                    throw new CorruptImageException("JPEG scan starts before the frame header");
                }
                break;
            }
            in.seek(end);
        }
        if (height == 0 && width > 0) {
            // height 0 means "defined by a DNL marker after the first scan": legal, practically unused, undecodable here
            throw new CorruptImageException("JPEG frame header declares height 0 (DNL) with width " + width);
        }
        ColorModelKind color = switch (components) {
            case 1 -> ColorModelKind.GRAY;
            case 3 -> adobeTransform == 0 || rgbIds ? ColorModelKind.RGB : ColorModelKind.YCBCR;
            case 4 -> adobeTransform == 2 ? ColorModelKind.YCCK : ColorModelKind.CMYK;
            default -> ColorModelKind.OTHER;
        };
        String encoding = switch (sof) {
            case 0xC0 -> "baseline";
            case 0xC1 -> "extended";
            case 0xC2 -> "progressive";
            case 0xC3 -> "lossless";
            case 0xC9, 0xCA, 0xCB -> "arithmetic";
            default -> "hierarchical";
        };
        return new ImageHeader(MediaFormat.JPEG, width, height, orientation, false, color, icc, precision, encoding);
    }

    private static boolean isSof(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    // ---------------------------------------------------------------- PNG

    private static final int MAX_PNG_CHUNKS = 100_000;

    private static ImageHeader png(ImageInputStream in) throws IOException {
        in.skipBytes(8); // signature, checked by detection
        long firstLength = in.readUnsignedInt();
        int firstType = in.readInt();
        if (firstType != chunk("IHDR") || firstLength != 13) {
            throw new CorruptImageException("PNG does not start with a valid IHDR chunk");
        }
        long width = in.readUnsignedInt();
        long height = in.readUnsignedInt();
        int bitDepth = in.readUnsignedByte();
        int colorType = in.readUnsignedByte();
        in.skipBytes(2);
        int interlace = in.readUnsignedByte();
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new CorruptImageException("PNG declares an impossible size " + width + " x " + height);
        }
        in.skipBytes(4); // CRC
        boolean trns = false;
        boolean icc = false;
        ExifOrientation orientation = ExifOrientation.TOP_LEFT;
        long length = in.length();
        for (int i = 0; i < MAX_PNG_CHUNKS; i++) {
            long start = in.getStreamPosition();
            if (length >= 0 && start + 8 > length) {
                break; // truncation is the decoder's to report
            }
            long chunkLength = in.readUnsignedInt();
            int type = in.readInt();
            if (type == chunk("IEND")) {
                break;
            } else if (type == chunk("tRNS")) {
                trns = true;
            } else if (type == chunk("iCCP")) {
                icc = true;
            } else if (type == chunk("eXIf")) {
                orientation = TiffOrientation.read(in, start + 8, start + 8 + chunkLength);
            }
            in.seek(start + 12 + chunkLength);
        }
        ColorModelKind color = switch (colorType) {
            case 0, 4 -> ColorModelKind.GRAY;
            case 2, 6 -> ColorModelKind.RGB;
            case 3 -> ColorModelKind.INDEXED;
            default -> throw new CorruptImageException("PNG declares an invalid colour type " + colorType);
        };
        boolean alpha = colorType == 4 || colorType == 6 || trns;
        String encoding = (colorType == 3 ? "palette" : "truecolour") + (interlace == 1 ? " interlaced" : "");
        return new ImageHeader(MediaFormat.PNG, (int) width, (int) height, orientation, alpha, color, icc, bitDepth, encoding);
    }

    private static int chunk(String fourCc) {
        return fourCc.charAt(0) << 24 | fourCc.charAt(1) << 16 | fourCc.charAt(2) << 8 | fourCc.charAt(3);
    }

    // ---------------------------------------------------------------- WebP

    private static ImageHeader webp(ImageInputStream in) throws IOException {
        in.setByteOrder(ByteOrder.LITTLE_ENDIAN);
        in.skipBytes(4); // RIFF
        long riffSize = in.readUnsignedInt();
        in.skipBytes(4); // WEBP
        long end = Math.min(8 + riffSize, in.length() >= 0 ? in.length() : Long.MAX_VALUE);
        int width = 0;
        int height = 0;
        boolean alpha = false;
        boolean icc = false;
        boolean vp8x = false;
        String encoding = "";
        ExifOrientation orientation = ExifOrientation.TOP_LEFT;
        for (int i = 0; i < 10_000; i++) {
            long start = in.getStreamPosition();
            if (start + 8 > end) {
                break;
            }
            int type = Integer.reverseBytes(in.readInt()); // fourCC in stream order
            long size = in.readUnsignedInt();
            if (type == chunk("VP8X")) {
                vp8x = true;
                int flags = in.readUnsignedByte();
                alpha = (flags & 0x10) != 0;
                icc = (flags & 0x20) != 0;
                in.skipBytes(3);
                width = read24(in) + 1;
                height = read24(in) + 1;
                if ((flags & 0x02) != 0) {
                    encoding = "animated";
                }
            } else if (type == chunk("VP8 ")) {
                in.skipBytes(3); // frame tag
                if (in.readUnsignedByte() != 0x9D || in.readUnsignedByte() != 0x01 || in.readUnsignedByte() != 0x2A) {
                    throw new CorruptImageException("WebP VP8 bitstream has no start code");
                }
                if (!vp8x) {
                    width = in.readUnsignedShort() & 0x3FFF;
                    height = in.readUnsignedShort() & 0x3FFF;
                }
                encoding = encoding.isEmpty() ? "lossy" : encoding;
            } else if (type == chunk("VP8L")) {
                if (in.readUnsignedByte() != 0x2F) {
                    throw new CorruptImageException("WebP VP8L bitstream has no signature");
                }
                long bits = in.readUnsignedInt();
                if (!vp8x) {
                    width = (int) (bits & 0x3FFF) + 1;
                    height = (int) ((bits >> 14) & 0x3FFF) + 1;
                    alpha = ((bits >> 28) & 1) != 0;
                }
                encoding = encoding.isEmpty() ? "lossless" : encoding;
            } else if (type == chunk("EXIF")) {
                long payload = start + 8;
                in.seek(payload);
                byte[] prefix = new byte[6];
                in.readFully(prefix);
                boolean exifPrefix = prefix[0] == 'E' && prefix[1] == 'x' && prefix[2] == 'i' && prefix[3] == 'f';
                orientation = TiffOrientation.read(in, exifPrefix ? payload + 6 : payload, payload + size);
            }
            in.seek(start + 8 + size + (size & 1));
        }
        return new ImageHeader(MediaFormat.WEBP, width, height, orientation, alpha, ColorModelKind.RGB, icc, 8, encoding);
    }

    private static int read24(ImageInputStream in) throws IOException {
        return in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
    }

    // ---------------------------------------------------------------- GIF, BMP, TIFF

    private static ImageHeader viaImageIo(ImageInputStream in, MediaFormat format) throws IOException {
        ImageReader reader = ImageIoPlugins.reader(format)
                .orElseThrow(() -> new UnsupportedImageException("no decoder for " + format.name() + " is installed"));
        try {
            // orientation first: the reader may discard what it has read (seek-forward-only input)
            ExifOrientation orientation = format == MediaFormat.TIFF
                    ? TiffOrientation.read(in, 0, in.length())
                    : ExifOrientation.TOP_LEFT;
            in.seek(0);
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type == null) {
                Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
                type = types.hasNext() ? types.next() : null;
            }
            ColorModel cm = type == null ? null : type.getColorModel();
            boolean alpha = cm != null && cm.hasAlpha();
            ColorModelKind color = cm == null ? ColorModelKind.OTHER
                    : cm instanceof IndexColorModel ? ColorModelKind.INDEXED
                    : switch (cm.getColorSpace().getType()) {
                        case ColorSpace.TYPE_GRAY -> ColorModelKind.GRAY;
                        case ColorSpace.TYPE_RGB -> ColorModelKind.RGB;
                        case ColorSpace.TYPE_CMYK -> ColorModelKind.CMYK;
                        default -> ColorModelKind.OTHER;
                    };
            int bits = cm == null ? 8 : cm.getComponentSize(0);
            return new ImageHeader(format, width, height, orientation, alpha, color, false, bits, "");
        } catch (IIOException e) {
            throw new CorruptImageException(format.name() + " header cannot be read: " + message(e), e);
        } finally {
            reader.dispose();
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
