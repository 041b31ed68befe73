package dev.mediapipeline.image;

import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import javax.imageio.IIOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes any format an ImageIO reader handles (TwelveMonkeys for JPEG, including CMYK/YCCK with conversion to
 * RGB, and WebP; the JDK for PNG, GIF, BMP and TIFF), first image or frame only, using the reader's source
 * subsampling to bound memory: the frame is read at 1/s of its size by keeping every s-th pixel, centred in its
 * s×s cell. Subsampling keeps a margin ({@link RenderOptions#reductionGap()}) so the final Lanczos filter still
 * does most of the reduction.
 */
final class ImageIoDecoder implements ImageDecoder {

    @Override
    public String name() {
        return "imageio";
    }

    @Override
    public boolean supports(ImageHeader header) {
        return ImageIoPlugins.reader(header.format()).map(r -> {
            r.dispose();
            return true;
        }).orElse(false);
    }

    @Override
    public DecodedImage decode(ImageSource source, ImageHeader header, DecodeRequest request) throws IOException {
        String format = header.format().name();
        ImageReader reader = ImageIoPlugins.reader(header.format())
                .orElseThrow(() -> new UnsupportedImageException("no decoder for " + format + " is installed"));
        int s = request.preferredReduction();
        ReaderWarnings warnings = ReaderWarnings.attach(reader);
        try (ImageInputStream in = source.open()) {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            int phaseX = 0;
            int phaseY = 0;
            if (s > 1) {
                phaseX = Math.min((s - 1) / 2, header.width() - 1);
                phaseY = Math.min((s - 1) / 2, header.height() - 1);
                param.setSourceSubsampling(s, s, phaseX, phaseY);
            }
            BufferedImage image = reader.read(0, param);
            warnings.throwIfDataLost(format);
            if (image == null) {
                throw new CorruptImageException(format + " holds no image");
            }
            String method = name() + " " + reader.getClass().getSimpleName();
            int expectedW = AreaReducingRaster.ceilDiv(header.width() - phaseX, s);
            int expectedH = AreaReducingRaster.ceilDiv(header.height() - phaseY, s);
            if (image.getWidth() == expectedW && image.getHeight() == expectedH) {
                return new DecodedImage(image, phaseX + 0.5 - s / 2.0, phaseY + 0.5 - s / 2.0, s, s,
                        method + (s > 1 ? " subsample/" + s : ""), warnings.messages());
            }
            // a reader that ignores (or rounds) subsampling: take the geometry from what it returned
            return new DecodedImage(image, 0, 0, (double) header.width() / image.getWidth(),
                    (double) header.height() / image.getHeight(), method, warnings.messages());
        } catch (EOFException e) {
            throw new CorruptImageException(format + " data is truncated", e);
        } catch (IIOException e) {
            warnings.throwIfDataLost(format);
            if (e.getCause() instanceof EOFException) {
                throw new CorruptImageException(format + " data is truncated: " + causeMessage(e), e);
            }
            throw new CorruptImageException(format + " data cannot be decoded: " + causeMessage(e), e);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException
                 | NegativeArraySizeException | ArithmeticException | NullPointerException e) {
            // third-party readers signal some malformed streams with runtime exceptions
            throw new CorruptImageException(format + " data is malformed: " + HeaderReader.message(e), e);
        } finally {
            reader.dispose();
        }
    }

    private static String causeMessage(Throwable e) {
        StringBuilder sb = new StringBuilder(HeaderReader.message(e));
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            sb.append(" (").append(HeaderReader.message(cause)).append(')');
        }
        return sb.toString();
    }
}
