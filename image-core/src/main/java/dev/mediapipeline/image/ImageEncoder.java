package dev.mediapipeline.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes renditions with the JDK's writers and no metadata at all (no EXIF, no GPS, no ICC, no timestamps): the
 * output depends only on the pixels and the quality, so the same input always gives the same bytes.
 */
final class ImageEncoder {

    private ImageEncoder() {
    }

    /** Progressive JPEG with optimised Huffman tables, 4:2:0 chroma, JFIF header only. */
    static byte[] jpeg(BufferedImage image, int quality) {
        ImageWriter writer = ImageIoPlugins.writer("jpeg", ImageIoPlugins.JDK_JPEG_WRITER_SPI);
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            if (param instanceof JPEGImageWriteParam jpeg) {
                jpeg.setOptimizeHuffmanTables(true);
            }
            return write(writer, image, param);
        } finally {
            writer.dispose();
        }
    }

    /** PNG, 8 bits per channel, with alpha if the image has it. */
    static byte[] png(BufferedImage image) {
        ImageWriter writer = ImageIoPlugins.writer("png", ImageIoPlugins.JDK_PNG_WRITER_SPI);
        try {
            return write(writer, image, writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, image.getWidth() * image.getHeight() / 4));
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding failed", e);
        }
        return bytes.toByteArray();
    }
}
