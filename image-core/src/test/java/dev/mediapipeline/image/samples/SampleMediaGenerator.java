package dev.mediapipeline.image.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the committed sample set of {@code sample-media/}. Deterministic: run it again and the files are
 * byte-identical (same JDK and libwebp). From the repository root, through {@link RegenerateSampleMediaTest}:
 *
 * <pre>
 * ./mvnw -q -pl image-core -am test -Dtest=RegenerateSampleMediaTest -Dsurefire.failIfNoSpecifiedTests=false -Dsample-media.regenerate=true
 * </pre>
 * (or run this class from an IDE with the target directory as its argument).
 */
public final class SampleMediaGenerator {

    private SampleMediaGenerator() {
    }

    /** Every committed sample: file name → bytes. */
    public static Map<String, byte[]> samples() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] landscape = SampleImages.photoJpeg(2400, 1600, 1, 82);
        files.put("landscape.jpg", landscape);
        files.put("portrait.jpg", SampleImages.photoJpeg(1080, 1440, 2, 82));
        // a phone photo held upright: pixels stored sideways (landscape), EXIF orientation 6 says "rotate 90° clockwise"
        files.put("portrait-exif-orientation-6.jpg", ExifWriter.withOrientation(
                SampleImages.jpeg(SampleImages.storedFor(SampleImages.photo(900, 1200, 3), 6), 82), 6));
        files.put("gps-tagged.jpg", ExifWriter.withGps(SampleImages.photoJpeg(800, 600, 4, 80), 1));
        files.put("cmyk.jpg", SampleImages.cmykJpeg());
        files.put("alpha.png", SampleImages.encode(SampleImages.alpha(600, 400), "png"));
        files.put("photo.webp", SampleImages.encode(SampleImages.photo(640, 480, 8), "webp"));
        files.put("tiny.jpg", SampleImages.photoJpeg(160, 120, 5, 85));
        files.put("corrupt.jpg", SampleImages.corruptJpeg(SampleImages.photoJpeg(320, 240, 6, 80)));
        files.put("truncated.jpg", SampleImages.truncated(SampleImages.photoJpeg(640, 480, 7, 80), 0.5));
        files.put("not-an-image.jpg", "This is a text file with a .jpg name.\n".getBytes(StandardCharsets.UTF_8));
        files.put("empty.jpg", new byte[0]);
        return files;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "sample-media");
        Files.createDirectories(dir);
        long total = 0;
        for (Map.Entry<String, byte[]> e : samples().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
            total += e.getValue().length;
            System.out.printf("%-36s %9d bytes%n", e.getKey(), e.getValue().length);
        }
        System.out.printf("%-36s %9d bytes%n", "total", total);
    }
}
