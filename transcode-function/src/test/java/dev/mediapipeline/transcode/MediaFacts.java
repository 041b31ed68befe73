package dev.mediapipeline.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Test-side inspection of a media file with FFmpeg's demuxer and decoders, independent of the code under test:
 * every packet's timestamps (in the stream's time base), keyframe flags, how many video frames decode and whether
 * any fails, and the brightness of the first frame's four corners (to tell where the test pattern's marker ended
 * up after rotation).
 */
record MediaFacts(String format, Stream video, Stream audio, int decodedFrames, int decodeErrors, double[] cornerLuma) {

    /** One stream: its codec, size or audio layout, time base and packets. */
    record Stream(String codec, int width, int height, int sampleRate, int channels, long tbNum, long tbDen,
                  List<Packet> packets) {
        double seconds(long ticks) {
            return ticks * (double) tbNum / tbDen;
        }
    }

    record Packet(long pts, long dts, long duration, boolean key, int size) {
    }

    boolean hasAudio() {
        return audio != null;
    }

    static MediaFacts of(Path file) {
        Av.init();
        AVFormatContext fmt = new AVFormatContext(null);
        int ret = avformat_open_input(fmt, file.toString(), (AVInputFormat) null, (AVDictionary) null);
        if (ret < 0) {
            throw new IllegalStateException("cannot open " + file + ": " + Av.error(ret));
        }
        AVPacket pkt = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        AVCodecContext dec = null;
        try {
            Av.check(avformat_find_stream_info(fmt, (PointerPointer<?>) null), "stream info");
            int vi = -1;
            int ai = -1;
            for (int i = 0; i < fmt.nb_streams(); i++) {
                int type = fmt.streams(i).codecpar().codec_type();
                if (type == AVMEDIA_TYPE_VIDEO && vi < 0) {
                    vi = i;
                } else if (type == AVMEDIA_TYPE_AUDIO && ai < 0) {
                    ai = i;
                }
            }
            List<Packet> vp = new ArrayList<>();
            List<Packet> ap = new ArrayList<>();
            if (vi >= 0) {
                AVStream st = fmt.streams(vi);
                dec = avcodec_alloc_context3(avcodec_find_decoder(st.codecpar().codec_id()));
                avcodec_parameters_to_context(dec, st.codecpar());
                Av.check(avcodec_open2(dec, dec.codec(), (AVDictionary) null), "test decoder");
            }
            int frames = 0;
            int errors = 0;
            double[] corners = null;
            while (av_read_frame(fmt, pkt) >= 0) {
                Packet p = new Packet(pkt.pts(), pkt.dts(), pkt.duration(), (pkt.flags() & AV_PKT_FLAG_KEY) != 0, pkt.size());
                if (pkt.stream_index() == vi) {
                    vp.add(p);
                    if (avcodec_send_packet(dec, pkt) < 0) {
                        errors++;
                    }
                    int r;
                    while ((r = avcodec_receive_frame(dec, frame)) >= 0) {
                        frames++;
                        if (corners == null) {
                            corners = corners(frame);
                        }
                        av_frame_unref(frame);
                    }
                    if (r != Av.EAGAIN && r != Av.EOF) {
                        errors++;
                    }
                } else if (pkt.stream_index() == ai) {
                    ap.add(p);
                }
                av_packet_unref(pkt);
            }
            if (dec != null) {
                avcodec_send_packet(dec, null);
                int r;
                while ((r = avcodec_receive_frame(dec, frame)) >= 0) {
                    frames++;
                    av_frame_unref(frame);
                }
                if (r != Av.EOF) {
                    errors++;
                }
            }
            return new MediaFacts(fmt.iformat().name().getString(), stream(fmt, vi, vp), stream(fmt, ai, ap), frames, errors, corners);
        } finally {
            if (dec != null) {
                avcodec_free_context(dec);
            }
            av_packet_free(pkt);
            av_frame_free(frame);
            avformat_close_input(fmt);
        }
    }

    private static Stream stream(AVFormatContext fmt, int index, List<Packet> packets) {
        if (index < 0) {
            return null;
        }
        AVStream st = fmt.streams(index);
        return new Stream(avcodec_get_name(st.codecpar().codec_id()).getString(), st.codecpar().width(),
                st.codecpar().height(), st.codecpar().sample_rate(), st.codecpar().ch_layout().nb_channels(),
                st.time_base().num(), st.time_base().den(), List.copyOf(packets));
    }

    /** Mean luma of the four corner regions (1/8 of each side): top-left, top-right, bottom-left, bottom-right. */
    private static double[] corners(AVFrame f) {
        if (f.format() != AV_PIX_FMT_YUV420P) {
            return null;
        }
        int w = f.width();
        int h = f.height();
        int ls = f.linesize(0);
        ByteBuffer y = f.data(0).capacity((long) ls * h).asByteBuffer();
        int cw = Math.max(1, w / 8);
        int ch = Math.max(1, h / 8);
        int[][] origins = {{0, 0}, {w - cw, 0}, {0, h - ch}, {w - cw, h - ch}};
        double[] out = new double[4];
        for (int c = 0; c < 4; c++) {
            long sum = 0;
            for (int j = 0; j < ch; j++) {
                for (int i = 0; i < cw; i++) {
                    sum += y.get((origins[c][1] + j) * ls + origins[c][0] + i) & 0xFF;
                }
            }
            out[c] = sum / (double) (cw * ch);
        }
        return out;
    }
}
