package dev.mediapipeline.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import dev.mediapipeline.model.VideoLadder.Rendition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes one chunk of the output timeline, frames {@code [grid.chunkStartFrame(c), grid.chunkEndFrame(c))}, into
 * the HLS segments of every rendition.
 *
 * <p>Decoded frames are mapped onto the constant-rate output grid: output frame {@code n} shows the latest decoded
 * frame whose time is at most {@code (n + 1/2) / fps} (the first decoded frame if none is), so variable frame rate
 * sources come out at a constant rate, duplicates and drops happen only where the source timing demands, and a
 * chunk decoded from an earlier keyframe simply skips the frames before its range. One filter graph turns the
 * picture upright and scales it to every rendition (libavfilter: transpose/flip, scale, yuv420p); one thread per
 * rendition encodes (H.264, IDR forced on each segment's first frame) and muxes MPEG-TS segments, adding the
 * chunk's share of the pre-encoded AAC frames.
 */
final class ChunkEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkEncoder.class);

    /** Receives every finished segment file (to upload it); the file may be deleted once this returns. */
    interface SegmentSink {
        void segmentDone(String rendition, long segment, Path file);
    }

    /**
     * Where the chunk's video comes from.
     *
     * @param timeOffset output seconds = decoded frame time in seconds - timeOffset
     */
    record Input(Path file, int stream, double timeOffset) {
    }

    private final TranscodePlan plan;
    private final int chunk;
    private final FrameGrid grid;
    private final int threads;

    ChunkEncoder(TranscodePlan plan, int chunk, int threads) {
        this.plan = plan;
        this.chunk = chunk;
        this.grid = plan.grid();
        this.threads = Math.max(1, threads);
    }

    /**
     * @param audioFrames the ADTS frames of this chunk ({@link TranscodePlan.AudioTrack#chunkPackets}), empty without audio
     */
    ChunkResult encode(Input input, List<byte[]> audioFrames, Path outDir, SegmentSink sink) {
        long first = grid.chunkStartFrame(chunk);
        long end = grid.chunkEndFrame(chunk);
        if (first >= end) {
            throw new IllegalArgumentException("chunk " + chunk + " is empty");
        }
        long audioFirst = plan.audio() == null ? 0 : plan.audio().chunkPackets(grid, chunk)[0];
        List<Rung> rungs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(plan.renditions().size(), r -> {
            Thread t = new Thread(r, "encode-" + chunk);
            t.setDaemon(true);
            return t;
        });
        AVPacket pkt = av_packet_alloc();
        AVFrame decoded = av_frame_alloc();
        AVFrame held = av_frame_alloc();
        AVFrame pulled = av_frame_alloc();
        FilterGraph graph = null;
        try (MediaInput in = MediaInput.open(input.file());
             MediaInput.Decoder dec = in.decoder(input.stream(), threads)) {
            // encoder threads split the cores; OpenH264 slices and x264 threads use what they get
            int encoderThreads = Math.max(1, threads / plan.renditions().size());
            for (Rendition r : plan.renditions()) {
                Rung rung = new Rung(r, encoderThreads, audioFrames, audioFirst, outDir, sink);
                rungs.add(rung);
                rung.future = pool.submit(rung);
            }
            AVRational tb = in.stream(input.stream()).time_base();
            long n = first;
            boolean haveHeld = false;
            long decodedFrames = 0;
            boolean eof = false;
            while (n < end && !eof) {
                boolean sent = false;
                while (!sent) {
                    if (in.read(pkt) == Av.EOF) {
                        dec.send(null);
                        eof = true;
                        sent = true;
                    } else if (pkt.stream_index() == input.stream()) {
                        dec.send(pkt);
                        sent = true;
                        av_packet_unref(pkt);
                    } else {
                        av_packet_unref(pkt);
                    }
                }
                while (n < end && dec.receive(decoded) == 0) {
                    decodedFrames++;
                    long ts = decoded.best_effort_timestamp();
                    double t = ts == AV_NOPTS_VALUE ? Double.NaN : Av.seconds(ts, tb) - input.timeOffset();
                    // every slot whose window ends before this frame shows the frame held so far
                    while (n < end && !Double.isNaN(t) && t > threshold(n)) {
                        graph = emit(graph, haveHeld ? held : decoded, n, rungs, pulled);
                        n++;
                    }
                    if (n < end) {
                        av_frame_unref(held);
                        av_frame_move_ref(held, decoded);
                        haveHeld = true;
                    } else {
                        av_frame_unref(decoded);
                    }
                }
            }
            if (!haveHeld && n == first) {
                throw new CorruptVideoException("no decodable video frame in chunk " + chunk
                        + " (" + dec.damagedPackets() + " damaged packets)");
            }
            while (n < end) {
                // the source ended: the last frame stays up to the end of the grid
                graph = emit(graph, held, n, rungs, pulled);
                n++;
            }
            if (dec.damagedPackets() > 0) {
                LOG.warn("chunk {}: skipped {} damaged video packets", chunk, dec.damagedPackets());
            }
            if (graph != null) {
                graph.pushEnd();
                drainGraph(graph, rungs, pulled);
            }
            List<ChunkResult.RenditionSegments> results = new ArrayList<>();
            for (Rung rung : rungs) {
                rung.submit(Rung.END);
            }
            for (Rung rung : rungs) {
                results.add(await(rung));
            }
            LOG.info("chunk {}: {} output frames from {} decoded frames", chunk, end - first, decodedFrames);
            return new ChunkResult(chunk, end - first, results);
        } finally {
            for (Rung rung : rungs) {
                if (rung.future != null && !rung.future.isDone()) {
                    rung.future.cancel(true);
                }
            }
            pool.shutdownNow();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Rung rung : rungs) {
                rung.release();
            }
            if (graph != null) {
                graph.close();
            }
            av_packet_free(pkt);
            av_frame_free(decoded);
            av_frame_free(held);
            av_frame_free(pulled);
        }
    }

    private double threshold(long n) {
        return (n + 0.5) * grid.fps().den() / grid.fps().num();
    }

    private FilterGraph emit(FilterGraph graph, AVFrame frame, long n, List<Rung> rungs, AVFrame pulled) {
        if (graph == null || !fits(graph, frame)) {
            if (graph != null) {
                graph.pushEnd();
                drainGraph(graph, rungs, pulled);
                graph.close();
            }
            graph = FilterGraph.create(VideoFilters.describe(frame, grid.fps(), plan.rotation(), plan.mirrored(),
                    plan.renditions()), plan.renditions().size(), threads, 0);
            graphFormat = new int[] {frame.width(), frame.height(), frame.format()};
        }
        frame.pts(n);
        frame.pict_type(AV_PICTURE_TYPE_NONE);
        graph.push(frame);
        drainGraph(graph, rungs, pulled);
        return graph;
    }

    private int[] graphFormat;

    private boolean fits(FilterGraph graph, AVFrame frame) {
        return graphFormat != null && graphFormat[0] == frame.width() && graphFormat[1] == frame.height()
                && graphFormat[2] == frame.format();
    }

    private void drainGraph(FilterGraph graph, List<Rung> rungs, AVFrame pulled) {
        for (int i = 0; i < rungs.size(); i++) {
            while (graph.pull(i, pulled) == 0) {
                AVFrame owned = av_frame_alloc();
                av_frame_move_ref(owned, pulled);
                rungs.get(i).submit(owned);
            }
        }
    }

    private static ChunkResult.RenditionSegments await(Rung rung) {
        try {
            return rung.future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("encoding " + rung.rendition.name() + " failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One rendition: its encoder thread, current segment and results. */
    private final class Rung implements java.util.concurrent.Callable<ChunkResult.RenditionSegments> {
        static final AVFrame END = new AVFrame((org.bytedeco.javacpp.Pointer) null);

        private final Rendition rendition;
        private final AVCodecContext encoder;
        private final BlockingQueue<AVFrame> queue = new ArrayBlockingQueue<>(6);
        private final List<byte[]> audioFrames;
        private final long audioFirst;
        private final Path dir;
        private final SegmentSink sink;
        private final List<ChunkResult.Segment> segments = new ArrayList<>();
        private final AVPacket packet = av_packet_alloc();
        private Future<ChunkResult.RenditionSegments> future;
        private SegmentWriter segment;
        private long segmentIndex = -1;
        private long nextSegmentStart;
        private long audioCursor;
        private long audioEnd;
        private String codecs;

        Rung(Rendition rendition, int encoderThreads, List<byte[]> audioFrames, long audioFirst, Path outDir, SegmentSink sink) {
            this.rendition = rendition;
            this.audioFrames = audioFrames;
            this.audioFirst = audioFirst;
            this.sink = sink;
            this.dir = outDir.resolve(rendition.name());
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.encoder = H264Encoder.open(plan.encoder(), rendition, grid, encoderThreads);
        }

        void submit(AVFrame frame) {
            try {
                while (!queue.offer(frame, 200, TimeUnit.MILLISECONDS)) {
                    if (future.isDone()) {
                        if (frame != END) {
                            av_frame_free(frame);
                        }
                        await(this);
                        throw new IllegalStateException("encoder of " + rendition.name() + " stopped early");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        @Override
        public ChunkResult.RenditionSegments call() throws Exception {
            while (true) {
                AVFrame frame = queue.take();
                if (frame == END) {
                    break;
                }
                try {
                    long n = frame.pts();
                    frame.pict_type(isSegmentStart(n) ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
                    Av.check(avcodec_send_frame(encoder, frame), "encode " + rendition.name());
                } finally {
                    av_frame_free(frame);
                }
                drainEncoder();
            }
            Av.check(avcodec_send_frame(encoder, null), "flush " + rendition.name());
            drainEncoder();
            closeSegment();
            return new ChunkResult.RenditionSegments(rendition.name(), codecs, List.copyOf(segments));
        }

        private boolean isSegmentStart(long n) {
            return grid.segmentStart(grid.segmentOf(n)) == n;
        }

        private void drainEncoder() {
            while (true) {
                int ret = avcodec_receive_packet(encoder, packet);
                if (ret == Av.EAGAIN || ret == Av.EOF) {
                    return;
                }
                Av.check(ret, "encode " + rendition.name());
                write(packet);
            }
        }

        private void write(AVPacket p) {
            long ptsFrame = p.pts();
            boolean key = (p.flags() & AV_PKT_FLAG_KEY) != 0;
            if (segment == null || ptsFrame >= nextSegmentStart) {
                if (!key) {
                    throw new IllegalStateException(rendition.name() + ": frame " + ptsFrame
                            + " starts a segment but the encoder did not make it a keyframe");
                }
                closeSegment();
                openSegment(grid.segmentOf(ptsFrame));
            }
            if (codecs == null && key) {
                codecs = avcCodecs(p);
            }
            long dts90k = grid.pts90k(p.dts());
            p.pts(grid.pts90k(ptsFrame));
            p.dts(dts90k);
            p.duration(grid.pts90k(ptsFrame + 1) - grid.pts90k(ptsFrame));
            writeAudioUntil(dts90k);
            segment.writeVideo(p);
        }

        private void openSegment(long j) {
            segmentIndex = j;
            nextSegmentStart = grid.segmentStart(j + 1);
            Path file = dir.resolve(plan.segmentFileName(j));
            segment = new SegmentWriter(file, encoder, plan.audio());
            if (plan.audio() != null) {
                long[] range = plan.audio().segmentPackets(grid, j);
                audioCursor = range[0];
                audioEnd = range[1];
            }
        }

        private void writeAudioUntil(long dts90k) {
            if (plan.audio() == null) {
                return;
            }
            TranscodePlan.AudioTrack track = plan.audio();
            while (audioCursor < audioEnd && track.pts90k(audioCursor) <= dts90k) {
                int local = (int) (audioCursor - audioFirst);
                if (local < 0 || local >= audioFrames.size()) {
                    throw new IllegalStateException("audio frame " + audioCursor + " is outside chunk " + chunk
                            + " (frames " + audioFirst + ".." + (audioFirst + audioFrames.size()) + ")");
                }
                segment.writeAudio(audioFrames.get(local), track.pts90k(audioCursor),
                        track.pts90k(audioCursor + 1) - track.pts90k(audioCursor));
                audioCursor++;
            }
        }

        private void closeSegment() {
            if (segment == null) {
                return;
            }
            writeAudioUntil(Long.MAX_VALUE);
            segment.close();
            Path file = segment.file();
            segment = null;
            try {
                segments.add(new ChunkResult.Segment(segmentIndex, grid.segmentDuration(segmentIndex), Files.size(file),
                        file.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sink.segmentDone(rendition.name(), segmentIndex, file);
        }

        void release() {
            if (segment != null) {
                try {
                    segment.close();
                } catch (RuntimeException e) {
                    LOG.debug("closing an abandoned segment", e);
                }
            }
            AVFrame left;
            while ((left = queue.poll()) != null) {
                if (left != END) {
                    av_frame_free(left);
                }
            }
            avcodec_free_context(encoder);
            av_packet_free(packet);
        }
    }

    /** "avc1.PPCCLL" from the first SPS in an Annex B access unit (profile, constraint flags, level). */
    static String avcCodecs(AVPacket p) {
        byte[] data = new byte[p.size()];
        new BytePointer(p.data()).capacity(p.size()).get(data);
        return avcCodecs(data);
    }

    static String avcCodecs(byte[] d) {
        for (int i = 0; i + 6 < d.length; i++) {
            if (d[i] == 0 && d[i + 1] == 0 && d[i + 2] == 1 && (d[i + 3] & 0x1F) == 7) {
                return String.format(Locale.ROOT, "avc1.%02x%02x%02x", d[i + 4] & 0xFF, d[i + 5] & 0xFF, d[i + 6] & 0xFF);
            }
        }
        throw new IllegalStateException("no H.264 sequence parameter set in the first keyframe");
    }
}
