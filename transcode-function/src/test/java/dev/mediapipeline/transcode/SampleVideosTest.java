package dev.mediapipeline.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed sample videos are what sample-media/video/README.md says they are. */
class SampleVideosTest {

    static final Path DIR = Path.of("..", "sample-media", "video");

    @Test
    void landscapeHasStereoAudio() {
        VideoProbe p = Prober.probe(DIR.resolve("landscape-640x360.mp4"));
        assertThat(p.width()).isEqualTo(640);
        assertThat(p.height()).isEqualTo(360);
        assertThat(p.rotation()).isZero();
        assertThat(p.audio()).hasValueSatisfying(a -> assertThat(a.channels()).isEqualTo(2));
    }

    @Test
    void portraitIsStoredSidewaysWithARotation() {
        VideoProbe p = Prober.probe(DIR.resolve("portrait-rotation-90.mov"));
        assertThat(p.codedWidth()).isEqualTo(640);
        assertThat(p.codedHeight()).isEqualTo(360);
        assertThat(p.rotation()).as("clockwise turn to show it upright").isEqualTo(90);
        assertThat(p.width()).isEqualTo(360);
        assertThat(p.height()).isEqualTo(640);
        assertThat(p.formatName()).contains("mov");
    }

    @Test
    void noAudioHasNoAudioTrack() {
        VideoProbe p = Prober.probe(DIR.resolve("no-audio-480x360.mp4"));
        assertThat(p.hasAudio()).isFalse();
        assertThat(p.frameRate().value()).isCloseTo(25, org.assertj.core.api.Assertions.within(0.3));
    }

    @Test
    void variableFrameRateHasIrregularFrameSpacing() {
        MediaFacts facts = MediaFacts.of(DIR.resolve("variable-frame-rate.mp4"));
        List<Long> pts = facts.video().packets().stream().map(MediaFacts.Packet::pts).sorted().toList();
        long distinctSpacings = java.util.stream.IntStream.range(1, pts.size()).mapToLong(i -> pts.get(i) - pts.get(i - 1))
                .distinct().count();
        assertThat(distinctSpacings).as("different frame durations").isGreaterThanOrEqualTo(3);
    }

    @Test
    void allSmall() throws Exception {
        long total = 0;
        try (var files = Files.list(DIR)) {
            for (Path f : files.filter(f -> !f.toString().endsWith(".md")).toList()) {
                assertThat(Files.size(f)).as(f + " stays a few hundred KB").isLessThan(400_000);
                total += Files.size(f);
            }
        }
        assertThat(total).isLessThan(1_500_000);
    }
}
