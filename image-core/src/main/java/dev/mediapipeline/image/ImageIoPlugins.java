package dev.mediapipeline.image;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import dev.mediapipeline.model.MediaFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
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

    /**
     * The preferred reader for a format: TwelveMonkeys' where it has one, then the JDK's, then any other (so an
     * extra plugin on the class path, such as a test-scope WebP library, never changes which decoder runs).
     */
    static Optional<ImageReader> reader(MediaFormat format) {
        List<ImageReader> candidates = new ArrayList<>();
        ImageIO.getImageReadersByMIMEType(format.mimeType()).forEachRemaining(candidates::add);
        if (candidates.isEmpty()) {
            ImageIO.getImageReadersByFormatName(format.extension()).forEachRemaining(candidates::add);
        }
        candidates.sort(Comparator.comparingInt(ImageIoPlugins::preference));
        for (int i = 1; i < candidates.size(); i++) {
            candidates.get(i).dispose();
        }
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.getFirst());
    }

    private static int preference(ImageReader reader) {
        String name = reader.getClass().getName();
        return name.startsWith("com.twelvemonkeys.") ? 0 : name.startsWith("com.sun.") ? 1 : 2;
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
}
