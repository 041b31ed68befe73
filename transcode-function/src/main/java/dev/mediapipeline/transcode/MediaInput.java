package dev.mediapipeline.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG2_SHOW_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/** An opened media file (demuxer), and decoders for its streams. */
final class MediaInput implements AutoCloseable {

    /** avcodec.h's FF_THREAD_FRAME and FF_THREAD_SLICE (not mapped by the presets). */
    private static final int FF_THREAD_FRAME = 1;
    private static final int FF_THREAD_SLICE = 2;

    private final AVFormatContext fmt;

    private MediaInput(AVFormatContext fmt) {
        this.fmt = fmt;
    }

    static MediaInput open(Path file) {
        Av.init();
        AVFormatContext fmt = new AVFormatContext(null);
        FfmpegLog.clear();
        int ret = avformat_open_input(fmt, file.toString(), (AVInputFormat) null, (AVDictionary) null);
        if (ret < 0) {
            throw new UnreadableVideoException("not a readable media file: " + FfmpegLog.explain(ret));
        }
        ret = avformat_find_stream_info(fmt, (PointerPointer<?>) null);
        if (ret < 0) {
            avformat_close_input(fmt);
            throw new UnreadableVideoException("cannot read the media streams: " + FfmpegLog.explain(ret));
        }
        return new MediaInput(fmt);
    }

    AVFormatContext format() {
        return fmt;
    }

    AVStream stream(int index) {
        return fmt.streams(index);
    }

    /** Next packet of any stream: 0, or {@link Av#EOF}; a read error means damaged data. */
    int read(AVPacket into) {
        int ret = av_read_frame(fmt, into);
        if (ret < 0 && ret != Av.EOF) {
            throw new CorruptVideoException("the media data is damaged or ends early: " + FfmpegLog.explain(ret));
        }
        return ret;
    }

    /** A decoder for one stream, multi-threaded (frame and slice threads, FFmpeg's thread count). */
    Decoder decoder(int streamIndex, int threads) {
        AVStream st = fmt.streams(streamIndex);
        AVCodec codec = avcodec_find_decoder(st.codecpar().codec_id());
        if (codec == null) {
            throw new UnreadableVideoException("no decoder for stream " + streamIndex);
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        try {
            Av.check(avcodec_parameters_to_context(ctx, st.codecpar()), "decoder parameters");
            ctx.pkt_timebase(st.time_base());
            ctx.thread_count(threads);
            ctx.thread_type(FF_THREAD_FRAME | FF_THREAD_SLICE);
            ctx.flags2(ctx.flags2() & ~AV_CODEC_FLAG2_SHOW_ALL);
            int ret = avcodec_open2(ctx, codec, (AVDictionary) null);
            if (ret < 0) {
                throw new UnreadableVideoException("cannot open the decoder of stream " + streamIndex + ": " + Av.error(ret));
            }
            return new Decoder(ctx);
        } catch (RuntimeException e) {
            avcodec_free_context(ctx);
            throw e;
        }
    }

    @Override
    public void close() {
        avformat_close_input(fmt);
    }

    /** Packets in, frames out. Damaged packets are skipped and counted, as FFmpeg's command line does. */
    static final class Decoder implements AutoCloseable {
        private final AVCodecContext ctx;
        private long damagedPackets;

        private Decoder(AVCodecContext ctx) {
            this.ctx = ctx;
        }

        AVCodecContext context() {
            return ctx;
        }

        /** Sends a packet (null: end of stream). Returns false if the packet was damaged and skipped. */
        boolean send(AVPacket packet) {
            int ret = avcodec_send_packet(ctx, packet);
            if (ret == Av.EOF && packet == null) {
                return true;
            }
            if (ret < 0 && ret != Av.EAGAIN) {
                damagedPackets++;
                return false;
            }
            return true;
        }

        /** 0 (frame filled), {@link Av#EAGAIN} (send more) or {@link Av#EOF}. A decoding error counts as damage. */
        int receive(AVFrame into) {
            int ret = avcodec_receive_frame(ctx, into);
            if (ret < 0 && ret != Av.EAGAIN && ret != Av.EOF) {
                damagedPackets++;
                return Av.EAGAIN;
            }
            return ret;
        }

        long damagedPackets() {
            return damagedPackets;
        }

        @Override
        public void close() {
            avcodec_free_context(ctx);
        }
    }
}
