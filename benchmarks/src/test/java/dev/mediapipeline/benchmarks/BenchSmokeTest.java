package dev.mediapipeline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness runs end to end on one tiny input: the Java sides in their worker JVMs, the SSIM scoring
 * (against the Java Lanczos reference, so no ImageMagick is needed), the cold-start probe and the report. It checks
 * what the report says, never how fast anything was: benchmarks print figures, they do not fail builds on speed.
 */
class BenchSmokeTest {

    @Test
    void runsEveryJavaSideOnATinyInputAndWritesTheReport(@TempDir Path work) throws Exception {
        Path results = work.resolve("RESULTS.md");
        Bench.main(new String[] {
            "--work", work.toString(), "--results", results.toString(),
            "--images12", "1", "--images48", "0", "--size12", "1600x1200", "--quality-images", "1",
            "--sides", "ours,ours-jdk,naive,thumbnailator", "--reference", "java", "--pin", "none",
            "--warmup", "0", "--cold-start", "1", "--gen-threads", "1", "--sample", sampleImage().toString(),
            "--runtime", "off", "--video", "off"});

        String report = Files.readString(results);
        assertThat(report).as("machine facts").contains("| JDK |").contains("| JDK's JPEG codec (ImageIO) |")
                .contains("| FFmpeg (ours, JavaCPP presets) | 7.1");
        assertThat(report).as("the thumbnail table").contains("### 1 JPEG at 2 MP (1600x1200)");
        for (String side : List.of("**ours**", "ours-jdk", "naive", "thumbnailator")) {
            assertThat(report).as("a row for %s", side).containsPattern("\\n\\| " + Pattern.quote(side) + " \\| \\d+ \\| \\d+ \\|");
        }
        assertThat(report).as("no side failed").doesNotContain("failed:");
        assertThat(ssim(report, "\\*\\*ours\\*\\*")).as("ours' SSIM per profile and at 768/320 px")
                .hasSize(6).allSatisfy(v -> assertThat(v).isBetween(0.9, 1.0));
        assertThat(ssim(report, "naive")).hasSize(6).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
        assertThat(report).as("stage timings of ours").contains("| ours | ffmpeg-mjpeg");
        assertThat(report).as("cold start rows").contains("| ours, natives not yet extracted (new sandbox), loaded on first use |")
                .contains("| ours without FFmpeg (JDK decoders) |");
        assertThat(report).as("the local-runtime parts say they were not measured").contains("Not measured in this run");
        assertThat(report).as("the video part, switched off and not in an earlier file").contains("## Video\n\nNot measured yet");
        assertThat(work.resolve("inputs").resolve("photo12mp-01.jpg")).as("the generated input, in the work directory").isRegularFile();
    }

    /** The six SSIM cells of a side's row (4 profiles, 768 px, 320 px). */
    private static List<Double> ssim(String report, String side) {
        Matcher m = Pattern.compile("\\n\\| " + side + " \\|([^\\n]*)\\|\\n").matcher(report);
        assertThat(m.find()).as("row of %s in%n%s", side, report).isTrue();
        String[] cells = m.group(1).split("\\|");
        // side | wall | cpu | ratio wall | ratio cpu | rss | 4 x SSIM | 768 | 320 | KB
        return java.util.Arrays.stream(cells, 5, 11).map(String::trim).map(Double::parseDouble).toList();
    }

    private static Path sampleImage() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("sample-media").resolve("landscape.jpg");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("sample-media/landscape.jpg not found");
    }
}
