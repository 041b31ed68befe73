package dev.mediapipeline.image;

import dev.mediapipeline.image.ImageHeader.ColorModelKind;
import dev.mediapipeline.model.MediaFormat;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import javax.imageio.IIOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes 8-bit YCbCr, RGB and gray JPEGs (baseline or progressive) with the JDK's libjpeg-based reader into an
 * {@link AreaReducingRaster}: each full-resolution scanline is box-averaged into the reduced image as it is
 * decoded. Compared with ImageIO's source subsampling (which keeps every k-th pixel and aliases), this is a proper
 * anti-aliasing filter at the same cost, and the heap never holds the full-resolution frame.
 *
 * <p>An embedded ICC profile is honoured: pixels are decoded in the profile's space (the reader is given a
 * destination in that space, so it does not convert row by row) and the small reduced image is converted to
 * sRGB afterwards.
 */
final class StreamingJpegDecoder implements ImageDecoder {

    private static final Set<String> ENCODINGS = Set.of("baseline", "extended", "progressive");

    @Override
    public String name() {
        return "jpeg-streaming";
    }

    @Override
    public boolean supports(ImageHeader header) {
        return header.format() == MediaFormat.JPEG
                && header.bitsPerSample() == 8
                && ENCODINGS.contains(header.encoding())
                && (header.color() == ColorModelKind.YCBCR || header.color() == ColorModelKind.RGB
                || header.color() == ColorModelKind.GRAY)
                && jdkReader().map(r -> {
                    r.dispose();
                    return true;
                }).orElse(false);
    }

    private static Optional<ImageReader> jdkReader() {
        return ImageIoPlugins.readerByProvider("jpeg", ImageIoPlugins.JDK_JPEG_READER_SPI);
    }

    @Override
    public DecodedImage decode(ImageSource source, ImageHeader header, DecodeRequest request) throws IOException {
        ImageReader reader = jdkReader().orElseThrow(() -> new IllegalStateException("the JDK JPEG reader is not available"));
        int k = request.preferredReduction();
        ReaderWarnings warnings = ReaderWarnings.attach(reader);
        try (ImageInputStream in = source.open()) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width != header.width() || height != header.height()) {
                throw new CorruptImageException("JPEG decoder sees " + width + " x " + height + " but the header says "
                        + header.width() + " x " + header.height());
            }
            ColorSpace cs = decodeSpace(reader, header);
            int bands = cs.getNumComponents();
            AreaReducingRaster raster = new AreaReducingRaster(width, height, bands, k);
            ComponentColorModel cm = new ComponentColorModel(cs, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
            BufferedImage destination = new BufferedImage(cm, raster, false, null);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setDestination(destination);
            reader.read(0, param);
            warnings.throwIfDataLost("JPEG");
            if (!raster.complete()) {
                throw new CorruptImageException("JPEG decoder delivered " + raster.rowsReceived() + " of " + height + " rows");
            }
            BufferedImage reduced = toSrgb(raster, cs);
            return new DecodedImage(reduced, 0, 0, k, k, name() + " area/" + k, warnings.messages());
        } catch (IIOException e) {
            // libjpeg's fatal errors ("Bogus Huffman table definition", "Not a JPEG file"...)
            warnings.throwIfDataLost("JPEG");
            throw new CorruptImageException("JPEG data cannot be decoded: " + HeaderReader.message(e), e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * The colour space to decode in: gray for gray JPEGs; the embedded profile's space when there is a usable one
     * (the reader offers it among its image types), so no per-row conversion happens; sRGB otherwise.
     */
    private static ColorSpace decodeSpace(ImageReader reader, ImageHeader header) throws IOException {
        if (header.color() == ColorModelKind.GRAY) {
            return ColorSpace.getInstance(ColorSpace.CS_GRAY);
        }
        if (header.iccProfile()) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            while (types.hasNext()) {
                ColorSpace cs = types.next().getColorModel().getColorSpace();
                if (cs instanceof ICC_ColorSpace && cs.getType() == ColorSpace.TYPE_RGB && !cs.isCS_sRGB()) {
                    return cs;
                }
            }
        }
        return ColorSpace.getInstance(ColorSpace.CS_sRGB);
    }

    private static BufferedImage toSrgb(AreaReducingRaster raster, ColorSpace cs) {
        int w = raster.outWidth();
        int h = raster.outHeight();
        byte[] data = raster.reduced();
        if (cs.getNumComponents() == 1) {
            BufferedImage gray = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            System.arraycopy(data, 0, ((DataBufferByte) gray.getRaster().getDataBuffer()).getData(), 0, data.length);
            return gray;
        }
        if (cs.isCS_sRGB() || isSrgbProfile(cs)) {
            BufferedImage bgr = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            System.arraycopy(data, 0, ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData(), 0, data.length);
            return bgr;
        }
        BufferedImage profiled = Pixels.wrapReversed(data, w, h, cs);
        BufferedImage srgb = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        new ColorConvertOp(null).filter(profiled, srgb);
        return srgb;
    }

    private static boolean isSrgbProfile(ColorSpace cs) {
        return cs instanceof ICC_ColorSpace icc && com.twelvemonkeys.imageio.color.ColorProfiles.isCS_sRGB(icc.getProfile());
    }
}
