package dev.mediapipeline.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.image.samples.HeifWriter;
import dev.mediapipeline.image.samples.SampleImages;
import dev.mediapipeline.model.heif.ByteRanges;
import dev.mediapipeline.model.heif.HeifContainer;
import dev.mediapipeline.model.heif.HeifItem;
import dev.mediapipeline.model.heif.HeifProperty;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory: a 48-megapixel JPEG (generated here, never committed) renders every default profile in a fresh
 * JVM whose heap is capped at 256 MB, half of a 512 MB function, and whose whole resident memory stays under 450 MB.
 * A full decode alone would need 144 MB of pixels plus a copy; FFmpeg decodes at half size in native memory, and the
 * JDK fallback's streaming area-reducing decode never holds the full frame.
 */
class LargeImageMemoryTest {

    static final String HEAP = "-Xmx256m";
    @TempDir
    static Path dir;
    static Path jpeg;

    @BeforeAll
    static void generate() throws IOException {
        // 8000x6000 = 48 MP: a 4000x3000 photo-like tile, mirrored into four quadrants (detail everywhere)
        BufferedImage tile = SampleImages.photo(4000, 3000, 48);
        BufferedImage big = new BufferedImage(8000, 6000, BufferedImage.TYPE_3BYTE_BGR);
        var g = big.createGraphics();
        g.drawImage(tile, 0, 0, null);
        g.drawImage(tile, 8000, 0, -4000, 3000, null);
        g.drawImage(tile, 0, 6000, 4000, -3000, null);
        g.drawImage(tile, 8000, 6000, -4000, -3000, null);
        g.dispose();
        jpeg = dir.resolve("48mp.jpg");
        Files.write(jpeg, SampleImages.jpeg(big, 85));
    }

    static ProbeRun runProbe(String decoders, String... jvmArgs) throws IOException, InterruptedException {
        return runProbe(jpeg, decoders, jvmArgs);
    }

    static ProbeRun runProbe(Path image, String decoders, String... jvmArgs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(List.of(jvmArgs));
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MemoryProbe.class.getName());
        command.add(image.toString());
        command.add(decoders);
        Path output = dir.resolve("probe-" + System.nanoTime() + ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean done = process.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        return new ProbeRun(done ? process.exitValue() : -1, Files.readString(output, StandardCharsets.UTF_8));
    }

    record ProbeRun(int exitCode, String output) {
        String line(String prefix) {
            return output.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
        }
    }

    /**
     * 8000x6000 as a grid of 25 x 25 HEVC tiles of 320x240 (sample-media/heif/single.heic's picture, one copy of
     * the data referenced by every tile), turned by irot: each tile is reduced as it is placed, so the full-size
     * picture never exists.
     */
    static Path heicGrid() throws IOException {
        HeifContainer single = HeifContainer.read(ByteRanges.of(Files.readAllBytes(SampleMedia.path("heif/single.heic"))));
        HeifItem picture = single.primaryItem().orElseThrow();
        byte[] config = HeifWriter.box("hvcC", picture.property(HeifProperty.CodecConfig.class).orElseThrow().record());
        HeifWriter w = new HeifWriter("heic", "mif1", "heic");
        int grid = w.idatItem("grid", HeifWriter.grid(25, 25, 8000, 6000), false);
        int[] tiles = new int[625];
        tiles[0] = w.item("hvc1", single.itemData(picture, 1 << 20), true);
        for (int i = 1; i < tiles.length; i++) {
            tiles[i] = w.sharedItem("hvc1", tiles[0], true);
        }
        for (int tile : tiles) {
            w.property(tile, config, true).property(tile, HeifWriter.ispe(320, 240), false);
        }
        w.property(grid, HeifWriter.ispe(8000, 6000), false).property(grid, HeifWriter.irot(1), true);
        Path file = dir.resolve("48mp.heic");
        Files.write(file, w.reference("dimg", grid, tiles).primary(grid).write());
        return file;
    }

    @Nested
    class FortyEightMegapixelHeic {

        @Test
        void rendersEveryProfileWithinA256MbHeap(@TempDir Path javacpp) throws Exception {
            ProbeRun run = runProbe(heicGrid(), "default", HEAP, "-XX:+UseSerialGC", "-Dorg.bytedeco.javacpp.cachedir=" + javacpp);

            assertThat(run.exitCode()).as("the probe JVM finished normally:%n%s", run.output()).isZero();
            assertThat(run.line("renditions ")).as("every profile at its size, upright (irot 90)")
                    .isEqualTo("renditions phone 640x853, tablet 1280x1707, desktop 1920x2560, square 256x256");
            assertThat(run.line("decoded ")).as("tiles reduced as they are placed")
                    .startsWith("decoded ffmpeg-heif hevc grid 25x25 of 320x240, irot 90, area/");
            long peak = Long.parseLong(run.line("peakHeapBytes ").substring("peakHeapBytes ".length()));
            assertThat(peak).as("peak heap in use (%s)", run.line("timings ")).isLessThan(256L << 20);
            System.out.println("48 MP HEIC in " + HEAP + ": " + run.line("peakHeapBytes ") + "; " + run.line("peakRssKb ")
                    + "; " + run.line("decoded ") + "; " + run.line("timings "));
        }
    }

    @Nested
    class FortyEightMegapixels {

        @Test
        void rendersEveryProfileWithinA256MbHeap(@TempDir Path javacpp) throws Exception {
            ProbeRun run = runProbe("default", HEAP, "-XX:+UseSerialGC", "-Dorg.bytedeco.javacpp.cachedir=" + javacpp);

            assertThat(run.exitCode()).as("the probe JVM finished normally:%n%s", run.output()).isZero();
            assertThat(run.line("renditions ")).as("every profile at its size")
                    .isEqualTo("renditions phone 640x480, tablet 1280x960, desktop 1920x1440, square 256x256");
            assertThat(run.line("decoded ")).as("reduced while decoding, by FFmpeg in the DCT domain (native memory)")
                    .startsWith("decoded ffmpeg-mjpeg dct/2 4000x3000");
            long peak = Long.parseLong(run.line("peakHeapBytes ").substring("peakHeapBytes ".length()));
            assertThat(peak).as("peak heap in use (%s)", run.line("timings ")).isLessThan(256L << 20);
            long rss = Long.parseLong(run.line("peakRssKb ").substring("peakRssKb ".length()));
            assertThat(rss).as("peak RSS of the whole JVM, natives included (kB)").isLessThan(450L * 1024);
            System.out.println("48 MP in " + HEAP + ": " + run.line("peakHeapBytes ") + "; " + run.line("peakRssKb ") + "; "
                    + run.line("decoded ") + "; " + run.line("timings "));
        }

        @Test
        void withoutFfmpegTheStreamingDecoderAlsoFitsA256MbHeap() throws Exception {
            ProbeRun run = runProbe("jdk", HEAP, "-XX:+UseSerialGC");

            assertThat(run.exitCode()).as("the probe JVM finished normally:%n%s", run.output()).isZero();
            assertThat(run.line("renditions ")).as("every profile at its size")
                    .isEqualTo("renditions phone 640x480, tablet 1280x960, desktop 1920x1440, square 256x256");
            assertThat(run.line("decoded ")).as("reduced while decoding").startsWith("decoded jpeg-streaming area/2 4000x3000");
            long peak = Long.parseLong(run.line("peakHeapBytes ").substring("peakHeapBytes ".length()));
            assertThat(peak).as("peak heap in use (%s)", run.line("timings ")).isLessThan(256L << 20);
        }
    }
}
