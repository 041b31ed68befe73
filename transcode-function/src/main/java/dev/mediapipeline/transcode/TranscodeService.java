package dev.mediapipeline.transcode;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.MediaKind;
import dev.mediapipeline.model.MediaTypeDetector;
import dev.mediapipeline.model.ObjectInfo;
import dev.mediapipeline.model.ObjectNotFoundException;
import dev.mediapipeline.model.ObjectStore;
import dev.mediapipeline.model.RenditionMetadata;
import dev.mediapipeline.model.SourceObject;
import dev.mediapipeline.model.StoredObject;
import dev.mediapipeline.model.VideoLadder.Rendition;
import dev.mediapipeline.model.VideoSummary;
import dev.mediapipeline.model.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns uploaded videos into HLS. Two entry points, both idempotent:
 * <ul>
 *   <li>{@link #onUpload}: the planner. Checks the upload is a video within limits, probes and scans it, chooses
 *       the output timeline and the ladder, encodes the audio once; then either encodes the only chunk itself
 *       (videos up to the parallel threshold: same code path, one chunk) or splits the video at keyframes into
 *       chunk files and writes one task object per chunk into the work bucket, whose creation events invoke this
 *       function once per chunk. Finally it renders the poster frames.</li>
 *   <li>{@link #onChunkTask}: a worker. Encodes one chunk into its segments of every rendition.</li>
 * </ul>
 * Chunks and posters are the run's tasks; each finished task is recorded in the {@link TaskLedger}, and whoever
 * records the last one writes the rendition playlists and then the master playlist: the master appears only when
 * every segment and poster exists, and never if any task fails (the failure ends in Lambda's on-failure
 * destination, and the asset's status becomes FAILED).
 */
public final class TranscodeService {

    private static final Logger LOG = LoggerFactory.getLogger(TranscodeService.class);
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final String POSTERS_TASK = "posters";
    static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
    static final String SEGMENT_TYPE = "video/mp2t";
    private static final String PLAYLIST_CACHE = "public, max-age=60";
    private static final String POSTER_CACHE = "public, max-age=300";
    private static final Pattern TASK_KEY = Pattern.compile("work/([0-9a-f]{24})/([0-9a-f]{16})/tasks/chunk-(\\d{4})\\.task\\.json");

    /** What an invocation did. */
    public enum Outcome {
        /** Not for this function (another bucket, a folder marker, an object deleted since). */
        IGNORED,
        /** Not a video by its content (images, audio, documents, empty objects): other functions report it. */
        NOT_A_VIDEO,
        /**
         * A video container holding only audio (a voice memo saved as .mp4): nothing to transcode, and retrying cannot
         * change that; the index reports it UNSUPPORTED ("audio only") from its own probe.
         */
        AUDIO_ONLY,
        /** This version of the upload is already transcoded. */
        ALREADY_DONE,
        /** The event repeated work already done or under way. */
        DUPLICATE,
        /** Chunks were fanned out; workers will finish the run. */
        FANNED_OUT,
        /** This invocation's task is done; others are still running. */
        TASK_DONE,
        /** This invocation finished the run: playlists and master written. */
        COMPLETED,
        /** The upload changed since the run started: its results were not published. */
        SUPERSEDED
    }

    /** The payload of a chunk task object. */
    record ChunkTask(TranscodePlan plan, int chunk) {
    }

    /** The result recorded for the posters task. */
    record PosterResult(double time, double lumaVariance, List<String> profiles) {
    }

    private final TranscodeConfig config;
    private final ObjectStore store;
    private final TaskLedger ledger;
    private final PosterRenderer posters;

    public TranscodeService(TranscodeConfig config, ObjectStore store, TaskLedger ledger, PosterRenderer posters) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.posters = Objects.requireNonNull(posters, "posters");
    }

    public TranscodeConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- planner

    public Outcome onUpload(SourceObject source) {
        if (!source.bucket().equals(config.uploadBucket())) {
            LOG.warn("ignoring an event from bucket {}: this function transcodes uploads of {}", source.bucket(), config.uploadBucket());
            return Outcome.IGNORED;
        }
        if (KeyLayout.isFolderMarker(source.key())) {
            return Outcome.IGNORED;
        }
        Optional<ObjectInfo> head = store.head(source.bucket(), source.key());
        if (head.isEmpty()) {
            LOG.info("the upload no longer exists; nothing to transcode");
            return Outcome.IGNORED;
        }
        ObjectInfo info = head.get();
        if (info.size() == 0) {
            return Outcome.NOT_A_VIDEO;
        }
        MediaFormat format = detect(source);
        if (format.kind() != MediaKind.VIDEO) {
            LOG.info("not a video ({}); nothing to transcode", format);
            return Outcome.NOT_A_VIDEO;
        }
        config.limits().checkSize(info.size());
        AssetId asset = source.assetId();
        MDC.put("assetId", asset.value());
        String eTag = info.eTag() == null ? "" : info.eTag();
        String runId = runId(eTag, info.size());
        if (isPublished(asset, runId)) {
            LOG.info("this version is already transcoded (run {})", runId);
            return Outcome.ALREADY_DONE;
        }
        String runPrefix = KeyLayout.workPrefix(asset) + runId + "/";
        Optional<TranscodePlan> planned = readPlan(runPrefix);
        if (planned.isPresent() && ledger.isComplete(runPrefix, POSTERS_TASK)) {
            LOG.info("run {} was planned before; nothing left for the planner", runId);
            return finishIfComplete(planned.get(), POSTERS_TASK) == Outcome.COMPLETED ? Outcome.COMPLETED : Outcome.DUPLICATE;
        }
        try (WorkArea work = WorkArea.create(config.workDir());
             Uploader uploader = new Uploader(store, 4)) {
            Path file = download(source.bucket(), source.key(), work.resolve("source." + format.extension()));
            VideoProbe probe;
            try {
                probe = Prober.probe(file);
            } catch (NoVideoStreamException e) {
                if (e.hasAudio()) {
                    LOG.info("audio only, nothing to transcode: {}", e.getMessage());
                    return Outcome.AUDIO_ONLY;
                }
                throw e;
            }
            config.limits().checkPicture(probe.codedWidth(), probe.codedHeight());
            if (!Double.isNaN(probe.durationSeconds())) {
                config.limits().checkDuration(probe.durationSeconds());
            }
            SourceScan scan = SourceScan.scan(file, probe);
            config.limits().checkDuration(Math.max(scan.videoEnd(), Double.isNaN(scan.audioEnd()) ? 0 : scan.audioEnd()));
            TranscodePlan plan = planned.orElse(null);
            if (plan == null) {
                plan = plan(source, eTag, runId, file, probe, scan, work, uploader);
                if (plan.parallel()) {
                    LOG.info("run {}: {} chunks fanned out, {} renditions, {} frames at {} fps", runId, plan.chunks().size(),
                            plan.renditions().size(), plan.grid().frames(), plan.grid().fps());
                }
            }
            TaskLedger.Completion done = renderPosters(plan, file, probe, scan, uploader);
            if (done.completed() >= plan.expectedTasks() && ledger.claimPublication(runPrefix, POSTERS_TASK)) {
                return finish(plan);
            }
            return plan.parallel() ? Outcome.FANNED_OUT : Outcome.TASK_DONE;
        }
    }

    private TranscodePlan plan(SourceObject source, String eTag, String runId, Path file, VideoProbe probe, SourceScan scan,
                               WorkArea work, Uploader uploader) {
        Rational fps = OutputTiming.frameRate(probe, scan, config.maxFrameRate());
        long frames = OutputTiming.frames(scan, fps);
        FrameGrid grid = new FrameGrid(fps, frames, config.segmentSeconds(), config.chunkSegments());
        boolean parallel = scan.videoEnd() > config.parallelAboveSeconds() && grid.chunkCount() > 1;
        if (parallel && !ChunkSplitter.keyframesDenseEnough(scan.keyframes(), grid)) {
            LOG.info("keyframes too sparse to cut {} chunks ({} keyframes): encoding in one piece", grid.chunkCount(),
                    scan.keyframes().size());
            parallel = false;
        }
        if (!parallel) {
            grid = new FrameGrid(fps, frames, config.segmentSeconds(), Integer.MAX_VALUE / config.segmentSeconds());
        }
        List<Rendition> renditions = config.ladder().renditionsFor(probe.width(), probe.height());
        String encoder = H264Encoder.choose(config.encoder());
        AssetId asset = source.assetId();
        String runPrefix = KeyLayout.workPrefix(asset) + runId + "/";

        Path audioFile = work.resolve("audio.aac");
        CompletableFuture<AudioTrackEncoder.Result> audio = probe.hasAudio()
                ? CompletableFuture.supplyAsync(() -> AudioTrackEncoder.encode(file, probe, scan.origin(), config.audioKbps(), audioFile))
                : CompletableFuture.completedFuture(null);
        double[] chunkOffset = {scan.origin()};
        TranscodePlan draft = new TranscodePlan(asset.value(), runId, source.bucket(), source.key(), eTag, grid, renditions,
                probe.rotation(), probe.mirrored(), probe.width(), probe.height(), probe.videoCodec(),
                probe.audio().map(VideoProbe.Audio::codec).orElse(null), encoder, null, List.of(), parallel);
        if (parallel) {
            // the split is I/O: it runs while the audio encodes on another core
            Path chunkDir = work.directory("chunks");
            try {
                chunkOffset[0] = ChunkSplitter.split(file, probe, scan, grid, chunkDir, (chunk, chunkFile) ->
                        uploader.upload(config.workBucket(), draft.chunkMediaKey(chunk), chunkFile, WriteOptions.of("video/x-matroska")));
            } catch (RuntimeException e) {
                // let the audio encoder stop using the work directory before it is deleted
                audio.handle((r, x) -> null).join();
                throw e;
            }
        }
        AudioTrackEncoder.Result encoded = join(audio);
        TranscodePlan.AudioTrack track = null;
        long[] offsets = null;
        if (encoded != null) {
            track = new TranscodePlan.AudioTrack(draft.audioKey(), AudioTrackEncoder.SAMPLE_RATE, encoded.channels(),
                    config.audioKbps(), encoded.firstPts(), encoded.packets());
            try {
                offsets = AdtsFrames.offsets(audioFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (offsets.length - 1 != encoded.packets()) {
                throw new IllegalStateException("the audio track has " + (offsets.length - 1) + " ADTS frames, the encoder made " + encoded.packets());
            }
        }
        List<TranscodePlan.Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < grid.chunkCount(); i++) {
            long[] packets = track == null ? new long[] {0, 0} : track.chunkPackets(grid, i);
            long byteStart = offsets == null ? 0 : offsets[(int) packets[0]];
            long byteEnd = offsets == null ? 0 : offsets[(int) packets[1]];
            chunks.add(new TranscodePlan.Chunk(i, parallel ? draft.chunkMediaKey(i) : null,
                    parallel ? chunkOffset[0] : scan.origin(), packets[0], byteStart, byteEnd));
        }
        TranscodePlan plan = new TranscodePlan(draft.assetId(), runId, draft.sourceBucket(), draft.sourceKey(), eTag, grid,
                renditions, draft.rotation(), draft.mirrored(), draft.width(), draft.height(), draft.videoCodec(),
                draft.audioCodec(), encoder, track, List.copyOf(chunks), parallel);
        if (!parallel) {
            List<byte[]> audioFrames = List.of();
            if (track != null) {
                try {
                    audioFrames = AdtsFrames.split(Files.readAllBytes(audioFile));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            ChunkResult result = new ChunkEncoder(plan, 0, config.effectiveThreads()).encode(
                    new ChunkEncoder.Input(file, probe.videoStream(), scan.origin()), audioFrames,
                    work.directory("out"), segmentSink(plan, uploader));
            uploader.awaitAll();
            ledger.complete(runPrefix, TranscodePlan.chunkName(0), json(result));
            return plan;
        }
        if (track != null) {
            uploader.upload(config.workBucket(), plan.audioKey(), audioFile, WriteOptions.of("audio/aac"));
        }
        uploader.awaitAll();
        for (int i = 0; i < chunks.size(); i++) {
            store.put(config.workBucket(), plan.taskKey(i), json(new ChunkTask(plan, i)), WriteOptions.of("application/json"));
        }
        store.put(config.workBucket(), runPrefix + "plan.json", json(plan), WriteOptions.of("application/json"));
        return plan;
    }

    private TaskLedger.Completion renderPosters(TranscodePlan plan, Path file, VideoProbe probe, SourceScan scan, Uploader uploader) {
        PosterFrames.Choice choice = PosterFrames.pick(file, probe, scan);
        List<PosterRenderer.Poster> rendered = posters.render(choice.image(), config.posterProfiles());
        String profileSet = String.join(",", config.posterProfiles().names());
        for (PosterRenderer.Poster p : rendered) {
            WriteOptions options = sourceOf(plan, WriteOptions.of(p.contentType()).withCacheControl(POSTER_CACHE))
                    .withMetadata(RenditionMetadata.PROFILE, p.profile())
                    .withMetadata(RenditionMetadata.PROFILE_SET, profileSet);
            store.put(config.renditionsBucket(), KeyLayout.thumbnailKey(plan.asset(), p.profile(), p.extension()), p.bytes(),
                    RenditionMetadata.withSize(options, p.width(), p.height()));
        }
        LOG.info("poster frame at {} s (luma variance {})", String.format(java.util.Locale.ROOT, "%.2f", choice.time()),
                Math.round(choice.lumaVariance()));
        PosterResult result = new PosterResult(choice.time(), choice.lumaVariance(),
                rendered.stream().map(PosterRenderer.Poster::profile).toList());
        return ledger.complete(plan.runPrefix(), POSTERS_TASK, json(result));
    }

    // ---------------------------------------------------------------- worker

    public Outcome onChunkTask(String bucket, String key) {
        if (!bucket.equals(config.workBucket())) {
            LOG.warn("ignoring an event from bucket {}: chunk tasks live in {}", bucket, config.workBucket());
            return Outcome.IGNORED;
        }
        Matcher m = TASK_KEY.matcher(key);
        if (!m.matches()) {
            LOG.debug("not a chunk task: {}", key);
            return Outcome.IGNORED;
        }
        MDC.put("assetId", m.group(1));
        ChunkTask task;
        try (StoredObject object = store.open(bucket, key); InputStream in = object.content()) {
            task = JSON.readValue(in, ChunkTask.class);
        } catch (ObjectNotFoundException e) {
            LOG.info("the chunk task is gone (expired); nothing to do");
            return Outcome.IGNORED;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chunk task " + key, e);
        }
        TranscodePlan plan = task.plan();
        int chunk = task.chunk();
        if (isPublished(plan.asset(), plan.runId())) {
            return Outcome.ALREADY_DONE;
        }
        String taskName = TranscodePlan.chunkName(chunk);
        if (ledger.isComplete(plan.runPrefix(), taskName)) {
            LOG.info("{} of run {} is already done", taskName, plan.runId());
            return finishIfComplete(plan, taskName) == Outcome.COMPLETED ? Outcome.COMPLETED : Outcome.DUPLICATE;
        }
        TranscodePlan.Chunk c = plan.chunks().get(chunk);
        try (WorkArea work = WorkArea.create(config.workDir());
             Uploader uploader = new Uploader(store, 4)) {
            Path video = download(config.workBucket(), c.mediaKey(), work.resolve(taskName + ".mkv"));
            List<byte[]> audioFrames = List.of();
            if (plan.audio() != null && c.audioByteEnd() > c.audioByteStart()) {
                try (StoredObject o = store.openRange(config.workBucket(), plan.audio().key(), c.audioByteStart(),
                        c.audioByteEnd() - c.audioByteStart()); InputStream in = o.content()) {
                    audioFrames = AdtsFrames.split(in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            long t0 = System.nanoTime();
            ChunkResult result = new ChunkEncoder(plan, chunk, config.effectiveThreads()).encode(
                    new ChunkEncoder.Input(video, 0, c.timeOffset()), audioFrames, work.directory("out"),
                    segmentSink(plan, uploader));
            uploader.awaitAll();
            LOG.info("{} of run {} encoded in {} ms", taskName, plan.runId(), (System.nanoTime() - t0) / 1_000_000);
            TaskLedger.Completion done = ledger.complete(plan.runPrefix(), taskName, json(result));
            if (done.completed() >= plan.expectedTasks() && ledger.claimPublication(plan.runPrefix(), taskName)) {
                return finish(plan);
            }
            return Outcome.TASK_DONE;
        }
    }

    // ---------------------------------------------------------------- finishing

    private Outcome finishIfComplete(TranscodePlan plan, String task) {
        return ledger.completed(plan.runPrefix()) >= plan.expectedTasks() && ledger.claimPublication(plan.runPrefix(), task)
                ? finish(plan) : Outcome.DUPLICATE;
    }

    /**
     * Writes the rendition playlists, then the master (with the video's summary), then drops older runs' segments.
     * Every playlist carries the source version ({@link RenditionMetadata}) and its picture size, so the index records
     * it for this version only.
     */
    Outcome finish(TranscodePlan plan) {
        Optional<ObjectInfo> source = store.head(plan.sourceBucket(), plan.sourceKey());
        if (source.isEmpty() || !Objects.equals(source.get().eTag(), plan.sourceETag())) {
            LOG.warn("run {}: the upload was {} meanwhile; not publishing its playlists", plan.runId(),
                    source.isEmpty() ? "deleted" : "replaced");
            dropRun(plan, source.isEmpty());
            return Outcome.SUPERSEDED;
        }
        List<ChunkResult> results = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : ledger.results(plan.runPrefix()).entrySet()) {
            if (e.getKey().startsWith("chunk-")) {
                try {
                    results.add(JSON.readValue(e.getValue(), ChunkResult.class));
                } catch (IOException ex) {
                    throw new UncheckedIOException("unreadable result of " + e.getKey(), ex);
                }
            }
        }
        List<HlsPlaylists.Variant> variants = HlsPlaylists.variants(plan, results);
        AssetId asset = plan.asset();
        WriteOptions playlistOptions = sourceOf(plan, WriteOptions.of(PLAYLIST_TYPE).withCacheControl(PLAYLIST_CACHE));
        for (HlsPlaylists.Variant v : variants) {
            store.put(config.renditionsBucket(), KeyLayout.hlsPlaylistKey(asset, v.rendition().name()),
                    HlsPlaylists.media(plan, v).getBytes(StandardCharsets.UTF_8),
                    RenditionMetadata.withSize(playlistOptions, v.rendition().width(), v.rendition().height()));
        }
        VideoSummary summary = new VideoSummary(Math.round(plan.grid().duration() * 1000), plan.width(), plan.height(),
                plan.grid().fps().toString(), plan.videoCodec(), Optional.ofNullable(plan.audioCodec()),
                plan.renditions().stream().map(Rendition::name).toList(), variants.get(0).codecs(), plan.runId());
        Rendition largest = plan.renditions().get(0);
        WriteOptions masterOptions = RenditionMetadata.withSize(playlistOptions, largest.width(), largest.height());
        for (Map.Entry<String, String> e : summary.toUserMetadata().entrySet()) {
            masterOptions = masterOptions.withMetadata(e.getKey(), e.getValue());
        }
        store.put(config.renditionsBucket(), KeyLayout.hlsMasterKey(asset),
                HlsPlaylists.master(plan, variants).getBytes(StandardCharsets.UTF_8), masterOptions);
        LOG.info("run {} published: {} renditions, {} segments each, {} s", plan.runId(), variants.size(),
                plan.grid().segmentCount(), String.format(java.util.Locale.ROOT, "%.3f", plan.grid().duration()));
        dropOtherRuns(plan);
        return Outcome.COMPLETED;
    }

    /**
     * Segments of earlier versions of this upload are no longer referenced by any playlist; nor are the media
     * playlists of rungs this version does not have (an earlier version was larger).
     */
    private void dropOtherRuns(TranscodePlan plan) {
        String prefix = KeyLayout.hlsPrefix(plan.asset());
        java.util.Set<String> rungs = new java.util.HashSet<>(plan.renditions().stream().map(Rendition::name).toList());
        List<String> stale = new ArrayList<>();
        for (ObjectInfo o : store.list(config.renditionsBucket(), prefix)) {
            Optional<KeyLayout.RenditionKey> k = KeyLayout.parseRendition(o.key());
            if (k.isEmpty()) {
                continue;
            }
            boolean oldSegment = k.get().role() == KeyLayout.RenditionKey.Role.HLS_SEGMENT && !k.get().file().startsWith(plan.runId() + "-");
            boolean oldRung = k.get().role() != KeyLayout.RenditionKey.Role.HLS_MASTER && !rungs.contains(k.get().name());
            if (oldSegment || oldRung) {
                stale.add(o.key());
            }
        }
        if (!stale.isEmpty()) {
            store.deleteAll(config.renditionsBucket(), stale);
            LOG.info("run {}: {} objects of earlier versions deleted", plan.runId(), stale.size());
        }
    }

    /**
     * A run whose upload was deleted or replaced before it finished: its segments are referenced by no playlist, so
     * they go. When the upload was deleted, the posters this run wrote go too (the index's cascade may have run
     * before they were written); a replacement's posters (another source ETag) stay.
     */
    private void dropRun(TranscodePlan plan, boolean uploadDeleted) {
        List<String> ours = new ArrayList<>();
        for (ObjectInfo o : store.list(config.renditionsBucket(), KeyLayout.hlsPrefix(plan.asset()))) {
            Optional<KeyLayout.RenditionKey> k = KeyLayout.parseRendition(o.key());
            if (k.isPresent() && k.get().role() == KeyLayout.RenditionKey.Role.HLS_SEGMENT && k.get().file().startsWith(plan.runId() + "-")) {
                ours.add(o.key());
            }
        }
        if (uploadDeleted) {
            for (ObjectInfo o : store.list(config.renditionsBucket(), KeyLayout.thumbnailPrefix(plan.asset()))) {
                boolean fromThisRun = store.head(config.renditionsBucket(), o.key())
                        .map(i -> plan.sourceETag().equals(i.userMetadata().get(RenditionMetadata.SOURCE_ETAG)))
                        .orElse(false);
                if (fromThisRun) {
                    ours.add(o.key());
                }
            }
        }
        if (!ours.isEmpty()) {
            store.deleteAll(config.renditionsBucket(), ours);
        }
        LOG.info("run {}: {} objects it wrote deleted", plan.runId(), ours.size());
    }

    /** The source version every rendition of the run names (RenditionMetadata). */
    private static WriteOptions sourceOf(TranscodePlan plan, WriteOptions options) {
        return RenditionMetadata.withSource(options, plan.sourceBucket(), plan.sourceKey(), plan.sourceETag());
    }

    // ---------------------------------------------------------------- helpers

    private ChunkEncoder.SegmentSink segmentSink(TranscodePlan plan, Uploader uploader) {
        return (rendition, segment, file) -> uploader.upload(config.renditionsBucket(),
                KeyLayout.hlsFileKey(plan.asset(), rendition, file.getFileName().toString()), file,
                WriteOptions.of(SEGMENT_TYPE).withCacheControl(WriteOptions.IMMUTABLE_CACHE));
    }

    private boolean isPublished(AssetId asset, String runId) {
        return store.head(config.renditionsBucket(), KeyLayout.hlsMasterKey(asset))
                .map(i -> runId.equals(i.userMetadata().get(VideoSummary.RUN_ID)))
                .orElse(false);
    }

    private Optional<TranscodePlan> readPlan(String runPrefix) {
        try (StoredObject o = store.open(config.workBucket(), runPrefix + "plan.json"); InputStream in = o.content()) {
            return Optional.of(JSON.readValue(in, TranscodePlan.class));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MediaFormat detect(SourceObject source) {
        try (StoredObject head = store.openRange(source.bucket(), source.key(), 0, MediaTypeDetector.HEADER_BYTES);
             InputStream in = head.content()) {
            return MediaTypeDetector.detect(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path download(String bucket, String key, Path target) {
        try (StoredObject o = store.open(bucket, key); InputStream in = o.content()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download s3://" + bucket + "/" + key, e);
        }
    }

    /** 16 hex characters identifying a version of the upload (its ETag and size). */
    static String runId(String eTag, long size) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((eTag + "/" + size).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
