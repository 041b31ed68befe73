package dev.mediapipeline.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutputTimingTest {

    static VideoProbe probe(Rational declared) {
        return probe(declared, Rational.of(0, 1));
    }

    static VideoProbe probe(Rational declared, Rational base) {
        return new VideoProbe("mov", 10, 0, 0, "h264", 640, 360, Rational.of(1, 1), 0, false, 640, 360, declared, base,
                "yuv420p", Optional.empty());
    }

    static SourceScan scan(long packets, double seconds) {
        return new SourceScan(0, List.of(0.0), 0, seconds, packets, Double.NaN, Double.NaN);
    }

    @Test
    void keepsBroadcastRatesExactly() {
        assertThat(OutputTiming.frameRate(probe(Rational.of(30000, 1001)), scan(300, 10.01), 60)).isEqualTo(Rational.of(30000, 1001));
        assertThat(OutputTiming.frameRate(probe(Rational.of(25, 1)), scan(250, 10), 60)).isEqualTo(Rational.of(25, 1));
    }

    @Test
    void thePacketsWinOverAnAverageThatLeavesOutTheLastFrame() {
        // MP4: 900 frames at 30000/1001, average declared over 899 frame durations = 30.003; base rate exact
        assertThat(OutputTiming.frameRate(probe(Rational.of(27_000_000, 899_899), Rational.of(30000, 1001)), scan(900, 30.03), 60))
                .isEqualTo(Rational.of(30000, 1001));
    }

    @Test
    void snapsAPhonesVariableRate() {
        // a declared average of 29.6 is within 2 % of 30000/1001 (the closest), 30.3 of 30
        assertThat(OutputTiming.frameRate(probe(Rational.of(296, 10)), scan(296, 10), 60)).isEqualTo(Rational.of(30000, 1001));
        assertThat(OutputTiming.frameRate(probe(Rational.of(303, 10)), scan(303, 10), 60)).isEqualTo(Rational.of(30, 1));
        // far from any broadcast rate: whole frames per second
        assertThat(OutputTiming.frameRate(probe(Rational.of(0, 1)), scan(286, 10), 60)).isEqualTo(Rational.of(29, 1));
    }

    @Test
    void trustsThePacketsWhenTheDeclarationIsWrong() {
        assertThat(OutputTiming.frameRate(probe(Rational.of(90000, 1)), scan(250, 10), 60)).isEqualTo(Rational.of(25, 1));
        assertThat(OutputTiming.frameRate(probe(Rational.of(0, 1)), scan(150, 10), 60)).isEqualTo(Rational.of(15, 1));
    }

    @Test
    void decimatesHighFrameRatesByWholeFactors() {
        assertThat(OutputTiming.frameRate(probe(Rational.of(120, 1)), scan(1200, 10), 60)).isEqualTo(Rational.of(60, 1));
        assertThat(OutputTiming.frameRate(probe(Rational.of(240, 1)), scan(2400, 10), 60)).isEqualTo(Rational.of(60, 1));
        assertThat(OutputTiming.frameRate(probe(Rational.of(100, 1)), scan(1000, 10), 60)).isEqualTo(Rational.of(50, 1));
        assertThat(OutputTiming.frameRate(probe(Rational.of(60, 1)), scan(600, 10), 30)).isEqualTo(Rational.of(30, 1));
    }

    @Test
    void framesCoverTheVideoToTheEndOfItsLastFrame() {
        assertThat(OutputTiming.frames(scan(150, 5.0), Rational.of(30, 1))).isEqualTo(150);
        assertThat(OutputTiming.frames(scan(1, 0.04), Rational.of(25, 1))).isEqualTo(1);
    }
}
