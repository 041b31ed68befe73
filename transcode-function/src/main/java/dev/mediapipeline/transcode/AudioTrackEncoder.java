package dev.mediapipeline.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
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
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_describe;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt_name;

import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes a source's audio once, for the whole video: decode, resample to 48 kHz (stereo, or mono for mono
 * sources) with timestamp-driven gap filling ({@code aresample=async}), AAC-LC in 1024-sample frames, written as
 * ADTS. Timestamps are samples after the origin; the first frame starts 1024 samples early (encoder priming), and
 * the rest follow back to back, so frame {@code k} starts at {@code firstPts + 1024 k}.
 */
final class AudioTrackEncoder {

    static final int SAMPLE_RATE = 48_000;
    private static final Logger LOG = LoggerFactory.getLogger(AudioTrackEncoder.class);

    private AudioTrackEncoder() {
    }

    /** The encoded track: its first timestamp (samples) and frame count. */
    record Result(int channels, long firstPts, long packets) {
    }

    static Result encode(Path source, VideoProbe probe, double origin, int stereoKbps, Path adtsOut) {
        VideoProbe.Audio audio = probe.audio().orElseThrow();
        int channels = Math.min(2, Math.max(1, audio.channels()));
        int kbps = channels == 1 ? Math.max(32, stereoKbps / 2) : stereoKbps;
        AVPacket pkt = av_packet_alloc();
        AVFrame decoded = av_frame_alloc();
        AVFrame filtered = av_frame_alloc();
        AVCodecContext enc = null;
        AVFormatContext out = new AVFormatContext(null);
        try (MediaInput in = MediaInput.open(source);
             MediaInput.Decoder dec = in.decoder(audio.stream(), 1)) {
            AVStream ist = in.stream(audio.stream());
            AVRational itb = ist.time_base();
            AVCodecContext dctx = dec.context();
            int inRate = dctx.sample_rate();

            AVCodec codec = avcodec_find_encoder_by_name("aac");
            enc = avcodec_alloc_context3(codec);
            enc.sample_rate(SAMPLE_RATE);
            av_channel_layout_default(enc.ch_layout(), channels);
            enc.sample_fmt(AV_SAMPLE_FMT_FLTP);
            enc.bit_rate(kbps * 1000L);
            enc.time_base(Av.q(1, SAMPLE_RATE));
            enc.flags(enc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            Av.check(avcodec_open2(enc, codec, (AVDictionary) null), "open AAC encoder");

            Av.check(avformat_alloc_output_context2(out, null, "adts", adtsOut.toString()), "ADTS muxer");
            AVStream ost = avformat_new_stream(out, null);
            Av.check(avcodec_parameters_from_context(ost.codecpar(), enc), "ADTS parameters");
            ost.time_base(enc.time_base());
            AVIOContext pb = new AVIOContext(null);
            Av.check(avio_open(pb, adtsOut.toString(), AVIO_FLAG_WRITE), "open " + adtsOut);
            out.pb(pb);
            Av.check(avformat_write_header(out, (AVDictionary) null), "ADTS header");

            String layout = describeLayout(dctx);
            String graphText = String.format(Locale.ROOT,
                    "abuffer@src=time_base=1/%d:sample_rate=%d:sample_fmt=%s:channel_layout=%s,"
                            + "aresample=%d:async=1000:min_hard_comp=0.05,"
                            + "aformat=sample_fmts=fltp:channel_layouts=%s,abuffersink@out0",
                    inRate, inRate, av_get_sample_fmt_name(dctx.sample_fmt()).getString(), layout,
                    SAMPLE_RATE, channels == 1 ? "mono" : "stereo");
            Sink sink = new Sink(enc, out, ost);
            try (FilterGraph graph = FilterGraph.create(graphText, 1, 1, enc.frame_size())) {
                while (in.read(pkt) == 0) {
                    try {
                        if (pkt.stream_index() != audio.stream()) {
                            continue;
                        }
                        dec.send(pkt);
                    } finally {
                        av_packet_unref(pkt);
                    }
                    drain(dec, decoded, graph, filtered, sink, itb, origin, inRate);
                }
                dec.send(null);
                drain(dec, decoded, graph, filtered, sink, itb, origin, inRate);
                graph.pushEnd();
                pullAll(graph, filtered, sink);
            }
            sink.encode(null);
            sink.close();
            Av.check(av_write_trailer(out), "ADTS trailer");
            if (sink.packets == 0) {
                throw new CorruptVideoException("the audio stream holds no decodable audio");
            }
            if (dec.damagedPackets() > 0) {
                LOG.warn("skipped {} damaged audio packets", dec.damagedPackets());
            }
            return new Result(channels, sink.firstPts, sink.packets);
        } finally {
            av_packet_free(pkt);
            av_frame_free(decoded);
            av_frame_free(filtered);
            if (enc != null) {
                avcodec_free_context(enc);
            }
            if (out.pb() != null) {
                avio_closep(out.pb());
            }
            avformat_free_context(out);
        }
    }

    private static String describeLayout(AVCodecContext dctx) {
        if (dctx.ch_layout().nb_channels() <= 0) {
            return "stereo";
        }
        byte[] buf = new byte[128];
        av_channel_layout_describe(dctx.ch_layout(), buf, buf.length);
        int nul = 0;
        while (nul < buf.length && buf[nul] != 0) {
            nul++;
        }
        String s = new String(buf, 0, nul, java.nio.charset.StandardCharsets.US_ASCII);
        // unspecified-order layouts ("2 channels") are not valid filter arguments: fall back to the default order
        return s.isEmpty() || s.contains(" ") ? dctx.ch_layout().nb_channels() + "c" : s;
    }

    private static void drain(MediaInput.Decoder dec, AVFrame decoded, FilterGraph graph, AVFrame filtered, Sink sink,
                              AVRational itb, double origin, int inRate) {
        while (dec.receive(decoded) == 0) {
            long ts = decoded.best_effort_timestamp();
            if (ts != AV_NOPTS_VALUE) {
                // samples after the origin, at the input rate: the resampler fills gaps and drops overlaps by these
                decoded.pts(Math.round((Av.seconds(ts, itb) - origin) * inRate));
            }
            decoded.time_base(Av.q(1, inRate));
            graph.push(decoded);
            av_frame_unref(decoded);
            pullAll(graph, filtered, sink);
        }
    }

    private static void pullAll(FilterGraph graph, AVFrame filtered, Sink sink) {
        while (graph.pull(0, filtered) == 0) {
            sink.encode(filtered);
            av_frame_unref(filtered);
        }
    }

    /** Encoder and ADTS writer, checking that frames follow each other without gaps. */
    private static final class Sink {
        private final AVCodecContext enc;
        private final AVFormatContext out;
        private final AVStream ost;
        private final AVPacket pkt;
        private long firstPts = Long.MIN_VALUE;
        private long packets;
        private long nextPts;
        private long nextFramePts = Long.MIN_VALUE;

        Sink(AVCodecContext enc, AVFormatContext out, AVStream ost) {
            this.enc = enc;
            this.out = out;
            this.ost = ost;
            this.pkt = av_packet_alloc();
        }

        void close() {
            av_packet_free(pkt);
        }

        void encode(AVFrame frame) {
            if (frame != null) {
                // the track is one contiguous run of samples: number frames by count, not by the filter's clock
                if (nextFramePts == Long.MIN_VALUE) {
                    nextFramePts = frame.pts() == AV_NOPTS_VALUE ? 0 : frame.pts();
                }
                frame.pts(nextFramePts);
                nextFramePts += frame.nb_samples();
            }
            Av.check(avcodec_send_frame(enc, frame), "AAC encode");
            while (true) {
                int ret = avcodec_receive_packet(enc, pkt);
                if (ret == Av.EAGAIN || ret == Av.EOF) {
                    return;
                }
                Av.check(ret, "AAC encode");
                if (firstPts == Long.MIN_VALUE) {
                    firstPts = pkt.pts();
                    nextPts = firstPts;
                }
                if (pkt.pts() != nextPts) {
                    LOG.warn("AAC packet {} at {} instead of {}", packets, pkt.pts(), nextPts);
                }
                nextPts = pkt.pts() + TranscodePlan.AudioTrack.FRAME_SAMPLES;
                pkt.stream_index(ost.index());
                Av.check(av_write_frame(out, pkt), "ADTS write");
                packets++;
                av_packet_unref(pkt);
            }
        }
    }
}
