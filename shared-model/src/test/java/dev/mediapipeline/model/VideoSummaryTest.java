package dev.mediapipeline.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VideoSummaryTest {

    @Test
    void roundTripsThroughObjectMetadata() {
        VideoSummary s = new VideoSummary(30030, 1080, 1920, "30000/1001", "hevc", Optional.of("aac"),
                List.of("1080p", "720p"), "avc1.42c028,mp4a.40.2", "0123456789abcdef");
        Map<String, String> metadata = s.toUserMetadata();
        assertThat(metadata).containsEntry("duration-ms", "30030").containsEntry("codecs", "avc1.42c028,mp4a.40.2");
        assertThat(VideoSummary.fromUserMetadata(metadata)).contains(s);
    }

    @Test
    void withoutAudio() {
        VideoSummary s = new VideoSummary(4000, 320, 240, "25", "h264", Optional.empty(), List.of("240p"),
                "avc1.42c01e", "fedcba9876543210");
        VideoSummary back = VideoSummary.fromUserMetadata(s.toUserMetadata()).orElseThrow();
        assertThat(back.hasAudio()).isFalse();
        assertThat(back).isEqualTo(s);
    }

    @Test
    void otherMetadataIsNotASummary() {
        assertThat(VideoSummary.fromUserMetadata(Map.of("source-key", "x"))).isEmpty();
        assertThat(VideoSummary.fromUserMetadata(Map.of("duration-ms", "abc", "run-id", "r"))).isEmpty();
    }
}
