package dev.mediapipeline.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Lanczos resampler's invariants. */
class ResamplerTest {

    static Pixels flat(int w, int h, int channels, int value) {
        Pixels p = Pixels.allocate(w, h, channels);
        Arrays.fill(p.data, (byte) value);
        return p;
    }

    @Nested
    class Weights {

        @Test
        void everyOutputPixelsWeightsSumToOne() {
            for (double scale : new double[] {1.0, 1.5, 2.08, 3.7, 9.0}) {
                int in = 1000;
                int out = (int) (in / scale);
                Resampler.Taps taps = Resampler.taps(in, out, 0, (double) in / out);
                for (int i = 0; i < out; i++) {
                    int sum = 0;
                    for (int k = 0; k < taps.count()[i]; k++) {
                        sum += taps.weights()[i * taps.stride() + k];
                    }
                    assertThat(sum).as("unity gain at output %d, scale %.2f", i, scale).isEqualTo(Resampler.ONE);
                    assertThat(taps.start()[i]).as("taps stay inside the input").isBetween(0, in - 1);
                    assertThat(taps.start()[i] + taps.count()[i]).isLessThanOrEqualTo(in);
                }
            }
        }

        @Test
        void kernelWidensWithTheReduction() {
            Resampler.Taps half = Resampler.taps(1000, 500, 0, 2.0);
            Resampler.Taps quarter = Resampler.taps(1000, 250, 0, 4.0);
            assertThat(quarter.count()[100]).as("4x reduction averages more input than 2x").isGreaterThan(half.count()[100]);
        }
    }

    @Nested
    class Images {

        @Test
        void flatImagesStayFlatInEveryLayout() {
            for (int channels : new int[] {1, 3, 4}) {
                Pixels out = Resampler.resample(flat(301, 203, channels, 77), 97, 61, 0, 301 / 97.0, 0, 203 / 61.0);
                assertThat(out.width + "x" + out.height).isEqualTo("97x61");
                for (byte b : out.data) {
                    assertThat(b & 0xFF).as("%d channels", channels).isEqualTo(77);
                }
            }
        }

        @Test
        void oneByOneSourceWorks() {
            Pixels out = Resampler.resample(flat(1, 1, 3, 200), 1, 1, 0, 1, 0, 1);
            assertThat(out.data).containsOnly((byte) 200);
        }

        @Test
        void premultipliedColourNeverExceedsAlpha() {
            Pixels p = Pixels.allocate(64, 1, 4);
            for (int x = 0; x < 64; x++) {
                int a = x < 32 ? 0 : 255;
                p.data[x * 4] = (byte) a;
                p.data[x * 4 + 1] = (byte) a;
                p.data[x * 4 + 2] = (byte) a;
                p.data[x * 4 + 3] = (byte) a;
            }
            Pixels out = Resampler.resample(p, 20, 1, 0, 3.2, 0, 1);
            for (int x = 0; x < 20; x++) {
                int a = out.data[x * 4] & 0xFF;
                for (int c = 1; c < 4; c++) {
                    assertThat(out.data[x * 4 + c] & 0xFF).as("colour <= alpha at %d (ringing clamped)", x).isLessThanOrEqualTo(a);
                }
            }
        }

        @Test
        void orientationMovesPixelsAsExifSays() {
            // 2x1 stored image: left pixel 10, right pixel 20; orientation 6 displays it rotated clockwise: 1x2, top = left
            Pixels stored = new Pixels(2, 1, 1, new byte[] {10, 20});
            Pixels upright = stored.oriented(ExifOrientation.RIGHT_TOP);
            assertThat(upright.width + "x" + upright.height).isEqualTo("1x2");
            assertThat(upright.data).containsExactly(10, 20);
            Pixels ccw = stored.oriented(ExifOrientation.LEFT_BOTTOM);
            assertThat(ccw.data).as("orientation 8: top is the stored right pixel").containsExactly(20, 10);
        }
    }
}
