package dev.mediapipeline.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FrameGridTest {

    @Nested
    class WholeFrameRates {
        final FrameGrid grid = new FrameGrid(Rational.of(30, 1), 900, 6, 10);

        @Test
        void segmentsOfExactlySixSeconds() {
            assertThat(grid.segmentCount()).isEqualTo(5);
            assertThat(grid.segmentStart(1)).isEqualTo(180);
            assertThat(grid.segmentDuration(4)).isEqualTo(6.0);
            assertThat(grid.segmentOf(179)).isZero();
            assertThat(grid.segmentOf(180)).isEqualTo(1);
            assertThat(grid.chunkCount()).isEqualTo(1);
            assertThat(grid.pts90k(0)).isEqualTo(FrameGrid.PTS_OFFSET);
            assertThat(grid.pts90k(30)).isEqualTo(FrameGrid.PTS_OFFSET + 90_000);
        }
    }

    @Nested
    class NtscRates {
        final FrameGrid grid = new FrameGrid(Rational.of(30000, 1001), 900, 2, 4);

        @Test
        void segmentsStartOnTheFirstFrameAtOrAfterEachBoundary() {
            // 2 s = 59.94 frames: boundaries at frames 0, 60, 120, 180, 240 (ceil of 239.76), ...
            assertThat(grid.segmentStart(1)).isEqualTo(60);
            assertThat(grid.segmentStart(4)).isEqualTo(240);
            assertThat(grid.segmentStart(15)).isEqualTo(900);
            assertThat(grid.segmentCount()).as("900 frames = 30.03 s in 15 segments, the last one 60 frames").isEqualTo(15);
            assertThat(grid.segmentDuration(14)).isEqualTo(60 * 1001 / 30000.0);
            for (long n = 0; n < 900; n++) {
                long j = grid.segmentOf(n);
                assertThat(grid.segmentStart(j)).isLessThanOrEqualTo(n);
                assertThat(grid.segmentStart(j + 1)).isGreaterThan(n);
            }
        }

        @Test
        void chunksAreWholeSegments() {
            assertThat(grid.chunkCount()).isEqualTo(4);
            assertThat(grid.chunkStartFrame(1)).isEqualTo(grid.segmentStart(4));
            assertThat(grid.chunkEndFrame(3)).isEqualTo(900);
            long total = 0;
            for (int c = 0; c < grid.chunkCount(); c++) {
                total += grid.chunkEndFrame(c) - grid.chunkStartFrame(c);
            }
            assertThat(total).isEqualTo(900);
        }

        @Test
        void timestampsAre3003TicksApart() {
            assertThat(grid.pts90k(1) - grid.pts90k(0)).isEqualTo(3003);
            assertThat(grid.pts90k(899) - grid.pts90k(0)).isEqualTo(899L * 3003);
        }
    }

    @Nested
    class Film {
        @Test
        void timestampsRoundWithoutDrift() {
            FrameGrid grid = new FrameGrid(Rational.of(24000, 1001), 24_000, 6, 10);
            // 3753.75 ticks a frame: rounding per frame, never accumulating
            assertThat(grid.pts90k(4) - grid.pts90k(0)).isEqualTo(15015);
            assertThat(grid.pts90k(23_999) - grid.pts90k(0)).isEqualTo(Math.round(23_999 * 3753.75));
        }
    }
}
