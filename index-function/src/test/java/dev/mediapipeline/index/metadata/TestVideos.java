package dev.mediapipeline.index.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.testing.FfmpegCli;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Short clips generated at test time with Debian's ffmpeg ({@link FfmpegCli}), and ffprobe's report of them: an
 * FFmpeg build and code path independent of the index's (libavformat 7.1 through JavaCPP, over ranged reads).
 */
final class TestVideos {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestVideos() {
    }

    /** Runs ffmpeg with lavfi test sources; {@code args} are everything between the inputs and the output file. */
    static Path generate(Path dir, String name, List<String> inputs, List<String> args) {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y"));
        cmd.addAll(inputs);
        cmd.addAll(args);
        cmd.add(out.toString());
        run(cmd);
        return out;
    }

    static List<String> videoSource(String size, String rate, double seconds) {
        return List.of("-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=" + rate + ":duration=" + seconds);
    }

    static List<String> audioSource(double seconds) {
        return List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds);
    }

    /** ffprobe's JSON report: format and streams. */
    static JsonNode probe(Path file) {
        String json = run(List.of("ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", file.toString()));
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("ffprobe printed no JSON: " + json, e);
        }
    }

    static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode s : probe.path("streams")) {
            if (type.equals(s.path("codec_type").asText())) {
                return s;
            }
        }
        return null;
    }

    private static String run(List<String> cmd) {
        return FfmpegCli.run(cmd, Duration.ofMinutes(2));
    }
}
