package dev.mediapipeline.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Cuts the source's video stream into one Matroska file per chunk, by stream copy (no decoding, no re-encoding).
 * Chunk {@code i} must let a worker decode every source frame shown in its part of the output timeline, so it
 * starts at the last keyframe at or before its first output frame (chunk 0: at the very first packet, pre-roll
 * included) and runs to the first keyframe at or after its end, plus that keyframe's leading pictures (open-GOP
 * B-frames shown before it). Neighbouring chunks therefore overlap by up to a GOP; each worker keeps only its own
 * output frames.
 *
 * <p>Timestamps are shifted so the chunk's clock reads "seconds after the origin + {@link #BIAS_SECONDS}" (positive
 * even for B-frame decode times), which {@link #timeOffset} undoes for the worker.
 */
final class ChunkSplitter {

    static final double BIAS_SECONDS = 10;

    /** Receives each chunk file as soon as it is complete (to upload it; the file may then be deleted). */
    interface ChunkSink {
        void chunkReady(int chunk, Path file);
    }

    private ChunkSplitter() {
    }

    /** The shift (in the source stream's ticks) applied to every chunk packet. */
    static long shiftTicks(double origin, AVRational tb) {
        return Math.round((BIAS_SECONDS - origin) * tb.den() / tb.num());
    }

    /** What a worker subtracts from decoded chunk times (seconds) to get output times. */
    static double timeOffset(double origin, AVRational tb) {
        return Av.seconds(shiftTicks(origin, tb), tb) + origin;
    }

    /** Splits and returns each chunk's time offset. */
    static double split(Path source, VideoProbe probe, SourceScan scan, FrameGrid grid, Path dir, ChunkSink sink) {
        int chunks = grid.chunkCount();
        double[] startKey = new double[chunks];
        double[] endKey = new double[chunks];
        List<Double> keys = scan.keyframes();
        for (int i = 0; i < chunks; i++) {
            double start = grid.time(grid.chunkStartFrame(i));
            double end = grid.time(grid.chunkEndFrame(i));
            startKey[i] = i == 0 ? Double.NEGATIVE_INFINITY : lastAtOrBefore(keys, start);
            endKey[i] = i == chunks - 1 ? Double.NaN : firstAtOrAfter(keys, end);
        }
        AVPacket pkt = av_packet_alloc();
        List<Out> outs = new ArrayList<>();
        try (MediaInput in = MediaInput.open(source)) {
            int vs = probe.videoStream();
            AVStream ist = in.stream(vs);
            AVRational tb = ist.time_base();
            long shift = shiftTicks(scan.origin(), tb);
            for (int i = 0; i < chunks; i++) {
                outs.add(new Out(i, dir.resolve(TranscodePlan.chunkName(i) + ".mkv")));
            }
            while (in.read(pkt) == 0) {
                try {
                    if (pkt.stream_index() != vs) {
                        continue;
                    }
                    long ts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
                    double t = ts == AV_NOPTS_VALUE ? Double.NaN : Av.seconds(ts, tb) - scan.origin();
                    boolean key = (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
                    for (Out out : outs) {
                        int i = out.index;
                        switch (out.state) {
                            case WAITING -> {
                                if (i == 0 || (key && t == startKey[i])) {
                                    out.open(ist);
                                    out.write(pkt, shift, tb);
                                    if (!Double.isNaN(endKey[i]) && key && t == endKey[i]) {
                                        out.state = State.LEADING;
                                    }
                                }
                            }
                            case OPEN -> {
                                out.write(pkt, shift, tb);
                                if (!Double.isNaN(endKey[i]) && key && t == endKey[i]) {
                                    out.state = State.LEADING;
                                }
                            }
                            case LEADING -> {
                                if (!Double.isNaN(t) && t < endKey[i]) {
                                    out.write(pkt, shift, tb);
                                } else {
                                    out.finish(sink);
                                }
                            }
                            default -> {
                            }
                        }
                    }
                } finally {
                    av_packet_unref(pkt);
                }
            }
            for (Out out : outs) {
                if (out.state == State.WAITING) {
                    throw new CorruptVideoException("chunk " + out.index + " found no keyframe to start at");
                }
                out.finish(sink);
            }
            return timeOffset(scan.origin(), tb);
        } finally {
            av_packet_free(pkt);
            for (Out out : outs) {
                out.release();
            }
        }
    }

    /**
     * Whether cutting at the keyframes is worth it: every chunk must start at most two chunk lengths after the
     * keyframe it has to be decoded from. A recording with one keyframe at the start (some screen recorders) would
     * make each chunk a copy of everything before it; such a video is encoded in one piece instead.
     */
    static boolean keyframesDenseEnough(List<Double> keyframes, FrameGrid grid) {
        if (keyframes.isEmpty()) {
            return false;
        }
        double chunkSeconds = (double) grid.segmentSeconds() * grid.segmentsPerChunk();
        for (int i = 1; i < grid.chunkCount(); i++) {
            double start = grid.time(grid.chunkStartFrame(i));
            if (start - lastAtOrBefore(keyframes, start) > 2 * chunkSeconds) {
                return false;
            }
        }
        return true;
    }

    static double lastAtOrBefore(List<Double> sorted, double t) {
        double best = sorted.get(0);
        for (double k : sorted) {
            if (k <= t) {
                best = k;
            } else {
                break;
            }
        }
        return best;
    }

    static double firstAtOrAfter(List<Double> sorted, double t) {
        for (double k : sorted) {
            if (k >= t) {
                return k;
            }
        }
        return Double.NaN;
    }

    private enum State { WAITING, OPEN, LEADING, DONE }

    /** One chunk file being written. */
    private static final class Out {
        final int index;
        final Path file;
        State state = State.WAITING;
        AVFormatContext ctx;
        AVStream st;
        long packets;

        Out(int index, Path file) {
            this.index = index;
            this.file = file;
        }

        void open(AVStream ist) {
            ctx = new AVFormatContext(null);
            Av.check(avformat_alloc_output_context2(ctx, null, "matroska", file.toString()), "chunk muxer");
            st = avformat_new_stream(ctx, null);
            Av.check(avcodec_parameters_copy(st.codecpar(), ist.codecpar()), "chunk parameters");
            st.codecpar().codec_tag(0);
            st.time_base(ist.time_base());
            AVIOContext pb = new AVIOContext(null);
            Av.check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "open " + file);
            ctx.pb(pb);
            AVDictionary opts = new AVDictionary(null);
            av_dict_set(opts, "avoid_negative_ts", "disabled", 0);
            try {
                Av.check(avformat_write_header(ctx, opts), "chunk header");
            } finally {
                av_dict_free(opts);
            }
            state = State.OPEN;
        }

        void write(AVPacket pkt, long shift, AVRational tb) {
            AVPacket copy = av_packet_clone(pkt);
            try {
                if (copy.pts() != AV_NOPTS_VALUE) {
                    copy.pts(copy.pts() + shift);
                }
                if (copy.dts() != AV_NOPTS_VALUE) {
                    copy.dts(copy.dts() + shift);
                }
                copy.stream_index(0);
                copy.pos(-1);
                av_packet_rescale_ts(copy, tb, st.time_base());
                Av.check(av_write_frame(ctx, copy), "write chunk " + index);
                packets++;
            } finally {
                av_packet_free(copy);
            }
        }

        void finish(ChunkSink sink) {
            if (state == State.DONE || ctx == null) {
                return;
            }
            Av.check(av_write_trailer(ctx), "chunk trailer");
            release();
            state = State.DONE;
            sink.chunkReady(index, file);
        }

        void release() {
            if (ctx != null) {
                if (ctx.pb() != null) {
                    avio_closep(ctx.pb());
                }
                avformat_free_context(ctx);
                ctx = null;
            }
        }
    }
}
