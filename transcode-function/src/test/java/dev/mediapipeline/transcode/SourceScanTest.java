package dev.mediapipeline.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mediapipeline.transcode.testing.Clips;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SourceScanTest {

    @Test
    void theOriginIsTheFirstFrameNotTheAudioEncodersPriming() {
        Path clip = Clips.thirtySeconds();
        SourceScan scan = SourceScan.scan(clip, Prober.probe(clip));
        VideoProbe probe = Prober.probe(clip);
        Rational fps = OutputTiming.frameRate(probe, scan, 60);
        FrameGrid grid = new FrameGrid(fps, OutputTiming.frames(scan, fps), 2, 4);
        assertThat(fps).as("output rate").isEqualTo(Rational.of(30000, 1001));
        assertThat(grid.frames()).isEqualTo(900);
        assertThat(scan.videoStart()).isZero();
        assertThat(scan.audioStart()).as("AAC priming skipped by the container's edit list is not audio").isCloseTo(0, within(1e-3));
        assertThat(scan.videoEnd()).as("900 frames of 1001/30000 s").isCloseTo(30.03, within(1e-6));
        assertThat(scan.videoPackets()).isEqualTo(900);
        assertThat(scan.keyframes()).as("a keyframe every ~2 s").hasSizeBetween(15, 17).startsWith(0.0);
    }
}
