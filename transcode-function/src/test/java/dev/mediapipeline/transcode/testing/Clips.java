package dev.mediapipeline.transcode.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The generated clips the tests share, made once per build (under {@code target/test-clips}, so a clean build
 * regenerates them) and reused by every test class. Low resolution and low bitrate: the tests check structure,
 * timing and orientation, not picture quality.
 */
public final class Clips {

    private static final Path DIR = Path.of("target", "test-clips");
    private static final ConcurrentHashMap<String, Path> MADE = new ConcurrentHashMap<>();

    private Clips() {
    }

    /** 640x360 landscape, 8 s at 30 fps, stereo 48 kHz, one black second first. */
    public static Path landscape() {
        return make("landscape-640x360-8s-v1.mp4", () -> SyntheticVideo.video().size(640, 360).seconds(8).blackLead(1)
                .gopSeconds(2).videoKbps(400));
    }

    /** Coded 320x180 with a 90° display rotation (a phone held upright), mono 44.1 kHz audio. */
    public static Path portrait() {
        return make("portrait-320x180-rot90-4s-v1.mp4", () -> SyntheticVideo.video().size(320, 180).rotation(90)
                .seconds(4).audio(44_100, 1).videoKbps(200));
    }

    /** 4:3 320x240 at 25 fps, no audio track. */
    public static Path silent() {
        return make("silent-320x240-4s-v1.mp4", () -> SyntheticVideo.video().size(320, 240).fps(25, 1).seconds(4)
                .noAudio().videoKbps(200));
    }

    /** 320x180 with irregular frame spacing (variable frame rate), audio. */
    public static Path variableFrameRate() {
        return make("vfr-320x180-5s-v1.mp4", () -> SyntheticVideo.video().size(320, 180).seconds(5).variableFrameRate()
                .videoKbps(200));
    }

    /** MPEG-4 part 2 with B-frames (decode order differs from display order), odd size 322x182, audio. */
    public static Path bFrames() {
        return make("bframes-322x182-6s-v1.mp4", () -> SyntheticVideo.video().size(322, 182).seconds(6).withBFrames()
                .gopSeconds(1).videoKbps(300));
    }

    /** The segment-parallel clip: 30 s of 640x360 at 29.97 fps, keyframes every ~2 s, stereo 44.1 kHz. */
    public static Path thirtySeconds() {
        return make("parallel-640x360-30s-v1.mp4", () -> SyntheticVideo.video().size(640, 360).fps(30000, 1001)
                .seconds(30).audio(44_100, 2).gopSeconds(2).videoKbps(250).audioKbps(64));
    }

    public static Path make(String name, Supplier<SyntheticVideo> spec) {
        return MADE.computeIfAbsent(name, n -> {
            Path file = DIR.resolve(n);
            try {
                if (!Files.exists(file)) {
                    Path tmp = DIR.resolve(n + ".part.mp4");
                    spec.get().writeTo(tmp);
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
