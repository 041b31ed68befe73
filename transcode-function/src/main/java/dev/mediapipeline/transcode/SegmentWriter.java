package dev.mediapipeline.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * One HLS segment: an MPEG-TS file starting with PAT/PMT and an IDR frame, holding H.264 and (when the video has
 * audio) the AAC frames of the same time span. Timestamps are written as given (90 kHz, already offset): no
 * muxer-side shifting, so segments made by different workers form one continuous timeline.
 */
final class SegmentWriter implements AutoCloseable {

    private final AVFormatContext ctx;
    private final AVStream video;
    private final AVStream audio;
    private final AVPacket audioPacket;
    private final Path file;
    private boolean closed;

    SegmentWriter(Path file, AVCodecContext videoEncoder, TranscodePlan.AudioTrack audioTrack) {
        this.file = file;
        ctx = new AVFormatContext(null);
        Av.check(avformat_alloc_output_context2(ctx, null, "mpegts", file.toString()), "MPEG-TS muxer");
        AVDictionary opts = new AVDictionary(null);
        try {
            video = avformat_new_stream(ctx, null);
            Av.check(avcodec_parameters_from_context(video.codecpar(), videoEncoder), "segment video parameters");
            video.time_base(Av.q(1, (int) FrameGrid.TS_HZ));
            if (audioTrack != null) {
                audio = avformat_new_stream(ctx, null);
                audio.codecpar().codec_type(AVMEDIA_TYPE_AUDIO);
                audio.codecpar().codec_id(AV_CODEC_ID_AAC);
                audio.codecpar().sample_rate(audioTrack.sampleRate());
                av_channel_layout_default(audio.codecpar().ch_layout(), audioTrack.channels());
                audio.codecpar().frame_size(TranscodePlan.AudioTrack.FRAME_SAMPLES);
                audio.time_base(Av.q(1, (int) FrameGrid.TS_HZ));
                audioPacket = av_packet_alloc();
            } else {
                audio = null;
                audioPacket = null;
            }
            AVIOContext pb = new AVIOContext(null);
            Av.check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "open " + file);
            ctx.pb(pb);
            av_dict_set(opts, "mpegts_copyts", "1", 0);
            av_dict_set(opts, "avoid_negative_ts", "disabled", 0);
            Av.check(avformat_write_header(ctx, opts), "segment header");
        } catch (RuntimeException e) {
            release();
            throw e;
        } finally {
            av_dict_free(opts);
        }
    }

    /** Writes an encoded video packet whose pts/dts are already 90 kHz ticks; the packet is consumed (unreferenced). */
    void writeVideo(AVPacket packet) {
        packet.stream_index(video.index());
        int ret = av_write_frame(ctx, packet);
        av_packet_unref(packet);
        Av.check(ret, "write video to " + file.getFileName());
    }

    /** Writes one ADTS frame at the given 90 kHz timestamp. */
    void writeAudio(byte[] adtsFrame, long pts90k, long duration90k) {
        Av.check(av_new_packet(audioPacket, adtsFrame.length), "audio packet");
        audioPacket.data().put(adtsFrame, 0, adtsFrame.length);
        audioPacket.pts(pts90k);
        audioPacket.dts(pts90k);
        audioPacket.duration(duration90k);
        audioPacket.stream_index(audio.index());
        int ret = av_write_frame(ctx, audioPacket);
        av_packet_unref(audioPacket);
        Av.check(ret, "write audio to " + file.getFileName());
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Av.check(av_write_trailer(ctx), "segment trailer");
        } finally {
            release();
        }
    }

    private void release() {
        if (ctx.pb() != null) {
            avio_closep(ctx.pb());
        }
        avformat_free_context(ctx);
        if (audioPacket != null) {
            av_packet_free(audioPacket);
        }
    }
}
