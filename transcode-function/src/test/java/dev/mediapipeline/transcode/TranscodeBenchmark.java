package dev.mediapipeline.transcode;

import dev.mediapipeline.aws.S3ObjectStore;
import dev.mediapipeline.image.RenderOptions;
import dev.mediapipeline.model.DeviceProfiles;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.SourceObject;
import dev.mediapipeline.model.VideoLadder;
import dev.mediapipeline.testing.EmbeddedS3;
import dev.mediapipeline.transcode.testing.SyntheticVideo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Not a test: measures the transcoder. Run with
 * {@code ./mvnw -q -pl transcode-function -am test -Dtest=RunTranscodeBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true}
 * (add {@code -Pgpl} to compare libx264 with libx264; {@code -Dbenchmark.parallel=false} skips part 3). Needs
 * Debian's {@code ffmpeg} for the CLI comparison.
 *
 * <ol>
 *   <li>A generated 60 s 1080p30 clip (noisy moving pattern, stereo AAC) transcoded to the default ladder
 *       (1080p/720p/480p/360p) by this module's code in one invocation's worth of work (probe, scan, audio, one
 *       chunk, local files), and by the {@code ffmpeg} command line at the same settings (same scaler, H.264 rate
 *       control, keyframe placement, AAC once, 6 s MPEG-TS HLS segments): wall times and their ratio.</li>
 *   <li>The encoders alone: speed and luma PSNR of OpenH264 and (in the GPL build) x264 at 640x360 800 kb/s.</li>
 *   <li>Segment-parallel mode through the real service, S3 API (S3Proxy) and completion ledger: the planner, then
 *       the chunk tasks run by 1, 2 and 4 concurrent workers; wall time from the upload event to the master.</li>
 * </ol>
 */
public final class TranscodeBenchmark {

    private static final String UPLOADS = "bench-uploads";
    private static final String RENDITIONS = "bench-renditions";
    private static final String WORK = "bench-work";

    private TranscodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/benchmark"));
        Av.init();
        int cores = Runtime.getRuntime().availableProcessors();
        String encoder = H264Encoder.choose("auto");
        Path source = dir.resolve("source-1080p30-60s.mp4");
        if (!Files.exists(source)) {
            long g0 = System.nanoTime();
            SyntheticVideo.video().size(1920, 1080).seconds(60).noisy().videoKbps(8000).audioKbps(128).gopSeconds(2)
                    .writeTo(source);
            System.out.printf(Locale.ROOT, "generated %s (%d MB) in %.1f s%n", source, Files.size(source) >> 20, secs(g0));
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, load average %s; H.264 encoder of this build: %s%n", cores,
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0], encoder);

        double ours = ours(source, dir.resolve("ours"), encoder, cores);
        System.out.printf(Locale.ROOT, "ours (%s): %.1f s for the 4-rung ladder of 60 s 1080p%n", encoder, ours);
        if (Files.isExecutable(Path.of("/usr/bin/ffmpeg"))) {
            double cli = cli(source, dir.resolve("cli"));
            System.out.printf(Locale.ROOT, "ffmpeg CLI (libx264 veryfast, same settings): %.1f s%n", cli);
            System.out.printf(Locale.ROOT, "ratio ours/CLI: %.2f%s%n", ours / cli,
                    encoder.equals(H264Encoder.X264) ? "" : "  (encoders differ: run with -Pgpl for libx264 on both sides)");
        } else {
            System.out.println("ffmpeg CLI not installed (apt-get install -y ffmpeg): no comparison");
        }

        for (String e : List.of(H264Encoder.OPENH264, H264Encoder.X264)) {
            if (org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name(e) == null) {
                continue;
            }
            long t0 = System.nanoTime();
            H264EncoderTest.Result r = H264EncoderTest.encodeAndDecode(e, 300);
            System.out.printf(Locale.ROOT, "%s 640x360 @800k: %.0f kb/s, luma PSNR %.2f dB, %.0f frames/s encode+decode%n",
                    e, r.kbps(), r.psnr(), 300 / secs(t0));
        }

        if (!Boolean.parseBoolean(System.getProperty("benchmark.parallel", "true"))) {
            return;
        }
        try (EmbeddedS3 server = EmbeddedS3.start(); S3Client s3 = server.client()) {
            for (String b : List.of(UPLOADS, RENDITIONS, WORK)) {
                s3.createBucket(r -> r.bucket(b));
            }
            for (int workers : new int[] {1, 2, 4}) {
                double wall = parallel(s3, source, dir, workers, cores);
                System.out.printf(Locale.ROOT, "segment-parallel, 5 chunks of 12 s, %d worker(s): %.1f s wall%n", workers, wall);
            }
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** This module's work for one video in one invocation, without S3: probe, scan, audio, the only chunk. */
    static double ours(Path source, Path out, String encoder, int threads) throws IOException {
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        VideoProbe probe = Prober.probe(source);
        SourceScan scan = SourceScan.scan(source, probe);
        Rational fps = OutputTiming.frameRate(probe, scan, 60);
        FrameGrid grid = new FrameGrid(fps, OutputTiming.frames(scan, fps), 6, Integer.MAX_VALUE / 6);
        List<VideoLadder.Rendition> renditions = VideoLadder.defaults().renditionsFor(probe.width(), probe.height());
        Path adts = out.resolve("audio.aac");
        AudioTrackEncoder.Result audio = AudioTrackEncoder.encode(source, probe, scan.origin(), 128, adts);
        TranscodePlan.AudioTrack track = new TranscodePlan.AudioTrack("audio", AudioTrackEncoder.SAMPLE_RATE, audio.channels(),
                128, audio.firstPts(), audio.packets());
        TranscodePlan plan = new TranscodePlan("0123456789abcdef01234567", "0123456789abcdef", "b", "k", "e", grid, renditions,
                probe.rotation(), probe.mirrored(), probe.width(), probe.height(), probe.videoCodec(), "aac", encoder, track,
                List.of(new TranscodePlan.Chunk(0, null, scan.origin(), 0, 0, 0)), false);
        new ChunkEncoder(plan, 0, threads).encode(new ChunkEncoder.Input(source, probe.videoStream(), scan.origin()),
                AdtsFrames.split(Files.readAllBytes(adts)), out, (r, s, f) -> { });
        return secs(t0);
    }

    /** The same ladder with the ffmpeg command line (libx264 at this module's x264 settings). */
    static double cli(Path source, Path out) throws IOException, InterruptedException {
        Files.createDirectories(out);
        List<VideoLadder.Rendition> ladder = VideoLadder.defaults().renditionsFor(1920, 1080);
        StringBuilder filter = new StringBuilder("[0:v]split=" + ladder.size());
        for (int i = 0; i < ladder.size(); i++) {
            filter.append("[s").append(i).append(']');
        }
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", source.toString()));
        StringBuilder map = new StringBuilder();
        for (int i = 0; i < ladder.size(); i++) {
            VideoLadder.Rendition r = ladder.get(i);
            filter.append(String.format(Locale.ROOT,
                    ";[s%d]scale=w=%d:h=%d:flags=bicubic:out_color_matrix=bt709:out_range=tv,format=yuv420p,setsar=1[v%d]",
                    i, r.width(), r.height(), i));
            map.append("v:").append(i).append(",agroup:aud ");
        }
        cmd.addAll(List.of("-filter_complex", filter.toString()));
        for (int i = 0; i < ladder.size(); i++) {
            int kbps = ladder.get(i).videoKbps();
            cmd.addAll(List.of("-map", "[v" + i + "]", "-c:v:" + i, "libx264", "-b:v:" + i, kbps + "k",
                    "-maxrate:v:" + i, kbps * 3 / 2 + "k", "-bufsize:v:" + i, kbps * 2 + "k"));
        }
        cmd.addAll(List.of("-preset", "veryfast", "-bf", "2", "-g", "180", "-keyint_min", "180", "-sc_threshold", "0",
                "-x264-params", "open-gop=0:scenecut=0", "-forced-idr", "1", "-force_key_frames", "expr:gte(t,n_forced*6)",
                "-map", "0:a", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
                "-f", "hls", "-hls_time", "6", "-hls_playlist_type", "vod", "-hls_segment_type", "mpegts",
                "-var_stream_map", map + "a:0,agroup:aud", "-master_pl_name", "master.m3u8",
                "-hls_segment_filename", out.resolve("%v-%05d.ts").toString(), out.resolve("%v.m3u8").toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + String.join(" ", cmd));
        }
        return secs(t0);
    }

    /** Upload, planner invocation, then the chunk tasks on {@code workers} concurrent "invocations". */
    static double parallel(S3Client s3, Path source, Path dir, int workers, int cores) throws Exception {
        String key = "bench/" + workers + "-workers.mp4";
        String eTag = s3.putObject(b -> b.bucket(UPLOADS).key(key), RequestBody.fromFile(source)).eTag().replace("\"", "");
        TranscodeConfig config = new TranscodeConfig(UPLOADS, RENDITIONS, WORK, VideoLadder.defaults(), DeviceProfiles.defaults(),
                6, 2, 10, 128, 60, "auto", VideoLimits.DEFAULTS, Math.max(1, cores / workers),
                Files.createDirectories(dir.resolve("lambda-tmp")), 82);
        TranscodeService service = new TranscodeService(config, new S3ObjectStore(s3), new S3TaskLedger(s3, WORK),
                new ImageCorePosterRenderer(RenderOptions.defaults()));
        long t0 = System.nanoTime();
        TranscodeService.Outcome planned = service.onUpload(new SourceObject(UPLOADS, key, Files.size(source), eTag, null));
        double planner = secs(t0);
        List<String> tasks = s3.listObjectsV2Paginator(b -> b.bucket(WORK).prefix(KeyLayout.workPrefix(new SourceObject(UPLOADS, key, 0, null, null).assetId())))
                .contents().stream().map(o -> o.key()).filter(k -> k.endsWith(TranscodePlan.TASK_SUFFIX)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<TranscodeService.Outcome>> results = new ArrayList<>();
        for (String task : tasks) {
            results.add(pool.submit(() -> service.onChunkTask(WORK, task)));
        }
        int completed = 0;
        for (Future<TranscodeService.Outcome> f : results) {
            completed += f.get() == TranscodeService.Outcome.COMPLETED ? 1 : 0;
        }
        pool.shutdown();
        double wall = secs(t0);
        System.out.printf(Locale.ROOT, "  planner %s in %.1f s (probe, scan, split, audio, tasks, posters); %d chunks; %d completed the run%n",
                planned, planner, tasks.size(), completed);
        // S3Proxy keeps objects in this JVM's heap: empty the buckets between runs
        for (String bucket : List.of(UPLOADS, RENDITIONS, WORK)) {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()
                    .forEach(o -> s3.deleteObject(b -> b.bucket(bucket).key(o.key())));
        }
        return wall;
    }
}
