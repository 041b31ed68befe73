package dev.mediapipeline.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mediapipeline.aws.S3ObjectStore;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.DeviceProfile;
import dev.mediapipeline.model.DeviceProfiles;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.RenditionMetadata;
import dev.mediapipeline.model.VideoLadder;
import dev.mediapipeline.model.VideoSummary;
import dev.mediapipeline.model.WriteOptions;
import dev.mediapipeline.testing.EmbeddedS3;
import dev.mediapipeline.transcode.testing.Clips;
import dev.mediapipeline.transcode.testing.Events;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The function end to end through its handler: events in the shapes Lambda delivers, a real S3 API (S3Proxy) for
 * the upload, renditions and work buckets, the real completion ledger, generated videos. The output is checked the
 * way a player would consume it: playlists parsed, every segment downloaded and decoded.
 */
class TranscodeHandlerTest {

    static final String UPLOADS = "media-pipeline-uploads-000000000000";
    static final String RENDITIONS = "media-pipeline-renditions-000000000000";
    static final String WORK = "media-pipeline-work-000000000000";
    /** Small rungs keep the tests fast; 640x360 sources reach all three. */
    static final VideoLadder LADDER = VideoLadder.parse("360p:600k,240p:300k,144p:150k");

    static EmbeddedS3 server;
    static S3Client s3;

    @TempDir
    Path tmp;
    Path workRoot;
    RecordingPosterRenderer posters;

    @BeforeAll
    static void startS3() {
        server = EmbeddedS3.start();
        s3 = server.client();
        for (String b : List.of(UPLOADS, RENDITIONS, WORK)) {
            s3.createBucket(r -> r.bucket(b));
        }
    }

    @AfterAll
    static void stopS3() {
        s3.close();
        server.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        workRoot = Files.createDirectories(tmp.resolve("lambda-tmp"));
        posters = new RecordingPosterRenderer();
    }

    @AfterEach
    void workDirectoryIsEmptyAfterEveryInvocation() throws IOException {
        try (Stream<Path> left = Files.list(workRoot)) {
            assertThat(left.toList()).as("files left in the function's /tmp").isEmpty();
        }
    }

    TranscodeConfig config() {
        return new TranscodeConfig(UPLOADS, RENDITIONS, WORK, LADDER, DeviceProfiles.defaults(), 2, 4, 1000, 96, 60,
                "auto", VideoLimits.DEFAULTS, 2, workRoot, 82);
    }

    TranscodeHandler handler(TranscodeConfig config) {
        return new TranscodeHandler(new TranscodeService(config, new S3ObjectStore(s3), new S3TaskLedger(s3, WORK), posters));
    }

    static String upload(String key, Path file) throws IOException {
        return s3.putObject(b -> b.bucket(UPLOADS).key(key), RequestBody.fromFile(file)).eTag().replace("\"", "");
    }

    static String upload(String key, byte[] content) {
        return s3.putObject(b -> b.bucket(UPLOADS).key(key), RequestBody.fromBytes(content)).eTag().replace("\"", "");
    }

    static String invoke(TranscodeHandler handler, InputStream event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(event, out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String uploadEvent(TranscodeHandler handler, String key, long size, String eTag) throws IOException {
        return invoke(handler, Events.snsUpload(UPLOADS, key, size, eTag));
    }

    static List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    static AssetId asset(String key) {
        return AssetId.of(UPLOADS, key);
    }

    HlsOutput fetch(String key) throws IOException {
        return HlsOutput.fetch(s3, RENDITIONS, asset(key), Files.createDirectories(tmp.resolve("hls")));
    }

    /** Structure every finished video must have, whatever its source. */
    static void assertPlayable(HlsOutput hls, List<VideoLadder.Rendition> expected, boolean audio, double fps) {
        assertThat(hls.variants()).as("variants").extracting(HlsOutput.Variant::name)
                .containsExactlyElementsOf(expected.stream().map(VideoLadder.Rendition::name).toList());
        assertThat(hls.master()).contains("#EXT-X-INDEPENDENT-SEGMENTS");
        for (int i = 0; i < expected.size(); i++) {
            HlsOutput.Variant v = hls.variants().get(i);
            VideoLadder.Rendition r = expected.get(i);
            assertThat(v.attributes()).as("master attributes of " + v.name())
                    .containsKeys("BANDWIDTH", "AVERAGE-BANDWIDTH", "RESOLUTION", "CODECS", "FRAME-RATE");
            assertThat(v.attributes().get("RESOLUTION")).isEqualTo(r.width() + "x" + r.height());
            assertThat(v.attributes().get("CODECS")).as("CODECS of " + v.name())
                    .matches(audio ? "avc1\\.[0-9a-f]{6},mp4a\\.40\\.2" : "avc1\\.[0-9a-f]{6}");
            assertThat(Long.parseLong(v.attributes().get("BANDWIDTH")))
                    .isGreaterThanOrEqualTo(Long.parseLong(v.attributes().get("AVERAGE-BANDWIDTH")));
            assertThat(v.playlist()).startsWith("#EXTM3U\n").contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-VERSION:3");
            assertThat(v.segments()).as("segments of " + v.name()).isNotEmpty();
            for (HlsOutput.Segment s : v.segments()) {
                assertThat(Math.round(s.duration())).as("EXTINF within the target duration")
                        .isLessThanOrEqualTo(v.targetDuration());
                MediaFacts facts = MediaFacts.of(s.file());
                assertThat(facts.format()).isEqualTo("mpegts");
                assertThat(facts.video().codec()).isEqualTo("h264");
                assertThat(facts.video().width()).as(v.name() + " width").isEqualTo(r.width());
                assertThat(facts.video().height()).as(v.name() + " height").isEqualTo(r.height());
                assertThat(facts.video().packets().get(0).key()).as(s.uri() + " starts with a keyframe").isTrue();
                assertThat(facts.decodeErrors()).as(s.uri() + " decode errors").isZero();
                assertThat(facts.decodedFrames()).as(s.uri() + " frames").isEqualTo((int) Math.round(s.duration() * fps));
                assertThat(facts.hasAudio()).as(s.uri() + " has audio").isEqualTo(audio);
            }
        }
    }

    /**
     * The renditions stitched together: one continuous stream whose video lasts as long as the source's (within one
     * frame) with strictly increasing timestamps, and whose AAC frames follow each other without gap or overlap.
     */
    void assertContinuous(HlsOutput.Variant variant, MediaFacts source, double fps) {
        MediaFacts stitched = MediaFacts.of(variant.stitched(tmp));
        MediaFacts.Stream v = stitched.video();
        long frame90k = Math.round(90_000 / fps);
        List<Long> dts = v.packets().stream().map(MediaFacts.Packet::dts).toList();
        for (int i = 1; i < dts.size(); i++) {
            assertThat(dts.get(i)).as("video dts increase at packet " + i).isGreaterThan(dts.get(i - 1));
        }
        long[] pts = v.packets().stream().mapToLong(MediaFacts.Packet::pts).sorted().toArray();
        assertThat(pts[0]).as("first video timestamp").isEqualTo(FrameGrid.PTS_OFFSET);
        for (int i = 1; i < pts.length; i++) {
            assertThat(pts[i] - pts[i - 1]).as("frame spacing at " + i).isBetween(frame90k - 1, frame90k + 1);
        }
        double stitchedDuration = (pts[pts.length - 1] - pts[0] + frame90k) / 90_000.0;
        MediaFacts.Stream sv = source.video();
        long[] spts = sv.packets().stream().mapToLong(MediaFacts.Packet::pts).sorted().toArray();
        double sourceDuration = sv.seconds(spts[spts.length - 1] - spts[0]) + 1 / fps;
        assertThat(stitchedDuration).as("video duration vs source").isCloseTo(sourceDuration, within(1 / fps + 1e-6));
        assertThat(stitched.decodedFrames()).as("frames decoded from the stitched stream").isEqualTo(pts.length);
        assertThat(stitched.decodeErrors()).isZero();
        if (source.hasAudio()) {
            MediaFacts.Stream a = stitched.audio();
            long[] apts = a.packets().stream().mapToLong(MediaFacts.Packet::pts).toArray();
            for (int i = 1; i < apts.length; i++) {
                assertThat(apts[i] - apts[i - 1]).as("AAC frame " + i + " follows the previous one exactly (1024 samples at 48 kHz)")
                        .isEqualTo(1920);
            }
            double audioSeconds = apts.length * 1024 / 48_000.0;
            List<MediaFacts.Packet> sa = source.audio().packets();
            double sourceAudio = sa.size() * 1024.0 / source.audio().sampleRate();
            assertThat(audioSeconds).as("audio duration vs source").isCloseTo(sourceAudio, within(2 * 1024 / 44_100.0));
            assertThat(apts[0]).as("audio starts with the encoder's priming frame, 1024 samples before the video")
                    .isEqualTo(FrameGrid.PTS_OFFSET - 1920);
        } else {
            assertThat(stitched.hasAudio()).isFalse();
        }
    }

    @Nested
    class ShortVideo {
        final String key = "videos/holiday clip + friends (été).mp4";

        @Test
        void becomesALadderOfHlsRenditionsWithPostersAndASummary() throws IOException {
            Path clip = Clips.landscape();
            String eTag = upload(key, clip);
            TranscodeHandler handler = handler(config());

            String result = uploadEvent(handler, key, Files.size(clip), eTag);

            assertThat(result).as("outcome").contains("COMPLETED");
            HlsOutput hls = fetch(key);
            List<VideoLadder.Rendition> expected = LADDER.renditionsFor(640, 360);
            assertThat(expected).extracting(VideoLadder.Rendition::resolution).containsExactly("640x360", "426x240", "256x144");
            assertPlayable(hls, expected, true, 30);
            assertThat(hls.variants().get(0).duration()).as("HLS duration").isCloseTo(8.0, within(1 / 30.0));
            assertThat(hls.variants().get(0).segments()).hasSize(4);
            assertContinuous(hls.variants().get(2), MediaFacts.of(clip), 30);

            VideoSummary summary = VideoSummary.fromUserMetadata(hls.masterMetadata()).orElseThrow();
            assertThat(summary.durationMillis()).isEqualTo(8000);
            assertThat(summary.width()).isEqualTo(640);
            assertThat(summary.height()).isEqualTo(360);
            assertThat(hls.masterMetadata()).as("the master names its source version and its largest rendition")
                    .containsEntry(RenditionMetadata.SOURCE_BUCKET, UPLOADS)
                    .containsEntry(RenditionMetadata.SOURCE_KEY, WriteOptions.headerSafe(key))
                    .containsEntry(RenditionMetadata.SOURCE_ETAG, eTag)
                    .containsEntry(RenditionMetadata.WIDTH, "640").containsEntry(RenditionMetadata.HEIGHT, "360");
            for (VideoLadder.Rendition r : expected) {
                var playlist = s3.headObject(b -> b.bucket(RENDITIONS).key(KeyLayout.hlsPlaylistKey(asset(key), r.name()))).metadata();
                assertThat(playlist).as("metadata of the " + r.name() + " playlist")
                        .containsEntry(RenditionMetadata.SOURCE_ETAG, eTag)
                        .containsEntry(RenditionMetadata.SOURCE_KEY, WriteOptions.headerSafe(key))
                        .containsEntry(RenditionMetadata.WIDTH, Integer.toString(r.width()))
                        .containsEntry(RenditionMetadata.HEIGHT, Integer.toString(r.height()));
            }
            assertThat(summary.frameRate()).isEqualTo("30");
            assertThat(summary.videoCodec()).isEqualTo("h264");
            assertThat(summary.audioCodec()).contains("aac");
            assertThat(summary.renditions()).containsExactly("360p", "240p", "144p");
            assertThat(summary.codecs()).isEqualTo(hls.variants().get(0).attributes().get("CODECS"));

            for (DeviceProfile profile : DeviceProfiles.defaults()) {
                String posterKey = KeyLayout.thumbnailKey(asset(key), profile.name(), "jpg");
                var poster = s3.getObject(b -> b.bucket(RENDITIONS).key(posterKey));
                assertThat(poster.response().contentType()).isEqualTo("image/jpeg");
                java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(poster);
                DeviceProfile.Dimension size = profile.targetFor(640, 360);
                assertThat(image.getWidth() + "x" + image.getHeight()).as("poster " + profile.name()).isEqualTo(size.toString());
                assertThat(poster.response().metadata()).as("metadata of poster " + profile.name())
                        .containsEntry(RenditionMetadata.SOURCE_BUCKET, UPLOADS)
                        .containsEntry(RenditionMetadata.SOURCE_KEY, WriteOptions.headerSafe(key))
                        .containsEntry(RenditionMetadata.SOURCE_ETAG, eTag)
                        .containsEntry(RenditionMetadata.PROFILE, profile.name())
                        .containsEntry(RenditionMetadata.WIDTH, Integer.toString(image.getWidth()))
                        .containsEntry(RenditionMetadata.HEIGHT, Integer.toString(image.getHeight()));
            }
            assertThat(posters.frames).hasSize(1);
            assertThat(posters.frames.get(0).getWidth()).isEqualTo(640);
            assertThat(RecordingPosterRenderer.meanLuma(posters.frames.get(0)))
                    .as("the poster is not the black first second").isGreaterThan(60);
        }

        @Test
        void aSmallerReplacementDropsTheRungsItDoesNotHave() throws IOException {
            String k = "videos/replaced by a smaller one.mp4";
            Path large = Clips.landscape();
            String first = upload(k, large);
            assertThat(uploadEvent(handler(config()), k, Files.size(large), first)).contains("COMPLETED");
            assertThat(keys(RENDITIONS, KeyLayout.hlsPlaylistKey(asset(k), "360p"))).hasSize(1);

            Path small = Clips.silent();
            String second = upload(k, small);
            assertThat(uploadEvent(handler(config()), k, Files.size(small), second)).contains("COMPLETED");

            List<String> left = keys(RENDITIONS, KeyLayout.hlsPrefix(asset(k)));
            assertThat(left).as("the 360p rung of the first version is gone, playlist and segments")
                    .noneMatch(x -> x.contains("/360p/"));
            assertThat(left).as("240p and 144p of the second version").contains(
                    KeyLayout.hlsPlaylistKey(asset(k), "240p"), KeyLayout.hlsPlaylistKey(asset(k), "144p"));
            String runOfSecond = TranscodeService.runId(second, Files.size(small));
            assertThat(left).filteredOn(x -> x.endsWith(".ts")).as("only the second version's segments")
                    .allMatch(x -> x.substring(x.lastIndexOf('/') + 1).startsWith(runOfSecond + "-"));
        }

        @Test
        void aRepeatedEventFindsTheWorkDone() throws IOException {
            Path clip = Clips.silent();
            String k = "videos/repeated.mp4";
            String eTag = upload(k, clip);
            TranscodeHandler handler = handler(config());
            assertThat(uploadEvent(handler, k, Files.size(clip), eTag)).contains("COMPLETED");
            String master = s3.getObjectAsBytes(b -> b.bucket(RENDITIONS).key(KeyLayout.hlsMasterKey(asset(k)))).asUtf8String();

            assertThat(uploadEvent(handler, k, Files.size(clip), eTag)).contains("ALREADY_DONE");
            assertThat(s3.getObjectAsBytes(b -> b.bucket(RENDITIONS).key(KeyLayout.hlsMasterKey(asset(k)))).asUtf8String())
                    .isEqualTo(master);
        }
    }

    @Nested
    class SourcesOfEveryShape {

        @Test
        void portraitVideoIsTurnedUpright() throws IOException {
            Path clip = Clips.portrait();
            String k = "videos/portrait.mov";
            String eTag = upload(k, clip);
            assertThat(uploadEvent(handler(config()), k, Files.size(clip), eTag)).contains("COMPLETED");

            HlsOutput hls = fetch(k);
            List<VideoLadder.Rendition> expected = LADDER.renditionsFor(180, 320);
            assertThat(expected).extracting(VideoLadder.Rendition::resolution).containsExactly("180x320", "144x256");
            assertPlayable(hls, expected, true, 30);
            // the white marker sits in the coded picture's top-left corner; a 90° clockwise turn moves it top-right
            double[] corners = MediaFacts.of(hls.variants().get(0).segments().get(0).file()).cornerLuma();
            assertThat(corners[1]).as("top-right corner (marker)").isGreaterThan(180);
            assertThat(corners[0]).as("top-left corner").isLessThan(100);
            assertThat(corners[2]).as("bottom-left corner").isLessThan(100);
            assertThat(posters.frames.get(0).getWidth()).as("poster is upright too").isEqualTo(180);
            assertThat(posters.frames.get(0).getHeight()).isEqualTo(320);
        }

        @Test
        void videoWithoutAudioHasVideoOnlySegments() throws IOException {
            Path clip = Clips.silent();
            String k = "videos/silent.mp4";
            String eTag = upload(k, clip);
            assertThat(uploadEvent(handler(config()), k, Files.size(clip), eTag)).contains("COMPLETED");

            HlsOutput hls = fetch(k);
            assertPlayable(hls, LADDER.renditionsFor(320, 240), false, 25);
            assertContinuous(hls.variants().get(0), MediaFacts.of(clip), 25);
            assertThat(VideoSummary.fromUserMetadata(hls.masterMetadata()).orElseThrow().audioCodec()).isEmpty();
        }

        @Test
        void variableFrameRateBecomesConstant() throws IOException {
            Path clip = Clips.variableFrameRate();
            String k = "videos/vfr.mp4";
            String eTag = upload(k, clip);
            assertThat(uploadEvent(handler(config()), k, Files.size(clip), eTag)).contains("COMPLETED");

            HlsOutput hls = fetch(k);
            String fps = VideoSummary.fromUserMetadata(hls.masterMetadata()).orElseThrow().frameRate();
            double rate = Rational.parse(fps).value();
            assertPlayable(hls, LADDER.renditionsFor(320, 180), true, rate);
            assertContinuous(hls.variants().get(0), MediaFacts.of(clip), rate);
        }

        @Test
        void bFramesAndOddDimensions() throws IOException {
            Path clip = Clips.bFrames();
            String k = "videos/bframes.mp4";
            String eTag = upload(k, clip);
            assertThat(uploadEvent(handler(config()), k, Files.size(clip), eTag)).contains("COMPLETED");

            HlsOutput hls = fetch(k);
            List<VideoLadder.Rendition> expected = LADDER.renditionsFor(322, 182);
            assertThat(expected).extracting(VideoLadder.Rendition::resolution).containsExactly("322x182", "254x144");
            assertPlayable(hls, expected, true, 30);
            assertContinuous(hls.variants().get(0), MediaFacts.of(clip), 30);
        }
    }

    @Nested
    class SegmentParallel {
        final String key = "videos/thirty seconds.mp4";

        /** 2 s segments, 4 per chunk: 8 s chunks, so the 30 s clip makes 4 chunks. */
        TranscodeConfig parallel() {
            return config().withParallelAbove(10, 4);
        }

        @Test
        void chunksEncodedBySeparateInvocationsStitchIntoOneContinuousStream() throws Exception {
            Path clip = Clips.thirtySeconds();
            String eTag = upload(key, clip);
            TranscodeHandler planner = handler(parallel());

            assertThat(uploadEvent(planner, key, Files.size(clip), eTag)).contains("FANNED_OUT");
            assertThat(s3.listObjectsV2(b -> b.bucket(RENDITIONS).prefix(KeyLayout.hlsMasterKey(asset(key)))).contents())
                    .as("no master before the chunks are done").isEmpty();
            List<String> tasks = keys(WORK, KeyLayout.workPrefix(asset(key))).stream().filter(k -> k.contains("/tasks/")).toList();
            assertThat(tasks).as("chunk tasks").hasSize(4);

            // S3 delivers an event twice: the first copy encodes the chunk, the second finds it recorded
            String first = invoke(handler(parallel()), Events.workObject(WORK, tasks.get(0), 1000, "etag"));
            assertThat(first).contains("TASK_DONE");
            assertThat(invoke(handler(parallel()), Events.workObject(WORK, tasks.get(0), 1000, "etag"))).contains("DUPLICATE");

            // each task's creation event invokes the function: here, concurrently, each with its own handler
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<String>> outcomes = new ArrayList<>();
            for (String task : tasks.subList(1, tasks.size())) {
                Callable<String> worker = () -> invoke(handler(parallel()), Events.workObject(WORK, task, 1000, "etag"));
                outcomes.add(pool.submit(worker));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get());
            }
            pool.shutdown();
            assertThat(results).as("exactly the last chunk to finish published the run")
                    .filteredOn(r -> r.contains("COMPLETED")).hasSize(1);
            assertThat(results).filteredOn(r -> r.contains("TASK_DONE")).hasSize(2);

            HlsOutput hls = fetch(key);
            double fps = 30000 / 1001.0;
            assertPlayable(hls, LADDER.renditionsFor(640, 360), true, fps);
            // 900 frames of 1001/30000 s (30.03 s) in 2 s segments (59.94 frames; each starts on the next frame)
            assertThat(hls.variants().get(0).segments()).hasSize(15);
            MediaFacts source = MediaFacts.of(clip);
            for (HlsOutput.Variant v : hls.variants()) {
                assertContinuous(v, source, fps);
            }

            // duplicates of a chunk event and of the upload event change nothing
            assertThat(invoke(handler(parallel()), Events.workObject(WORK, tasks.get(1), 1000, "etag"))).contains("ALREADY_DONE");
            assertThat(uploadEvent(planner, key, Files.size(clip), eTag)).contains("ALREADY_DONE");
        }

        @Test
        void anUploadDeletedDuringTheRunLeavesNothingBehind() throws Exception {
            // the 8 s clip in 4 s chunks: two chunks, the cheapest fan-out
            TranscodeConfig twoChunks = config().withParallelAbove(2, 2);
            Path clip = Clips.landscape();
            String k = "videos/deleted while transcoding.mp4";
            String eTag = upload(k, clip);
            assertThat(uploadEvent(handler(twoChunks), k, Files.size(clip), eTag)).contains("FANNED_OUT");
            assertThat(keys(RENDITIONS, KeyLayout.thumbnailPrefix(asset(k)))).as("posters written by the planner").isNotEmpty();
            // the user deletes the upload; the index's cascade has already run (nothing of this run is left to it)
            s3.deleteObject(b -> b.bucket(UPLOADS).key(k));

            List<String> tasks = keys(WORK, KeyLayout.workPrefix(asset(k))).stream().filter(x -> x.contains("/tasks/")).toList();
            assertThat(tasks).hasSize(2);
            List<String> outcomes = new ArrayList<>();
            for (String task : tasks) {
                outcomes.add(invoke(handler(twoChunks), Events.workObject(WORK, task, 1000, "etag")));
            }
            assertThat(outcomes.get(outcomes.size() - 1)).as("the last chunk finds the upload gone").contains("SUPERSEDED");
            assertThat(keys(RENDITIONS, KeyLayout.assetPrefix(asset(k))))
                    .as("no segment, playlist or poster of the deleted upload is left").isEmpty();
        }

        @Test
        void aChunkThatFailsLeavesNoMasterPlaylist() throws Exception {
            Path clip = Clips.thirtySeconds();
            String k = "videos/broken chunk.mp4";
            String eTag = upload(k, clip);
            assertThat(uploadEvent(handler(parallel()), k, Files.size(clip), eTag)).contains("FANNED_OUT");
            List<String> all = keys(WORK, KeyLayout.workPrefix(asset(k)));
            String damaged = all.stream().filter(x -> x.endsWith("chunk-0002.mkv")).findFirst().orElseThrow();
            byte[] garbage = new byte[4096];
            Arrays.fill(garbage, (byte) 0x5A);
            s3.putObject(b -> b.bucket(WORK).key(damaged), RequestBody.fromBytes(garbage));

            List<String> tasks = all.stream().filter(x -> x.contains("/tasks/")).toList();
            List<Throwable> failures = new ArrayList<>();
            for (String task : tasks) {
                try {
                    invoke(handler(parallel()), Events.workObject(WORK, task, 1000, "etag"));
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
            assertThat(failures).as("the damaged chunk's invocation fails (Lambda retries it, then records the failure)")
                    .hasSize(1);
            assertThat(failures.get(0)).isInstanceOf(UnsupportedVideoException.class);
            assertThat(keys(RENDITIONS, KeyLayout.hlsMasterKey(asset(k)))).as("no master playlist").isEmpty();
            assertThat(keys(RENDITIONS, KeyLayout.hlsPrefix(asset(k))))
                    .as("no playlist at all").noneMatch(x -> x.endsWith(".m3u8"));
        }
    }

    @Nested
    class BadInput {

        void assertNothingPublished(String key) {
            assertThat(keys(RENDITIONS, KeyLayout.assetPrefix(asset(key)))).as("renditions of " + key)
                    .noneMatch(x -> x.endsWith(".m3u8"));
        }

        @Test
        void truncatedMp4IsUnreadable() throws IOException {
            byte[] whole = Files.readAllBytes(Clips.silent());
            byte[] half = Arrays.copyOf(whole, whole.length / 2);
            String k = "videos/truncated.mp4";
            String eTag = upload(k, half);
            assertThatThrownBy(() -> uploadEvent(handler(config()), k, half.length, eTag))
                    .isInstanceOf(UnreadableVideoException.class).hasMessageContaining("not a readable media file")
                    .hasMessageContaining("moov atom not found");
            assertNothingPublished(k);
        }

        @Test
        void truncatedWebOptimisedMp4IsCorrupt() throws IOException {
            Path whole = Clips.make("faststart-320x180-4s-v1.mp4", () -> dev.mediapipeline.transcode.testing.SyntheticVideo
                    .video().size(320, 180).seconds(4).fastStart());
            byte[] bytes = Files.readAllBytes(whole);
            byte[] cut = Arrays.copyOf(bytes, bytes.length * 2 / 3);
            String k = "videos/cut short.mp4";
            String eTag = upload(k, cut);
            assertThatThrownBy(() -> uploadEvent(handler(config()), k, cut.length, eTag))
                    .isInstanceOf(CorruptVideoException.class).hasMessageContaining("ends early");
            assertNothingPublished(k);
        }

        @Test
        void audioOnlyFileHasNoVideo() throws IOException {
            Path audioOnly = Clips.make("audio-only-3s-v1.mp4", () -> dev.mediapipeline.transcode.testing.SyntheticVideo
                    .video().seconds(3).audioOnly());
            String k = "videos/voice memo.mp4";
            String eTag = upload(k, audioOnly);
            assertThat(uploadEvent(handler(config()), k, Files.size(audioOnly), eTag))
                    .as("a well-formed audio file is not a failure: the index reports it UNSUPPORTED").contains("AUDIO_ONLY");
            assertThat(keys(RENDITIONS, KeyLayout.assetPrefix(asset(k)))).as("nothing written").isEmpty();
        }

        @Test
        void emptyMp4IsNotAVideo() throws IOException {
            String k = "videos/empty.mp4";
            String eTag = upload(k, new byte[0]);
            assertThat(uploadEvent(handler(config()), k, 0, eTag)).contains("NOT_A_VIDEO");
            assertNothingPublished(k);
        }

        @Test
        void videoOverTheLimitsIsRefused() throws IOException {
            Path clip = Clips.silent();
            String k = "videos/too long.mp4";
            String eTag = upload(k, clip);
            TranscodeConfig strict = config().withLimits(new VideoLimits(100L << 20, 3, 4096L * 4096, 4096));
            assertThatThrownBy(() -> uploadEvent(handler(strict), k, Files.size(clip), eTag))
                    .isInstanceOf(VideoLimitExceededException.class).hasMessageContaining("over the limit of 3 s");

            TranscodeConfig small = config().withLimits(new VideoLimits(100L << 20, 3600, 320L * 200, 4096));
            assertThatThrownBy(() -> uploadEvent(handler(small), k, Files.size(clip), eTag))
                    .isInstanceOf(VideoLimitExceededException.class).hasMessageContaining("320x240");

            TranscodeConfig tiny = config().withLimits(new VideoLimits(1000, 3600, 4096L * 4096, 4096));
            assertThatThrownBy(() -> uploadEvent(handler(tiny), k, Files.size(clip), eTag))
                    .isInstanceOf(VideoLimitExceededException.class).hasMessageContaining("bytes");
            assertNothingPublished(k);
        }

        @Test
        void textNamedMp4IsNotAVideo() throws IOException {
            String k = "videos/notes.mp4";
            byte[] text = "this is not a video".getBytes(StandardCharsets.UTF_8);
            String eTag = upload(k, text);
            assertThat(uploadEvent(handler(config()), k, text.length, eTag)).contains("NOT_A_VIDEO");
            assertNothingPublished(k);
        }
    }
}
