package dev.mediapipeline.index.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mediapipeline.aws.S3ObjectStore;
import dev.mediapipeline.index.state.AssetState.Analysis;
import dev.mediapipeline.index.state.AssetState.Outcome;
import dev.mediapipeline.model.DeviceProfiles;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.WriteOptions;
import dev.mediapipeline.testing.EmbeddedS3;
import dev.mediapipeline.testing.FfmpegCli;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Video fields read by libavformat over ranged GETs from a real S3 API, against ffprobe's report of the same files
 * (clips generated at test time by ffmpeg).
 */
class VideoMetadataTest {

    static final String BUCKET = "uploads";
    static EmbeddedS3 server;
    static S3Client client;
    static S3ObjectStore store;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        server = EmbeddedS3.start();
        server.createBucket(BUCKET);
        client = server.client();
        store = new S3ObjectStore(client);
    }

    /** Per test, so that a machine without the tools reports every test as skipped (or failed under CI=true). */
    @BeforeEach
    void requireTools() {
        FfmpegCli.require();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            client.close();
            server.close();
        }
    }

    static RangedObjectReader upload(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String key = "videos/" + file.getFileName();
        store.put(BUCKET, key, bytes, WriteOptions.of("application/octet-stream"));
        return new RangedObjectReader(store, BUCKET, key, bytes.length, RangedObjectReader.DEFAULT_BLOCK_SIZE, 32L << 20);
    }

    static Analysis analyze(RangedObjectReader reader) {
        return new MediaAnalyzer(store, DeviceProfiles.defaults(), false, 32L << 20, "IndexFunction").analyze(reader);
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Every field the index stores equals ffprobe's value; fields ffprobe does not report are absent. */
    static void assertMatchesFfprobe(Analysis a, Path file) {
        JsonNode probe = TestVideos.probe(file);
        JsonNode format = probe.path("format");
        JsonNode video = TestVideos.stream(probe, "video");
        JsonNode audio = TestVideos.stream(probe, "audio");
        Map<String, Object> m = a.metadata();

        assertThat(a.outcome()).isEqualTo(Outcome.PROCESSING);
        assertThat(m.get("container")).isEqualTo(format.path("format_name").asText());
        assertThat(m.get("durationSeconds")).isEqualTo(decimal(format.path("duration").asText(), 3));
        // libavformat derives the overall bitrate (7.1 here, 5.1 in Debian's ffprobe: they round differently)
        assertThat((Long) m.get("bitrate")).isCloseTo(Long.parseLong(format.path("bit_rate").asText()), org.assertj.core.api.Assertions.withinPercentage(1));
        assertThat(m.get("videoCodec")).isEqualTo(video.path("codec_name").asText());
        assertThat(m.get("width")).isEqualTo(video.path("width").asLong());
        assertThat(m.get("height")).isEqualTo(video.path("height").asLong());
        String[] rate = video.path("avg_frame_rate").asText().split("/");
        assertThat(m.get("frameRate")).isEqualTo(normalized(new BigDecimal(rate[0]).divide(new BigDecimal(rate[1]), 3, RoundingMode.HALF_EVEN)));
        long rotation = 0;
        for (JsonNode sd : video.path("side_data_list")) {
            if (sd.has("rotation")) {
                rotation = ((-sd.path("rotation").asLong()) % 360 + 360) % 360;
            }
        }
        assertThat(m.get("rotation")).isEqualTo(rotation);
        if (audio == null) {
            assertThat(m).doesNotContainKeys("audioCodec", "audioChannels", "audioSampleRate");
        } else {
            assertThat(m.get("audioCodec")).isEqualTo(audio.path("codec_name").asText());
            assertThat(m.get("audioChannels")).isEqualTo(audio.path("channels").asLong());
            assertThat(m.get("audioSampleRate")).isEqualTo(Long.parseLong(audio.path("sample_rate").asText()));
        }
    }

    static Object decimal(String s, int scale) {
        return normalized(new BigDecimal(s).setScale(scale, RoundingMode.HALF_EVEN));
    }

    static Object normalized(BigDecimal d) {
        return dev.mediapipeline.aws.MediaTable.normalizeNumber(d);
    }

    @Nested
    class AgainstFfprobe {
        @Test
        void mp4WithH264AndAacAndItsIndexAtTheEnd() throws IOException {
            Path mp4 = TestVideos.generate(dir, "clip.mp4", concat(TestVideos.videoSource("320x240", "25", 2), TestVideos.audioSource(2)),
                    List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-shortest"));
            Analysis a = analyze(upload(mp4));
            assertThat(a.format()).isEqualTo(MediaFormat.MP4);
            assertThat(a.expected()).containsExactly("hls/master", "thumbnails/desktop", "thumbnails/phone", "thumbnails/square", "thumbnails/tablet");
            assertMatchesFfprobe(a, mp4);
            assertThat(a.metadata()).containsEntry("width", 320L).containsEntry("frameRate", 25L).containsEntry("audioCodec", "aac");
        }

        @Test
        void faststartMp4AtNtscRate() throws IOException {
            Path mp4 = TestVideos.generate(dir, "ntsc.mp4", concat(TestVideos.videoSource("640x360", "30000/1001", 1.5), TestVideos.audioSource(1.5)),
                    List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart", "-shortest"));
            Analysis a = analyze(upload(mp4));
            assertMatchesFfprobe(a, mp4);
            assertThat(a.metadata()).containsEntry("frameRate", new BigDecimal("29.97"));
        }

        @Test
        void portraitQuickTimeWithRotationAndNoAudio() throws IOException {
            Path landscape = TestVideos.generate(dir, "landscape.mov", TestVideos.videoSource("320x180", "24", 1),
                    List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
            // a display matrix, as phones write for portrait recordings (ffmpeg 5.1 writes it on a stream copy)
            Path mov = TestVideos.generate(dir, "portrait.mov", List.of("-i", landscape.toString()),
                    List.of("-c", "copy", "-metadata:s:v:0", "rotate=90"));
            Analysis a = analyze(upload(mov));
            assertThat(a.format()).isEqualTo(MediaFormat.QUICKTIME);
            assertMatchesFfprobe(a, mov);
            assertThat(a.metadata().get("rotation")).as("a quarter turn").isIn(90L, 270L);
            assertThat(a.metadata()).containsEntry("width", 320L).containsEntry("displayWidth", 180L).containsEntry("displayHeight", 320L);
        }

        @Test
        void webmWithVp9AndOpus() throws IOException {
            Path webm = TestVideos.generate(dir, "clip.webm", concat(TestVideos.videoSource("160x120", "15", 1), TestVideos.audioSource(1)),
                    List.of("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k", "-c:a", "libopus", "-shortest"));
            Analysis a = analyze(upload(webm));
            assertThat(a.format()).isEqualTo(MediaFormat.WEBM);
            assertMatchesFfprobe(a, webm);
        }
    }

    @Nested
    class RangeReads {
        @Test
        void aVideoIsProbedWithoutDownloadingIt() throws IOException {
            Path mp4 = TestVideos.generate(dir, "long.mp4", TestVideos.videoSource("640x360", "25", 12),
                    List.of("-c:v", "libx264", "-preset", "ultrafast", "-b:v", "3M", "-pix_fmt", "yuv420p"));
            RangedObjectReader reader = upload(mp4);
            Analysis a = analyze(reader);
            assertMatchesFfprobe(a, mp4);
            assertThat(reader.size()).isGreaterThan(2_000_000);
            assertThat(reader.bytesFetched()).as("bytes fetched of %d", reader.size()).isLessThan(reader.size() / 4);
        }
    }

    @Nested
    class Natives {
        /** libavdevice needs ALSA, PulseAudio and X11 libraries, which the Lambda base image lacks: it must never load. */
        @Test
        void probingLoadsLibavformatButNeverLibavdevice() throws IOException {
            Path mp4 = TestVideos.generate(dir, "natives.mp4", TestVideos.videoSource("64x64", "10", 0.5),
                    List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
            analyze(upload(mp4));
            java.util.Set<String> loaded = org.bytedeco.javacpp.Loader.getLoadedLibraries().keySet();
            assertThat(loaded).as("loaded natives").anyMatch(l -> l.contains("avformat"));
            assertThat(loaded).as("loaded natives").noneMatch(l -> l.contains("avdevice") || l.contains("avfilter") || l.contains("postproc"));
        }
    }

    @Nested
    class BadInput {
        @Test
        void audioOnlyIsUnsupported() throws IOException {
            Path m4 = TestVideos.generate(dir, "voice.mp4", TestVideos.audioSource(1), List.of("-c:a", "aac", "-f", "mp4"));
            Analysis a = analyze(upload(m4));
            assertThat(a.outcome()).isEqualTo(Outcome.UNSUPPORTED);
            assertThat(a.reason()).startsWith("audio only");
        }

        @Test
        void aTruncatedMp4Fails() throws IOException {
            Path mp4 = TestVideos.generate(dir, "whole.mp4", TestVideos.videoSource("320x240", "25", 2),
                    List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
            byte[] bytes = Files.readAllBytes(mp4);
            Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
            Analysis a = analyze(upload(cut));
            assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.format()).isEqualTo(MediaFormat.MP4);
            assertThat(a.reason()).startsWith("unreadable video");
        }

        @Test
        void garbageBehindAVideoSignatureFails() throws IOException {
            byte[] fake = new byte[50_000];
            byte[] ftyp = "\0\0\0\u0018ftypisom\0\0\u0002\0isomiso2".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            System.arraycopy(ftyp, 0, fake, 0, ftyp.length);
            Arrays.fill(fake, ftyp.length, fake.length, (byte) 0x33);
            Analysis a = analyze(upload(Files.write(dir.resolve("fake.mp4"), fake)));
            assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.reason()).startsWith("unreadable video");
        }
    }
}
