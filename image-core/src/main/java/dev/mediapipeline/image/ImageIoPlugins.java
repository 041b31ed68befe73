package dev.mediapipeline.image;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import dev.mediapipeline.model.MediaFormat;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds ImageIO readers and writers. TwelveMonkeys' JPEG and WebP readers normally register themselves through
 * {@code META-INF/services} (merged by the shade plugin), but ImageIO scans the class path of whichever context
 * class loader first touches it: they are registered explicitly here too, so a function runtime with an unusual
 * class loader still finds them. The JDK's own JPEG reader and writer are picked by their provider's class name
 * where a path needs exactly them.
 */
final class ImageIoPlugins {

    private static final Logger LOG = LoggerFactory.getLogger(ImageIoPlugins.class);
    static final String JDK_JPEG_READER_SPI = "com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi";
    static final String JDK_JPEG_WRITER_SPI = "com.sun.imageio.plugins.jpeg.JPEGImageWriterSpi";
    static final String JDK_PNG_WRITER_SPI = "com.sun.imageio.plugins.png.PNGImageWriterSpi";

    static {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        register(registry, JPEGImageReaderSpi.class);
        register(registry, WebPImageReaderSpi.class);
    }

    private ImageIoPlugins() {
    }

    private static void register(IIORegistry registry, Class<? extends ImageReaderSpi> type) {
        if (registry.getServiceProviderByClass(type) == null) {
            try {
                registry.registerServiceProvider(type.getDeclaredConstructor().newInstance(), ImageReaderSpi.class);
                LOG.debug("registered {} explicitly (not found through META-INF/services)", type.getName());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot register " + type.getName(), e);
            }
        }
    }

    /** The preferred reader for a format (TwelveMonkeys' where it has one, the JDK's otherwise). */
    static Optional<ImageReader> reader(MediaFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mimeType());
        if (!readers.hasNext()) {
            readers = ImageIO.getImageReadersByFormatName(format.extension());
        }
        return readers.hasNext() ? Optional.of(readers.next()) : Optional.empty();
    }

    /** A reader whose provider is exactly the given class, if registered (e.g. the JDK's own JPEG reader). */
    static Optional<ImageReader> readerByProvider(String formatName, String providerClass) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (reader.getOriginatingProvider() != null
                    && reader.getOriginatingProvider().getClass().getName().equals(providerClass)) {
                return Optional.of(reader);
            }
        }
        return Optional.empty();
    }

    /** A writer for the format, the JDK's own if available (deterministic output, no extra wrapping). */
    static ImageWriter writer(String formatName, String preferredProvider) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(formatName);
        ImageWriter first = null;
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            if (writer.getOriginatingProvider() != null
                    && writer.getOriginatingProvider().getClass().getName().equals(preferredProvider)) {
                if (first != null) {
                    first.dispose();
                }
                return writer;
            }
            if (first == null) {
                first = writer;
            } else {
                writer.dispose();
            }
        }
        if (first == null) {
            throw new IllegalStateException("no ImageIO writer for " + formatName);
        }
        return first;
    }

    /** Forces the static registration; cheap after the first call. */
    static void ensureRegistered() {
        // class initialisation did the work
    }

    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // nothing useful to do
            }
        }
    }

}
