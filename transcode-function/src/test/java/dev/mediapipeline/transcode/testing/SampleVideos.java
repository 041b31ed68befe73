package dev.mediapipeline.transcode.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the committed sample videos of {@code sample-media/video/} (see its README). Pure Java through FFmpeg's
 * own encoders; no {@code ffmpeg} binary, no network. Deterministic for a given FFmpeg build.
 */
public final class SampleVideos {

    private SampleVideos() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "sample-media/video");
        SyntheticVideo.video().size(640, 360).seconds(5).blackLead(1).videoKbps(300).audioKbps(64)
                .writeTo(dir.resolve("landscape-640x360.mp4"));
        SyntheticVideo.video().size(640, 360).rotation(90).seconds(5).videoKbps(300).audio(44_100, 1).audioKbps(48)
                .format("mov").writeTo(dir.resolve("portrait-rotation-90.mov"));
        SyntheticVideo.video().size(480, 360).fps(25, 1).seconds(5).noAudio().videoKbps(250)
                .writeTo(dir.resolve("no-audio-480x360.mp4"));
        SyntheticVideo.video().size(480, 270).seconds(5).variableFrameRate().videoKbps(250).audioKbps(64)
                .writeTo(dir.resolve("variable-frame-rate.mp4"));
    }
}
