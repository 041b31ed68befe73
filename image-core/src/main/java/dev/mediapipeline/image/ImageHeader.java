package dev.mediapipeline.image;

import dev.mediapipeline.model.MediaFormat;
import java.util.Objects;

/**
 * What an image's header says, read without decoding a pixel.
 *
 * @param format      detected from the content
 * @param width       stored width in pixels (before EXIF orientation); for HEIF/AVIF, whose decoder applies the
 *                    file's own transforms, the size shown (after crop and rotation), with orientation 1
 * @param height      stored height in pixels
 * @param orientation from EXIF (JPEG APP1, PNG eXIf, WebP EXIF, TIFF IFD0); {@link ExifOrientation#TOP_LEFT} if absent
 * @param hasAlpha    the format declares transparency (an alpha channel, a transparent palette entry)
 * @param color       the stored colour model
 * @param iccProfile  an embedded ICC profile is present
 * @param bitsPerSample bits per sample (8 for most, 16 for deep PNG/TIFF, 12 for 12-bit JPEG)
 * @param encoding    format-specific detail: "baseline", "progressive", "lossless", "arithmetic", "palette"...
 * @param decodedPixels how many pixels the decoder must hold before cropping (a HEIF grid's full output, before
 *                    its clean aperture); {@link #pixels()} for every other format. Checked against the budget too.
 */
public record ImageHeader(MediaFormat format, int width, int height, ExifOrientation orientation, boolean hasAlpha,
                          ColorModelKind color, boolean iccProfile, int bitsPerSample, String encoding,
                          long decodedPixels) {

    public ImageHeader(MediaFormat format, int width, int height, ExifOrientation orientation, boolean hasAlpha,
                       ColorModelKind color, boolean iccProfile, int bitsPerSample, String encoding) {
        this(format, width, height, orientation, hasAlpha, color, iccProfile, bitsPerSample, encoding,
                (long) width * height);
    }

    /** The stored colour model of an image. */
    public enum ColorModelKind { GRAY, RGB, YCBCR, CMYK, YCCK, INDEXED, OTHER }

    public ImageHeader {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(orientation, "orientation");
        Objects.requireNonNull(color, "color");
        encoding = encoding == null ? "" : encoding;
    }

    public long pixels() {
        return (long) width * height;
    }

    public int uprightWidth() {
        return orientation.uprightWidth(width, height);
    }

    public int uprightHeight() {
        return orientation.uprightHeight(width, height);
    }

    @Override
    public String toString() {
        return format + " " + width + "x" + height + " " + color + (hasAlpha ? "+alpha" : "")
                + (iccProfile ? " icc" : "") + " " + bitsPerSample + "-bit"
                + (encoding.isEmpty() ? "" : " " + encoding) + " orientation " + orientation.tag();
    }
}
