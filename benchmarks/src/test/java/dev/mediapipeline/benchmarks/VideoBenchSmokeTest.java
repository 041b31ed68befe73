package dev.mediapipeline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.testing.FfmpegCli;
import dev.mediapipeline.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The video part of the benchmark runs end to end on a tiny generated clip (2 s at 640x360): ours and the
 * {@code ffmpeg} executable of our own natives, each in its own process, then segment-parallel mode through the
 * service with one worker; the image part is switched off and its section kept from the existing results file. It
 * checks what the report says, never how fast anything was.
 */
class VideoBenchSmokeTest {

    @Test
    void transcodesATinyClipBothWaysAndKeepsTheImageSectionOfTheEarlierRun(@TempDir Path work) throws Exception {
        Path results = work.resolve("RESULTS.md");
        String earlier = "<!-- section:images -->\n## Thumbnails\n\nMeasured at some earlier date.\n\n<!-- /section:images -->\n";
        Files.writeString(results, "# Benchmarks\n\n" + earlier);

        Bench.main(new String[] {
            "--work", work.toString(), "--results", results.toString(), "--images", "off",
            "--video-seconds", "2", "--video-size", "640x360", "--video-sides", "ours,cli-openh264",
            "--video-workers", "1", "--video-pin", "none", "--video-quality-seconds", "2"});

        String report = Files.readString(results);
        assertThat(report).as("the image part, switched off, keeps the earlier run's section").contains(earlier);
        assertThat(report).as("the video section").contains("<!-- section:video -->\n## Video\n\nMeasured ")
                .contains("`video-640x360-2s.mp4`, 2 s of 640x360").contains("<!-- /section:video -->");
        assertThat(report).as("no side failed").doesNotContain("failed").doesNotContain("(skipped:");
        assertThat(report).as("ours' row, its ratio to itself")
                .containsPattern("\\n\\| \\*\\*ours\\*\\* \\| libopenh264 \\| \\d+\\.\\d \\| \\d+\\.\\d \\| 1\\.00 / 1\\.00 \\| 1\\.00 \\|");
        assertThat(report).as("the CLI with the same encoder, with a ratio")
                .containsPattern("\\n\\| cli-openh264 \\| libopenh264 \\| \\d+\\.\\d \\| \\d+\\.\\d \\| \\d+\\.\\d\\d / \\d+\\.\\d\\d \\|");
        assertThat(report).as("segment-parallel mode with one worker (a 2 s clip is one chunk, encoded by the planner)")
                .containsPattern("\\n\\| 1 \\| \\d+ \\| 1 \\(too short to split: the planner encodes it\\) \\| \\d+\\.\\d \\|")
                .contains("The clip is too short to split");
        // the quality columns are measured with Debian's ffmpeg/ffprobe: without them that part of the test skips
        // here (the rest above has run) and fails under CI=true
        RequiredTools.require(Files.isExecutable(Path.of("/usr/bin/ffmpeg")) && Files.isExecutable(Path.of("/usr/bin/ffprobe")),
                "/usr/bin/ffmpeg and /usr/bin/ffprobe (the report's bitrate and SSIM columns)", FfmpegCli.HOW_TO_INSTALL);
        Matcher m = Pattern.compile("\\n\\| \\*\\*ours\\*\\* \\|(?:[^|\\n]*\\|){7} (\\d+) \\| (0\\.\\d+) \\|").matcher(report);
        assertThat(m.find()).as("ours' 360p bitrate and SSIM in%n%s", report).isTrue();
        assertThat(Double.parseDouble(m.group(1))).as("360p video kb/s (target 800)").isBetween(100.0, 4000.0);
        assertThat(Double.parseDouble(m.group(2))).as("360p SSIM against the scaled source").isBetween(0.5, 1.0);
    }
}
