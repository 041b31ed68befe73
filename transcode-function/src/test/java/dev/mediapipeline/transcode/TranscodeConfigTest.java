package dev.mediapipeline.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediapipeline.model.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TranscodeConfigTest {

    static final Map<String, String> REQUIRED = Map.of("UPLOAD_BUCKET", "u", "RENDITIONS_BUCKET", "r", "WORK_BUCKET", "w");

    @Test
    void defaults() {
        TranscodeConfig c = TranscodeConfig.from(new Config(REQUIRED));
        assertThat(c.ladder().spec()).isEqualTo("1080p:5000k,720p:2800k,480p:1400k,360p:800k");
        assertThat(c.segmentSeconds()).isEqualTo(6);
        assertThat(c.chunkSegments()).as("60 s chunks").isEqualTo(10);
        assertThat(c.parallelAboveSeconds()).isEqualTo(90);
        assertThat(c.limits()).isEqualTo(VideoLimits.DEFAULTS);
        assertThat(c.posterProfiles().names()).contains("phone", "square");
        assertThat(c.workDir().toString()).isEqualTo(System.getProperty("java.io.tmpdir"));
    }

    @Test
    void chunksAreRoundedUpToWholeSegments() {
        Map<String, String> env = new java.util.HashMap<>(REQUIRED);
        env.put("HLS_SEGMENT_SECONDS", "4");
        env.put("CHUNK_SECONDS", "30");
        assertThat(TranscodeConfig.from(new Config(env)).chunkSegments()).isEqualTo(8);
    }

    @Test
    void failuresNameTheVariable() {
        assertThatThrownBy(() -> TranscodeConfig.from(new Config(Map.of("UPLOAD_BUCKET", "u", "RENDITIONS_BUCKET", "r"))))
                .hasMessageContaining("WORK_BUCKET");
        Map<String, String> env = new java.util.HashMap<>(REQUIRED);
        env.put("VIDEO_LADDER", "720p");
        assertThatThrownBy(() -> TranscodeConfig.from(new Config(env))).hasMessageContaining("VIDEO_LADDER");
        env.put("VIDEO_LADDER", "720p:2000k");
        env.put("HLS_SEGMENT_SECONDS", "30");
        assertThatThrownBy(() -> TranscodeConfig.from(new Config(env))).hasMessageContaining("HLS_SEGMENT_SECONDS");
    }
}
