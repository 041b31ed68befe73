package dev.mediapipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's ffmpeg/ffprobe as the tests run them: stdout back, any error output a failure naming the command. */
class FfmpegCliTest {

    @BeforeEach
    void requireTools() {
        FfmpegCli.require();
    }

    @Test
    void returnsWhatTheToolPrinted(@TempDir Path dir) {
        Path clip = dir.resolve("tone.wav");
        FfmpegCli.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=8000:duration=0.5", clip.toString()), Duration.ofMinutes(1));
        String json = FfmpegCli.run(List.of("ffprobe", "-v", "error", "-print_format", "json", "-show_streams",
                clip.toString()), Duration.ofMinutes(1));
        assertThat(json).as("ffprobe's report of the clip ffmpeg made").contains("\"codec_type\": \"audio\"")
                .contains("\"sample_rate\": \"8000\"");
    }

    @Test
    void aFailureCarriesTheCommandAndItsErrorOutput(@TempDir Path dir) {
        String missing = dir.resolve("missing.mp4").toString();
        assertThatThrownBy(() -> FfmpegCli.run(List.of("ffprobe", "-v", "error", missing), Duration.ofMinutes(1)))
                .as("ffprobe on a missing file").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ffprobe -v error " + missing).hasMessageContaining("exited 1")
                .hasMessageContaining("No such file");
    }
}
