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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.Loader;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Not a test: measures the transcoder. {@code benchmarks/run} drives the pieces below (each in its own pinned JVM
 * or process, see the benchmarks module's {@code VideoBench}) and writes the figures to {@code benchmarks/RESULTS.md}.
 * {@link #main} runs them all in one JVM for a quick look:
 * {@code ./mvnw -q -pl transcode-function -am test -Dtest=RunTranscodeBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true}
 * (add {@code -Pgpl} to compare libx264 with libx264; {@code -Dbenchmark.parallel=false} skips part 3).
 *
 * <ol>
 *   <li>A generated 1080p30 clip (noisy moving pattern, stereo AAC; 60 s by default) transcoded to the default
 *       ladder (1080p/720p/480p/360p) by this module's code in one invocation's worth of work (probe, scan, audio,
 *       one chunk, local files: {@link #ours}), and by an {@code ffmpeg} command line at the same settings
 *       ({@link #cliCommand}: same scaler, H.264 encoder options and rate control, keyframe placement, AAC once,
 *       6 s MPEG-TS HLS segments).</li>
 *   <li>The encoders alone: speed and luma PSNR of OpenH264 and (in the GPL build) x264 at 640x360 800 kb/s.</li>
 *   <li>Segment-parallel mode through the real service, S3 API (S3Proxy) and completion ledger: the planner, then
 *       the chunk tasks run by 1, 2 and 4 concurrent workers ({@link #parallel}); wall time from the upload event
 *       to the master playlist.</li>
 * </ol>
 */
public final class TranscodeBenchmark {

    public static final String OPENH264 = H264Encoder.OPENH264;
    public static final String X264 = H264Encoder.X264;
    /** HLS segment (and GOP) seconds of the function's default configuration. */
    public static final int SEGMENT_SECONDS = 6;
    public static final int AUDIO_KBPS = 128;

    private static final String UPLOADS = "bench-uploads";
    private static final String RENDITIONS = "bench-renditions";
    private static final String WORK = "bench-work";

    private TranscodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/benchmark"));
        int cores = Runtime.getRuntime().availableProcessors();
        String encoder = encoder("auto");
        Path source = dir.resolve("source-1080p30-60s.mp4");
        if (!Files.exists(source)) {
            long g0 = System.nanoTime();
            generate(source, 1920, 1080, 60);
            System.out.printf(Locale.ROOT, "generated %s (%d MB) in %.1f s%n", source, Files.size(source) >> 20, secs(g0));
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, load average %s; H.264 encoder of this build: %s%n", cores,
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0], encoder);

        double ours = ours(source, dir.resolve("ours"), encoder, cores).seconds();
        System.out.printf(Locale.ROOT, "ours (%s): %.1f s for the ladder of %s%n", encoder, ours, source.getFileName());
        double bundled = timed(cliCommand(bundledFfmpeg().toString(), encoder, source, dir.resolve("cli-bundled"), cores));
        System.out.printf(Locale.ROOT, "FFmpeg %s CLI of the same natives (%s, same settings): %.1f s; ratio ours/CLI %.2f%n",
                ffmpegVersion(), encoder, bundled, ours / bundled);
        if (Files.isExecutable(Path.of("/usr/bin/ffmpeg"))) {
            double cli = timed(cliCommand("/usr/bin/ffmpeg", X264, source, dir.resolve("cli"), cores));
            System.out.printf(Locale.ROOT, "Debian ffmpeg CLI (libx264 veryfast, same settings): %.1f s; ratio ours/CLI %.2f%s%n",
                    cli, ours / cli, encoder.equals(X264) ? "" : "  (encoders differ: run with -Pgpl for libx264 on both sides)");
        } else {
            System.out.println("Debian's ffmpeg is not installed (apt-get install -y ffmpeg): no comparison with it");
        }

        for (String e : List.of(OPENH264, X264)) {
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
        for (int workers : new int[] {1, 2, 4}) {
            Parallel p = parallel(source, dir, workers, Math.max(1, cores / workers), chunkSegments(60));
            System.out.printf(Locale.ROOT, "segment-parallel, %d chunks, %d worker(s): %.1f s wall (planner %.1f s)%n",
                    p.chunks(), workers, p.wallSeconds(), p.plannerSeconds());
        }
    }

    // ---------------------------------------------------------------- the input

    /** The benchmark clip: a noisy moving pattern (camera-like, hard to encode) at 30 fps, 8 Mb/s, stereo AAC. */
    public static void generate(Path file, int width, int height, double seconds) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        SyntheticVideo.video().size(width, height).seconds(seconds).noisy().videoKbps(8000).audioKbps(128).gopSeconds(2)
                .writeTo(partial);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** {@code auto} (libx264 when these natives have it, as the function decides), {@code libopenh264} or {@code libx264}. */
    public static String encoder(String preference) {
        return H264Encoder.choose(preference);
    }

    /** The FFmpeg version of the natives on the classpath. */
    public static String ffmpegVersion() {
        Av.init();
        return org.bytedeco.ffmpeg.global.avutil.av_version_info().getString();
    }

    /**
     * The {@code ffmpeg} executable the JavaCPP presets ship next to the libraries this JVM loaded (same build, same
     * encoders), extracted to the JavaCPP cache. The function never ships it (the Lambda package filters it out).
     */
    public static Path bundledFfmpeg() {
        return Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
    }

    /** The renditions of the default ladder for a source (never above its size). */
    public static List<VideoLadder.Rendition> ladderFor(Path source) {
        VideoProbe probe = Prober.probe(source);
        return VideoLadder.defaults().renditionsFor(probe.width(), probe.height());
    }

    // ---------------------------------------------------------------- one invocation's worth of work

    /**
     * What {@link #ours} did.
     *
     * @param segments the HLS segments it wrote per rendition name, in order
     */
    public record Ours(String encoder, double seconds, Map<String, List<Path>> segments) {
    }

    /**
     * This module's work for one video in one invocation, without S3 or posters: probe, scan, audio, the only chunk
     * (decoded once, one filter graph scaling to every rung, one encoder per rung, MPEG-TS segments).
     */
    public static Ours ours(Path source, Path out, String encoder, int threads) throws IOException {
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        VideoProbe probe = Prober.probe(source);
        SourceScan scan = SourceScan.scan(source, probe);
        Rational fps = OutputTiming.frameRate(probe, scan, 60);
        FrameGrid grid = new FrameGrid(fps, OutputTiming.frames(scan, fps), SEGMENT_SECONDS, Integer.MAX_VALUE / SEGMENT_SECONDS);
        List<VideoLadder.Rendition> renditions = VideoLadder.defaults().renditionsFor(probe.width(), probe.height());
        TranscodePlan.AudioTrack track = null;
        List<byte[]> audioFrames = List.of();
        if (probe.hasAudio()) {
            Path adts = out.resolve("audio.aac");
            AudioTrackEncoder.Result audio = AudioTrackEncoder.encode(source, probe, scan.origin(), AUDIO_KBPS, adts);
            track = new TranscodePlan.AudioTrack("audio", AudioTrackEncoder.SAMPLE_RATE, audio.channels(), AUDIO_KBPS,
                    audio.firstPts(), audio.packets());
            audioFrames = AdtsFrames.split(Files.readAllBytes(adts));
        }
        TranscodePlan plan = new TranscodePlan("0123456789abcdef01234567", "0123456789abcdef", "b", "k", "e", grid, renditions,
                probe.rotation(), probe.mirrored(), probe.width(), probe.height(), probe.videoCodec(), "aac", encoder, track,
                List.of(new TranscodePlan.Chunk(0, null, scan.origin(), 0, 0, 0)), false);
        Map<String, List<Path>> segments = Collections.synchronizedMap(new java.util.LinkedHashMap<>());
        for (VideoLadder.Rendition r : renditions) {
            segments.put(r.name(), Collections.synchronizedList(new ArrayList<>()));
        }
        new ChunkEncoder(plan, 0, threads).encode(new ChunkEncoder.Input(source, probe.videoStream(), scan.origin()),
                audioFrames, out, (rendition, segment, file) -> segments.get(rendition).add(file));
        return new Ours(encoder, secs(t0), segments);
    }

    /**
     * The same ladder with an {@code ffmpeg} command line at this module's settings for {@code encoder}: the same
     * scale filter per rung (bicubic, BT.709, limited range, yuv420p), the options {@link H264Encoder} gives the
     * encoder (rate control, GOP, B-frames, slices), an IDR at every segment start and nowhere else, AAC encoded
     * once, 6 s MPEG-TS HLS segments {@code out/<rendition>-NNNNN.ts} with playlists. {@code threads} for decoder,
     * filters and encoders alike.
     */
    public static List<String> cliCommand(String ffmpeg, String encoder, Path source, Path out, int threads) throws IOException {
        Files.createDirectories(out);
        VideoProbe probe = Prober.probe(source);
        SourceScan scan = SourceScan.scan(source, probe);
        Rational fps = OutputTiming.frameRate(probe, scan, 60);
        int keyint = (int) Math.round(SEGMENT_SECONDS * fps.value());
        List<VideoLadder.Rendition> ladder = VideoLadder.defaults().renditionsFor(probe.width(), probe.height());
        String t = Integer.toString(Math.max(1, threads));
        // as ChunkEncoder: the decoder and the filter graph get every thread, each rung's encoder its share
        String perRung = Integer.toString(Math.max(1, threads / ladder.size()));
        StringBuilder filter = new StringBuilder("[0:v]split=" + ladder.size());
        for (int i = 0; i < ladder.size(); i++) {
            filter.append("[s").append(i).append(']');
        }
        StringBuilder map = new StringBuilder();
        for (int i = 0; i < ladder.size(); i++) {
            VideoLadder.Rendition r = ladder.get(i);
            filter.append(String.format(Locale.ROOT,
                    ";[s%d]scale=w=%d:h=%d:flags=bicubic:out_color_matrix=bt709:out_range=tv,format=yuv420p,setsar=1[v%d]",
                    i, r.width(), r.height(), i));
            map.append("v:").append(i).append(",agroup:aud,name:").append(r.name()).append(' ');
        }
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-y",
                "-threads", t, "-i", source.toString(), "-filter_complex_threads", t, "-filter_complex", filter.toString()));
        for (int i = 0; i < ladder.size(); i++) {
            long bitrate = ladder.get(i).videoKbps() * 1000L;
            cmd.addAll(List.of("-map", "[v" + i + "]", "-c:v:" + i, encoder, "-b:v:" + i, Long.toString(bitrate)));
            if (encoder.equals(X264)) {
                cmd.addAll(List.of("-maxrate:v:" + i, Long.toString(bitrate * 3 / 2), "-bufsize:v:" + i, Long.toString(bitrate * 2)));
            }
        }
        cmd.addAll(List.of("-threads", perRung, "-r", fps.num() + "/" + fps.den(), "-fps_mode", "cfr",
                "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                "-force_key_frames", "expr:gte(t,n_forced*" + SEGMENT_SECONDS + ")"));
        if (encoder.equals(X264)) {
            cmd.addAll(List.of("-g", Integer.toString(keyint), "-keyint_min", Integer.toString(keyint), "-bf", "2"));
        } else {
            cmd.addAll(List.of("-g", Integer.toString(keyint * 4), "-bf", "0", "-slices", perRung));
        }
        for (Map.Entry<String, String> o : H264Encoder.options(encoder, keyint).entrySet()) {
            cmd.addAll(List.of("-" + o.getKey(), o.getValue()));
        }
        if (probe.hasAudio()) {
            cmd.addAll(List.of("-map", "0:a:0", "-c:a", "aac", "-b:a", AUDIO_KBPS + "k", "-ar", "48000", "-ac", "2"));
            map.append("a:0,agroup:aud,name:audio");
        }
        cmd.addAll(List.of("-f", "hls", "-hls_time", Integer.toString(SEGMENT_SECONDS), "-hls_playlist_type", "vod",
                "-hls_segment_type", "mpegts", "-var_stream_map", map.toString().trim(), "-master_pl_name", "master.m3u8",
                "-hls_segment_filename", out.resolve("%v-%05d.ts").toString(), out.resolve("%v.m3u8").toString()));
        return cmd;
    }

    private static double timed(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + String.join(" ", command));
        }
        return secs(t0);
    }

    // ---------------------------------------------------------------- segment-parallel mode

    /**
     * One segment-parallel run.
     *
     * @param plannerSeconds the planner invocation (download, probe, scan, split, audio, posters, task uploads)
     * @param chunkSeconds   each chunk task's own wall time (encode, segment uploads, completion; the last one also
     *                       publishes the playlists), in task order
     * @param chunks         chunk tasks fanned out (0: the planner encoded the video in one piece, too short to split)
     * @param wallSeconds    from the upload event to the last task's return (the master playlist is written)
     * @param cpuSeconds     this process's CPU time over the same span (the S3 API server's share included)
     */
    public record Parallel(String plannerOutcome, int chunks, int workers, int threadsPerWorker, double plannerSeconds,
                           List<Double> chunkSeconds, double wallSeconds, double cpuSeconds, int completed, String encoder) {
    }

    /** Segments per chunk for a clip of this length: at least 4 chunks where the clip allows (60 s: 5 chunks of 12 s). */
    public static int chunkSegments(double seconds) {
        int segments = (int) Math.ceil(seconds / SEGMENT_SECONDS);
        return Math.max(1, segments / 4);
    }

    /** {@link #parallel(S3Client, Path, Path, int, int, int)} against its own S3 API server (S3Proxy in this JVM). */
    public static Parallel parallel(Path source, Path dir, int workers, int threadsPerWorker, int chunkSegments) throws Exception {
        try (EmbeddedS3 server = EmbeddedS3.start(); S3Client s3 = server.client()) {
            for (String b : List.of(UPLOADS, RENDITIONS, WORK)) {
                s3.createBucket(r -> r.bucket(b));
            }
            return parallel(s3, source, dir, workers, threadsPerWorker, chunkSegments);
        }
    }

    /**
     * Upload, the planner invocation (parallel mode for any length, {@code chunkSegments} segments per chunk), then
     * the chunk tasks on {@code workers} concurrent "invocations" with {@code threadsPerWorker} encoder threads each.
     */
    public static Parallel parallel(S3Client s3, Path source, Path dir, int workers, int threadsPerWorker, int chunkSegments)
            throws Exception {
        String key = "bench/" + workers + "-workers.mp4";
        String eTag = s3.putObject(b -> b.bucket(UPLOADS).key(key), RequestBody.fromFile(source)).eTag().replace("\"", "");
        TranscodeConfig config = new TranscodeConfig(UPLOADS, RENDITIONS, WORK, VideoLadder.defaults(), DeviceProfiles.defaults(),
                SEGMENT_SECONDS, chunkSegments, 0, AUDIO_KBPS, 60, "auto", VideoLimits.DEFAULTS, threadsPerWorker,
                Files.createDirectories(dir.resolve("lambda-tmp")), 82);
        TranscodeService service = new TranscodeService(config, new S3ObjectStore(s3), new S3TaskLedger(s3, WORK),
                new ImageCorePosterRenderer(RenderOptions.defaults()));
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        TranscodeService.Outcome planned = service.onUpload(new SourceObject(UPLOADS, key, Files.size(source), eTag, null));
        double planner = secs(t0);
        List<String> tasks = s3.listObjectsV2Paginator(b -> b.bucket(WORK).prefix(KeyLayout.workPrefix(new SourceObject(UPLOADS, key, 0, null, null).assetId())))
                .contents().stream().map(o -> o.key()).filter(k -> k.endsWith(TranscodePlan.TASK_SUFFIX)).sorted().toList();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<double[]>> results = new ArrayList<>();
        for (String task : tasks) {
            results.add(pool.submit(() -> {
                long c0 = System.nanoTime();
                TranscodeService.Outcome o = service.onChunkTask(WORK, task);
                return new double[] {secs(c0), o == TranscodeService.Outcome.COMPLETED ? 1 : 0};
            }));
        }
        int completed = 0;
        List<Double> chunkSeconds = new ArrayList<>();
        for (Future<double[]> f : results) {
            double[] r = f.get();
            chunkSeconds.add(r[0]);
            completed += (int) r[1];
        }
        pool.shutdown();
        double wall = secs(t0);
        double cpu = (cpuNanos() - cpu0) / 1e9;
        if (!s3.listObjectsV2(b -> b.bucket(RENDITIONS)).contents().stream().anyMatch(o -> o.key().endsWith("hls/master.m3u8"))) {
            throw new IllegalStateException("no master playlist after the run (planner " + planned + ", " + completed + " completed)");
        }
        // S3Proxy keeps objects in this JVM's heap: empty the buckets between runs
        for (String bucket : List.of(UPLOADS, RENDITIONS, WORK)) {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()
                    .forEach(o -> s3.deleteObject(b -> b.bucket(bucket).key(o.key())));
        }
        return new Parallel(planned.name(), tasks.size(), workers, threadsPerWorker, planner, List.copyOf(chunkSeconds), wall,
                cpu, completed, H264Encoder.choose("auto"));
    }

    /** User + system time of this process, threads that have ended included. */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
