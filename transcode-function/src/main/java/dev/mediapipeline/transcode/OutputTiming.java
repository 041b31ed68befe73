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
     * The rate the frames actually come at: measured from the packets (frames over the span from the first to the
     * end of the last), and expressed exactly when the container's base rate ({@code r_frame_rate}) or declared
     * average agrees within 1 % (a constant 30000/1001 stays exact; MP4's average, which leaves out the last frame's
     * duration, is not trusted over the packets). Snapped to a broadcast rate within 2 % (a phone's variable 29.6
     * becomes 30000/1001), else rounded to whole frames per second; divided by a whole factor to stay at or under
     * {@code maxFps} (120 fps slow motion becomes 60).
     */
    static Rational frameRate(VideoProbe probe, SourceScan scan, int maxFps) {
        double measured = scan.measuredFrameRate();
        Rational exact = null;
        double candidate;
        if (Double.isNaN(measured)) {
            exact = valid(probe.frameRate()) ? probe.frameRate() : valid(probe.baseFrameRate()) ? probe.baseFrameRate() : null;
            candidate = exact == null ? 30 : exact.value();
        } else {
            candidate = measured;
            for (Rational declared : new Rational[] {probe.baseFrameRate(), probe.frameRate()}) {
                if (valid(declared) && Math.abs(declared.value() - measured) / measured < 0.01) {
                    exact = declared;
                    candidate = declared.value();
                    break;
                }
            }
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

    private static boolean valid(Rational r) {
        return r.num() > 0 && r.value() < 1000;
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
