package dev.mediapipeline.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkSplitterTest {

    /** 120 s at 30 fps, 6 s segments, 10 per chunk: chunks start at 0, 60 and 120 s... two chunks here. */
    final FrameGrid grid = new FrameGrid(Rational.of(30, 1), 3600, 6, 10);

    @Test
    void chunksStartAtTheLastKeyframeBeforeThem() {
        List<Double> keys = List.of(0.0, 2.5, 58.0, 61.0);
        assertThat(ChunkSplitter.lastAtOrBefore(keys, 60)).isEqualTo(58.0);
        assertThat(ChunkSplitter.firstAtOrAfter(keys, 60)).isEqualTo(61.0);
        assertThat(ChunkSplitter.firstAtOrAfter(keys, 62)).isNaN();
        assertThat(ChunkSplitter.keyframesDenseEnough(keys, grid)).isTrue();
    }

    @Test
    void aSingleKeyframeAtTheStartIsTooSparseToCut() {
        FrameGrid tenMinutes = new FrameGrid(Rational.of(30, 1), 18_000, 6, 10);
        assertThat(ChunkSplitter.keyframesDenseEnough(List.of(0.0), tenMinutes)).isFalse();
        assertThat(ChunkSplitter.keyframesDenseEnough(List.of(), tenMinutes)).isFalse();
    }

    @Test
    void theShiftKeepsChunkTimestampsPositiveAndIsUndoneExactly() {
        var tb = Av.q(1, 90_000);
        double origin = 1.25;
        long shift = ChunkSplitter.shiftTicks(origin, tb);
        // a source frame at 3.5 s on the container clock is at 2.25 s of output time
        long chunkPts = Math.round(3.5 * 90_000) + shift;
        assertThat(Av.seconds(chunkPts, tb) - ChunkSplitter.timeOffset(origin, tb)).isEqualTo(2.25);
        assertThat(Av.seconds(Math.round(1.2 * 90_000) + shift, tb)).as("B-frame decode times before the origin stay positive")
                .isPositive();
    }
}
