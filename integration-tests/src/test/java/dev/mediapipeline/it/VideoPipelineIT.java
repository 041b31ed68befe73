package dev.mediapipeline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.it.harness.EmbeddedPipeline;
import dev.mediapipeline.it.harness.MediaApiClient;
import dev.mediapipeline.it.harness.Poll;
import dev.mediapipeline.it.harness.Project;
import dev.mediapipeline.it.harness.Videos;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.DeviceProfile;
import dev.mediapipeline.model.DeviceProfiles;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.VideoLadder;
import dev.mediapipeline.testing.FfmpegCli;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue 6 end to end on the local runtime: template.yaml's TranscodeFunction, IndexFunction, ThumbnailFunction and
 * media API, each in its own JVM, wired by the template (SNS fan-out of uploads, work-bucket task events, the
 * on-failure destination). Clips are generated at test time (ffmpeg, small and at a low bitrate); what the pipeline
 * made is checked with ffprobe, a different FFmpeg build than the functions'. The parallel threshold is lowered
 * (template parameters, as {@code ./run-local --parameter-overrides} does) so a 30 s clip is split into chunks,
 * while the 20 s clip is encoded in one invocation.
 */
class VideoPipelineIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Encoding 720p on a 2-core machine shared with other builds: generous, the test polls. */
    static final Duration ENCODING = Duration.ofMinutes(6);
    static final int PARALLEL_ABOVE_SECONDS = 25;
    static final int CHUNK_SECONDS = 12;
    static final Pattern CHUNK_ENCODED = Pattern.compile("chunk-(\\d{4}) of run ([0-9a-f]{16}) encoded in");

    static EmbeddedPipeline pipeline;
    static MediaApiClient api;
    static Path clips;

    @BeforeAll
    static void start() throws IOException {
        if (!FfmpegCli.present()) {
            return; // every test skips, or fails under CI=true (requireTools): nothing to start
        }
        clips = Files.createDirectories(Project.target("video-it"));
        pipeline = EmbeddedPipeline.start(EmbeddedPipeline.Options.named("video")
                .parameter("ParallelThresholdSeconds", Integer.toString(PARALLEL_ABOVE_SECONDS))
                .parameter("ChunkSeconds", Integer.toString(CHUNK_SECONDS)));
        api = new MediaApiClient(pipeline.apiUri());
    }

    /** Per test, so that a machine without the tools reports every test as skipped (or failed under CI=true). */
    @BeforeEach
    void requireTools() {
        FfmpegCli.require();
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    static String put(String key, Path file) {
        pipeline.s3().putObject(b -> b.bucket(pipeline.uploadBucket()).key(key).contentType("video/mp4"), RequestBody.fromFile(file));
        return AssetId.of(pipeline.uploadBucket(), key).value();
    }

    /** Polls the media API until the asset's status is {@code wanted}; fails early if it settles on another final one. */
    static JsonNode awaitStatus(String id, String wanted, Duration timeout) {
        List<String> seen = new ArrayList<>();
        return Poll.until("asset " + id + " " + wanted, timeout, () -> {
            MediaApiClient.Response r = api.get("/media/" + id);
            String status = r.status() == 404 ? "not indexed" : r.json() == null ? "HTTP " + r.status() : r.json().path("status").asText();
            if (seen.isEmpty() || !seen.getLast().equals(status)) {
                seen.add(status);
            }
            if (!status.equals(wanted) && Set.of("ready", "failed", "unsupported").contains(status)) {
                throw new AssertionError("asset " + id + " is " + status + ", expected " + wanted + ": " + r.text());
            }
            return status.equals(wanted) ? Optional.of(r.json()) : Optional.empty();
        }, () -> String.join(" → ", seen));
    }

    static byte[] download(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("GET %s", url).isEqualTo(200);
        return r.body();
    }

    static List<String> keys(String bucket, String prefix) {
        return pipeline.s3().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    static String workBucket() {
        return pipeline.bucket("WorkBucket");
    }

    /** {@code #EXT-X-STREAM-INF} attributes of a master playlist, by the URI that follows them. */
    static Map<String, Map<String, String>> variants(String master) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        String[] lines = master.split("\n");
        Pattern attribute = Pattern.compile("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].startsWith("#EXT-X-STREAM-INF:")) {
                Map<String, String> attrs = new HashMap<>();
                Matcher m = attribute.matcher(lines[i].substring("#EXT-X-STREAM-INF:".length()));
                while (m.find()) {
                    attrs.put(m.group(1), m.group(2).replace("\"", ""));
                }
                out.put(lines[i + 1].strip(), attrs);
            }
        }
        return out;
    }

    /** Lines of a media playlist that are URIs, and the sum of its EXTINF durations. */
    record MediaPlaylist(List<String> uris, double duration, boolean ended) {
        static MediaPlaylist parse(String text) {
            List<String> uris = new ArrayList<>();
            double duration = 0;
            for (String line : text.split("\n")) {
                String l = line.strip();
                if (l.startsWith("#EXTINF:")) {
                    duration += Double.parseDouble(l.substring(8, l.indexOf(',')));
                } else if (!l.isEmpty() && !l.startsWith("#")) {
                    uris.add(l);
                }
            }
            return new MediaPlaylist(uris, duration, text.contains("#EXT-X-ENDLIST"));
        }
    }

    /** A 20 s 720p clip with sound: one invocation encodes it (below the lowered threshold). */
    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class A720pClip {
        static final int WIDTH = 1280;
        static final int HEIGHT = 720;
        static final double SECONDS = 20;

        static String id;
        static JsonNode ready;

        @Test
        @Order(1)
        void uploadedThroughTheApiBecomesReadyWithDurationCodecsAndTheLadderCappedAtTheSource() throws Exception {
            Path clip = Videos.clip(clips, "holiday-720p-20s.mp4", WIDTH, HEIGHT, 30, SECONDS, true, 2, false);
            byte[] bytes = Files.readAllBytes(clip);
            MediaApiClient.Response grant = api.grant("Holiday été 720p.mp4", "video/mp4", bytes.length);
            assertThat(grant.status()).as("grant: %s", grant.text()).isEqualTo(201);
            MediaApiClient.Response upload = MediaApiClient.upload(grant.json(), bytes, "video/mp4");
            assertThat(upload.status()).as("S3 POST: %s", upload.text()).isEqualTo(204);
            id = grant.json().get("assetId").asText();

            ready = awaitStatus(id, "ready", ENCODING);

            assertThat(ready.get("kind").asText()).isEqualTo("video");
            assertThat(ready.at("/metadata/durationSeconds").asDouble()).as("the upload's duration").isCloseTo(SECONDS, within(0.1));
            assertThat(ready.at("/metadata/videoCodec").asText()).isEqualTo("h264");
            assertThat(ready.at("/metadata/audioCodec").asText()).isEqualTo("aac");
            assertThat(ready.at("/metadata/hls/durationSeconds").asDouble()).as("the HLS presentation's duration, within a frame")
                    .isCloseTo(SECONDS, within(1 / 30.0 + 1e-9));
            assertThat(ready.at("/metadata/hls/codecs").asText()).as("RFC 6381 codecs of the renditions")
                    .matches("avc1\\.[0-9a-f]{6},mp4a\\.40\\.2");
            List<VideoLadder.Rendition> ladder = VideoLadder.defaults().renditionsFor(WIDTH, HEIGHT);
            assertThat(ladder).extracting(VideoLadder.Rendition::name).as("1080p is above the source: dropped")
                    .containsExactly("720p", "480p", "360p");
            List<String> names = new ArrayList<>();
            ready.at("/metadata/hls/renditions").forEach(n -> names.add(n.asText()));
            assertThat(names).containsExactlyElementsOf(ladder.stream().map(VideoLadder.Rendition::name).toList());

            Map<String, JsonNode> renditions = new HashMap<>();
            ready.get("renditions").forEach(r -> renditions.put(r.get("name").asText(), r));
            assertThat(ready.get("missingRenditions")).isEmpty();
            for (VideoLadder.Rendition r : ladder) {
                JsonNode playlist = renditions.get("hls/" + r.name());
                assertThat(playlist).as("rendition playlist %s recorded", r.name()).isNotNull();
                assertThat(playlist.get("width").asInt() + "x" + playlist.get("height").asInt()).isEqualTo(r.resolution());
            }
            assertThat(ready.at("/hls/url").asText()).isEqualTo(api.base() + "/media/" + id + "/hls/master.m3u8");
        }

        @Test
        @Order(2)
        void everyRenditionPlaylistExistsAndEverySegmentDecodesAtItsRungsSize() throws Exception {
            assumeTrue(ready != null, "the clip became ready");
            String master = new String(download(ready.at("/hls/url").asText()));
            Map<String, Map<String, String>> variants = variants(master);
            List<VideoLadder.Rendition> ladder = VideoLadder.defaults().renditionsFor(WIDTH, HEIGHT);
            assertThat(variants.keySet()).containsExactlyElementsOf(
                    ladder.stream().map(r -> r.name() + "/" + KeyLayout.HLS_PLAYLIST_FILE).toList());
            Path dir = Files.createDirectories(clips.resolve("segments-" + id));
            for (VideoLadder.Rendition r : ladder) {
                Map<String, String> attrs = variants.get(r.name() + "/" + KeyLayout.HLS_PLAYLIST_FILE);
                assertThat(attrs.get("RESOLUTION")).isEqualTo(r.resolution());
                assertThat(attrs).containsKeys("BANDWIDTH", "CODECS");
                MediaPlaylist playlist = MediaPlaylist.parse(new String(download(api.base() + "/media/" + id + "/hls/" + r.name()
                        + "/" + KeyLayout.HLS_PLAYLIST_FILE)));
                assertThat(playlist.ended()).isTrue();
                assertThat(playlist.duration()).as("%s duration", r.name()).isCloseTo(SECONDS, within(1 / 30.0 + 1e-6));
                assertThat(playlist.uris()).as("segments of ~6 s").hasSize((int) Math.ceil(SECONDS / 6));
                for (int i = 0; i < playlist.uris().size(); i++) {
                    Path segment = dir.resolve(r.name() + "-" + i + ".ts");
                    Files.write(segment, download(playlist.uris().get(i)));
                    JsonNode video = Videos.decodeVideo(segment.toString());
                    assertThat(video.path("width").asInt() + "x" + video.path("height").asInt()).as("%s segment %d", r.name(), i)
                            .isEqualTo(r.resolution());
                    assertThat(video.path("nb_read_frames").asInt()).as("%s segment %d decodes", r.name(), i).isPositive();
                    assertThat(Videos.stream(Videos.probe(segment.toString()), "audio")).as("%s segment %d has sound", r.name(), i)
                            .isNotNull();
                }
            }
        }

        @Test
        @Order(3)
        void postersExistAtEveryDeviceProfile() throws Exception {
            assumeTrue(ready != null, "the clip became ready");
            Map<String, JsonNode> renditions = new HashMap<>();
            ready.get("renditions").forEach(r -> renditions.put(r.get("name").asText(), r));
            for (DeviceProfile profile : DeviceProfiles.defaults()) {
                JsonNode poster = renditions.get("thumbnails/" + profile.name());
                assertThat(poster).as("poster %s", profile.name()).isNotNull();
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(download(poster.get("url").asText())));
                assertThat(image.getWidth() + "x" + image.getHeight()).as("poster %s", profile.name())
                        .isEqualTo(profile.targetFor(WIDTH, HEIGHT).toString());
            }
        }

        @Test
        @Order(4)
        void deletingItThroughTheApiRemovesEverySegmentPlaylistAndPoster() {
            assumeTrue(ready != null, "the clip became ready");
            assertThat(keys(pipeline.renditionsBucket(), id + "/")).hasSizeGreaterThan(10);
            assertThat(api.delete("/media/" + id).status()).isEqualTo(202);
            Poll.until("renditions of " + id + " deleted", pipeline.processingTimeout(),
                    () -> keys(pipeline.renditionsBucket(), id + "/").isEmpty() && api.get("/media/" + id).status() == 404);
        }
    }

    /** A 30 s clip above the lowered threshold: split into 12 s chunks, each encoded by its own invocation. */
    @Nested
    class SegmentParallel {

        @Test
        void aThirtySecondClipIsEncodedInChunksByTheirOwnInvocationsAndPlaysAsOneContinuousStream() throws Exception {
            // 360p keeps it cheap: the default ladder gives it one rendition, at its own size
            Path clip = Videos.clip(clips, "parallel-360p-30s.mp4", 640, 360, 30, 30, true, 2, false);
            String key = "uploads/it/parallel thirty seconds.mp4";
            String id = put(key, clip);
            JsonNode ready = awaitStatus(id, "ready", ENCODING);

            List<String> work = keys(workBucket(), KeyLayout.workPrefix(new AssetId(id)));
            List<String> chunksDone = work.stream().filter(k -> k.matches(".*/done/chunk-\\d{4}\\.json")).toList();
            assertThat(chunksDone).as("completion markers of the chunks (30 s in %d s chunks)", CHUNK_SECONDS).hasSize(3);
            assertThat(work).filteredOn(k -> k.endsWith(".task.json")).hasSize(3);

            // which invocation encoded which chunk, from the function's structured log
            Map<String, String> encodedBy = new HashMap<>();
            for (String line : Files.readAllLines(Project.target("runtime-logs").resolve("video.log"))) {
                if (!line.startsWith("{") || !line.contains(id)) {
                    continue;
                }
                JsonNode log = JSON.readTree(line);
                Matcher m = CHUNK_ENCODED.matcher(log.path("message").asText());
                if (m.find() && id.equals(log.path("assetId").asText())) {
                    encodedBy.put(m.group(1), log.path("requestId").asText());
                }
            }
            assertThat(encodedBy).as("chunks encoded, by request id").hasSize(3);
            assertThat(new HashSet<>(encodedBy.values())).as("each chunk by its own invocation").hasSize(3);

            // the stitched stream, as a player gets it, against the source
            String rung = ready.at("/metadata/hls/renditions/0").asText();
            assertThat(rung).isEqualTo("360p");
            Path dir = Files.createDirectories(clips.resolve("stitched-" + id));
            MediaPlaylist playlist = MediaPlaylist.parse(new String(download(api.base() + "/media/" + id + "/hls/" + rung
                    + "/" + KeyLayout.HLS_PLAYLIST_FILE)));
            StringBuilder local = new StringBuilder();
            String original = pipeline.s3().getObjectAsBytes(b -> b.bucket(pipeline.renditionsBucket())
                    .key(KeyLayout.hlsPlaylistKey(new AssetId(id), rung))).asUtf8String();
            List<String> files = MediaPlaylist.parse(original).uris();
            for (int i = 0; i < files.size(); i++) {
                Files.write(dir.resolve(files.get(i)), download(playlist.uris().get(i)));
            }
            local.append(original);
            Path stitched = Files.writeString(dir.resolve("playlist.m3u8"), local);

            JsonNode source = Videos.probe(clip.toString());
            double sourceDuration = source.at("/format/duration").asDouble();
            JsonNode result = Videos.probe(stitched.toString());
            double frame = 1 / 30.0;
            assertThat(result.at("/format/duration").asDouble()).as("stitched duration within a frame of the source")
                    .isCloseTo(sourceDuration, within(frame + 1e-3));

            JsonNode videoPackets = Videos.packets(stitched.toString(), "v:0");
            assertThat(videoPackets.size()).as("every frame of the source").isEqualTo(
                    Videos.decodeVideo(clip.toString()).path("nb_read_frames").asInt());
            List<Double> pts = new ArrayList<>();
            videoPackets.forEach(p -> pts.add(p.path("pts_time").asDouble()));
            List<Double> sorted = new ArrayList<>(pts);
            sorted.sort(Double::compare);
            for (int i = 1; i < sorted.size(); i++) {
                assertThat(sorted.get(i) - sorted.get(i - 1)).as("frame %d follows the one before by one frame", i)
                        .isCloseTo(frame, within(1e-3));
            }

            JsonNode audioPackets = Videos.packets(stitched.toString(), "a:0");
            double audioFrame = 1024 / 48000.0;
            double end = Double.NaN;
            double first = audioPackets.path(0).path("pts_time").asDouble();
            for (JsonNode p : audioPackets) {
                double start = p.path("pts_time").asDouble();
                if (!Double.isNaN(end)) {
                    assertThat(Math.abs(start - end)).as("no audio gap or overlap at %.3f s", start).isLessThanOrEqualTo(audioFrame);
                }
                end = start + p.path("duration_time").asDouble();
            }
            assertThat(end - first).as("sound from start to end").isCloseTo(sourceDuration, within(0.1));
        }
    }

    /** Bad input ends FAILED or UNSUPPORTED with a reason a person can act on, and no playlist. */
    @Nested
    class BadInput {

        void assertNoPlaylist(String id) {
            assertThat(keys(pipeline.renditionsBucket(), id + "/")).as("renditions of %s", id).noneMatch(k -> k.endsWith(".m3u8"));
        }

        @Test
        void aTruncatedMp4Fails() throws Exception {
            Path whole = Videos.clip(clips, "short-index-at-end.mp4", 320, 240, 25, 4, true, 1, true);
            byte[] bytes = Files.readAllBytes(whole);
            Path half = Files.write(clips.resolve("truncated.mp4"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
            String id = put("uploads/it/bad/truncated.mp4", half);
            JsonNode failed = awaitStatus(id, "failed", pipeline.processingTimeout());
            assertThat(failed.get("reason").asText()).as("says why").containsIgnoringCase("unreadable");
            assertNoPlaylist(id);
        }

        @Test
        void aTruncatedWebOptimisedMp4FailsInTheTranscoderAfterItsRetries() throws Exception {
            Path whole = Videos.clip(clips, "short-index-first.mp4", 320, 240, 25, 4, true, 1, false);
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = Files.write(clips.resolve("cut-short.mp4"), java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
            String id = put("uploads/it/bad/cut short.mp4", cut);
            JsonNode failed = awaitStatus(id, "failed", pipeline.processingTimeout());
            assertThat(failed.at("/failure/function").asText()).as("the header reads fine: the transcoder finds the damage")
                    .contains("TranscodeFunction");
            assertThat(failed.get("reason").asText()).contains("ends early");
            assertNoPlaylist(id);
        }

        @Test
        void anAudioOnlyMp4IsUnsupported() throws Exception {
            Path voice = Videos.audioOnly(clips, "voice-memo.mp4", 3);
            String id = put("uploads/it/bad/voice memo.mp4", voice);
            JsonNode unsupported = awaitStatus(id, "unsupported", pipeline.processingTimeout());
            assertThat(unsupported.get("reason").asText()).startsWith("audio only");
            assertThat(pipeline.awaitIdle(pipeline.processingTimeout())).as("every function done with it").isTrue();
            assertThat(api.get("/media/" + id).json().get("status").asText()).as("the transcoder does not turn it FAILED")
                    .isEqualTo("unsupported");
            assertThat(keys(pipeline.renditionsBucket(), id + "/")).as("nothing made").isEmpty();
        }

        @Test
        void anEmptyMp4Fails() throws Exception {
            Path empty = Files.write(clips.resolve("empty.mp4"), new byte[0]);
            String id = put("uploads/it/bad/empty.mp4", empty);
            JsonNode failed = awaitStatus(id, "failed", pipeline.processingTimeout());
            assertThat(failed.get("reason").asText()).contains("empty");
            assertNoPlaylist(id);
        }
    }
}
