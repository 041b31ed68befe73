package dev.mediapipeline.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import javax.imageio.stream.ImageInputStream;

/**
 * Encoded image bytes, readable more than once (the header is read first, then the pixels): held in memory, or in
 * a file for sources too large to hold on the heap.
 */
public sealed interface ImageSource permits ImageSource.Bytes, ImageSource.File {

    /** A fresh stream positioned at the first byte. The caller closes it. */
    ImageInputStream open() throws IOException;

    /** Size in bytes. */
    long length();

    /** Up to {@code n} leading bytes (fewer if the source is shorter). */
    byte[] head(int n);

    /** Random access to the bytes (HEIF/AVIF items are read where their location says). */
    default dev.mediapipeline.model.heif.ByteRanges ranges() {
        return switch (this) {
            case Bytes b -> dev.mediapipeline.model.heif.ByteRanges.of(b.bytes());
            case File f -> new dev.mediapipeline.model.heif.ByteRanges() {
                @Override
                public long size() {
                    return f.length();
                }

                @Override
                public byte[] read(long offset, int length) {
                    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f.path())) {
                        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.max(0,
                                Math.min(length, ch.size() - offset)));
                        while (buffer.hasRemaining() && ch.read(buffer, offset + buffer.position()) >= 0) {
                            // keep reading until full or at the end
                        }
                        return Arrays.copyOf(buffer.array(), buffer.position());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        };
    }

    static ImageSource of(byte[] bytes) {
        return new Bytes(bytes);
    }

    static ImageSource of(Path file) {
        return new File(file);
    }

    /** An in-memory source (the array is not copied: do not modify it while the source is in use). */
    record Bytes(byte[] bytes) implements ImageSource {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public ImageInputStream open() {
            return new ByteArrayImageInputStream(bytes);
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public byte[] head(int n) {
            return Arrays.copyOf(bytes, Math.min(n, bytes.length));
        }

        @Override
        public String toString() {
            return "Bytes[" + bytes.length + " bytes]";
        }
    }

    /** A file source. */
    record File(Path path) implements ImageSource {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public ImageInputStream open() throws IOException {
            // the registered provider for files (TwelveMonkeys' buffered one when present), else the JDK's
            ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(path.toFile());
            return in != null ? in : new javax.imageio.stream.FileImageInputStream(path.toFile());
        }

        @Override
        public long length() {
            try {
                return Files.size(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public byte[] head(int n) {
            try (InputStream in = Files.newInputStream(path)) {
                return in.readNBytes(n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
