package dev.mediapipeline.transcode;

import java.util.List;

/** Chooses the renditions' constant frame rate and frame count from what the source declares and what it holds. */
final class OutputTiming {

    private static final List<Rational> STANDARD = List.of(
            Rational.of(24000, 1001), Rational.of(24, 1), Rational.of(25, 1), Rational.of(30000, 1001),
            Rational.of(30, 1), Rational.of(48, 1), Rational.of(50, 1), Rational.of(60000, 1001), Rational.of(60, 1));

    private OutputTiming() {
    }

    /**
     * The declared average rate when the packets agree with it (within 10 %), else the measured one; snapped to a
     * broadcast rate within 2 % (29.97 stays 30000/1001, a phone's variable 29.6 becomes 30), else rounded to whole
     * frames per second; divided by a whole factor to stay at or under {@code maxFps} (120 fps slow motion → 60).
     */
    static Rational frameRate(VideoProbe probe, SourceScan scan, int maxFps) {
        double declared = probe.frameRate().num() > 0 ? probe.frameRate().value() : Double.NaN;
        double measured = scan.measuredFrameRate();
        double candidate;
        Rational exact = null;
        if (!Double.isNaN(declared) && declared < 1000
                && (Double.isNaN(measured) || Math.abs(declared - measured) / measured < 0.10)) {
            candidate = declared;
            exact = probe.frameRate();
        } else if (!Double.isNaN(measured)) {
            candidate = measured;
        } else {
            candidate = 30;
        }
        if (candidate > maxFps) {
            long factor = (long) Math.ceil(candidate / maxFps - 1e-9);
            candidate /= factor;
            exact = exact == null ? null : Rational.of(exact.num(), exact.den() * factor);
        }
        Rational snapped = snap(candidate);
        if (snapped != null) {
            return snapped;
        }
        if (exact != null && exact.den() <= 1001 && exact.value() >= 1) {
            return exact;
        }
        return Rational.of(Math.max(1, Math.min(maxFps, Math.round(candidate))), 1);
    }

    private static Rational snap(double fps) {
        Rational best = null;
        double bestError = 0.02;
        for (Rational r : STANDARD) {
            double error = Math.abs(fps - r.value()) / r.value();
            if (error < bestError) {
                best = r;
                bestError = error;
            }
        }
        return best;
    }

    /** Frames on the output grid covering the video from the origin to the end of its last frame. */
    static long frames(SourceScan scan, Rational fps) {
        return Math.max(1, Math.round(scan.videoEnd() * fps.value()));
    }
}
