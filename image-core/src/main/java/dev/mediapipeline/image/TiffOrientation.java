package dev.mediapipeline.image;

import java.io.IOException;
import java.nio.ByteOrder;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the Orientation tag (274) from the first IFD of a TIFF structure: the payload of a JPEG APP1 "Exif"
 * segment, a PNG eXIf chunk, a WebP EXIF chunk, or a TIFF file itself. Damaged or missing data means upright:
 * a broken EXIF block must never fail an otherwise good image.
 */
final class TiffOrientation {

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int MAX_ENTRIES = 1000;

    private TiffOrientation() {
    }

    /**
     * @param tiffStart stream position of the TIFF header ("II*\0" or "MM\0*")
     * @param limit     stream position the structure must not read past (exclusive), or -1 for the stream's end
     */
    static ExifOrientation read(ImageInputStream in, long tiffStart, long limit) {
        ByteOrder saved = in.getByteOrder();
        try {
            in.seek(tiffStart);
            int order = in.readUnsignedShort();
            if (order == 0x4949) {
                in.setByteOrder(ByteOrder.LITTLE_ENDIAN);
            } else if (order == 0x4D4D) {
                in.setByteOrder(ByteOrder.BIG_ENDIAN);
            } else {
                return ExifOrientation.TOP_LEFT;
            }
            if (in.readUnsignedShort() != 42) {
                return ExifOrientation.TOP_LEFT;
            }
            long ifd = in.readUnsignedInt();
            if (ifd < 8 || (limit >= 0 && tiffStart + ifd + 2 > limit)) {
                return ExifOrientation.TOP_LEFT;
            }
            in.seek(tiffStart + ifd);
            int entries = in.readUnsignedShort();
            for (int i = 0; i < Math.min(entries, MAX_ENTRIES); i++) {
                long entry = tiffStart + ifd + 2 + 12L * i;
                if (limit >= 0 && entry + 12 > limit) {
                    break;
                }
                in.seek(entry);
                int tag = in.readUnsignedShort();
                int type = in.readUnsignedShort();
                long count = in.readUnsignedInt();
                if (tag == ORIENTATION_TAG && count >= 1) {
                    int value = switch (type) {
                        case 3 -> in.readUnsignedShort(); // SHORT, the standard type
                        case 4 -> (int) Math.min(in.readUnsignedInt(), Integer.MAX_VALUE); // LONG, seen in the wild
                        case 1 -> in.readUnsignedByte(); // BYTE, seen in the wild
                        default -> 1;
                    };
                    return ExifOrientation.fromTag(value);
                }
            }
            return ExifOrientation.TOP_LEFT;
        } catch (IOException | RuntimeException e) {
            return ExifOrientation.TOP_LEFT;
        } finally {
            in.setByteOrder(saved);
        }
    }
}
