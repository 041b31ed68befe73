package dev.mediapipeline.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.testing.FfmpegCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test videos made at test time with Debian's {@code ffmpeg}, and {@code ffprobe}'s independent report of what the
 * pipeline made (both through {@link FfmpegCli}): an FFmpeg build and code path other than the
 * functions' (FFmpeg 7.1 through JavaCV).
 */
public final class Videos {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Videos() {
    }

    /**
     * A test pattern with a moving element and, if {@code audio}, a 440 Hz tone at 48 kHz stereo; H.264 at a low
     * quality (small files), a keyframe every {@code gopSeconds}, the index ({@code moov}) first unless
     * {@code indexAtEnd}.
     */
    public static Path clip(Path dir, String name, int width, int height, int fps, double seconds, boolean audio,
                            double gopSeconds, boolean indexAtEnd) {
        Path out = dir.resolve(name);
        if (Files.exists(out)) {
            return out;
        }
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + fps + ":duration=" + seconds));
        if (audio) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds));
        }
        cmd.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-crf", "38", "-pix_fmt", "yuv420p",
                "-g", Long.toString(Math.round(gopSeconds * fps)), "-keyint_min", Long.toString(Math.round(gopSeconds * fps)),
                "-sc_threshold", "0"));
        if (audio) {
            cmd.addAll(List.of("-c:a", "aac", "-b:a", "64k", "-ac", "2", "-shortest"));
        }
        if (!indexAtEnd) {
            cmd.addAll(List.of("-movflags", "+faststart"));
        }
        cmd.add(out.toString());
        run(cmd);
        return out;
    }

    /** A few seconds of a tone in an MP4 (brand isom, like a phone's voice memo saved as .mp4): audio, no video. */
    public static Path audioOnly(Path dir, String name, double seconds) {
        Path out = dir.resolve(name);
        run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                "sine=frequency=330:sample_rate=44100:duration=" + seconds, "-c:a", "aac", "-f", "mp4", out.toString()));
        return out;
    }

    /** ffprobe's JSON report of a file, a URL or a local playlist: format and streams. */
    public static JsonNode probe(String input) {
        return json(run(List.of("ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", input)));
    }

    /** Decodes every frame of the video stream (ffprobe -count_frames): its width, height and nb_read_frames. */
    public static JsonNode decodeVideo(String input) {
        JsonNode report = json(run(List.of("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-print_format", "json", "-show_entries", "stream=codec_name,width,height,nb_read_frames", input)));
        return report.path("streams").path(0);
    }

    /** The packets of one stream ({@code v:0} or {@code a:0}) in presentation order of the demuxer: pts_time, duration_time. */
    public static JsonNode packets(String input, String stream) {
        return json(run(List.of("ffprobe", "-v", "error", "-select_streams", stream, "-print_format", "json",
                "-show_entries", "packet=pts_time,duration_time", input))).path("packets");
    }

    public static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode s : probe.path("streams")) {
            if (type.equals(s.path("codec_type").asText())) {
                return s;
            }
        }
        return null;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String run(List<String> cmd) {
        return FfmpegCli.run(cmd, Duration.ofMinutes(5));
    }
}
