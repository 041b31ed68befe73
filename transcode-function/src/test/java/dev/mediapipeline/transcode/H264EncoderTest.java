package dev.mediapipeline.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import dev.mediapipeline.model.VideoLadder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Licensing and the H.264 encoders: the default build ships FFmpeg's LGPL natives, which encode H.264 with Cisco's
 * OpenH264 ({@code libopenh264}); only the {@code -Pgpl} build has libx264. Whatever the build, the encoder it
 * chooses makes IDR frames exactly where segments start, hits its bitrate, and decodes back faithfully.
 */
class H264EncoderTest {

    static boolean gplNativesOnClassPath() {
        return H264EncoderTest.class.getClassLoader().getResource("org/bytedeco/ffmpeg/linux-x86_64-gpl/libjniavutil.so") != null
                || H264EncoderTest.class.getClassLoader().getResource("org/bytedeco/ffmpeg/linux-arm64-gpl/libjniavutil.so") != null;
    }

    @Nested
    class Licensing {
        @Test
        void theEncoderFollowsTheNativesTheBuildShips() {
            Av.init();
            boolean gpl = gplNativesOnClassPath();
            assertThat(avcodec_find_encoder_by_name(H264Encoder.OPENH264)).as("OpenH264 in every build").isNotNull();
            assertThat(avcodec_find_encoder_by_name(H264Encoder.X264) != null).as("libx264 only with -Pgpl").isEqualTo(gpl);
            assertThat(H264Encoder.choose("auto")).isEqualTo(gpl ? H264Encoder.X264 : H264Encoder.OPENH264);
            assertThat(H264Encoder.choose("libopenh264")).isEqualTo(H264Encoder.OPENH264);
        }
    }

    @Nested
    class Encoding {
        @Test
        void openH264KeyframesBitrateAndFidelity() {
            Result r = encodeAndDecode(H264Encoder.OPENH264, 90);
            assertThat(r.keyframes).as("IDR exactly at each forced segment start").containsExactly(0, 30, 60);
            assertThat(r.decoded).isEqualTo(90);
            assertThat(r.kbps).as("bitrate near the 800k target").isBetween(480.0, 1040.0);
            assertThat(r.psnr).as("luma PSNR, dB").isGreaterThan(32);
        }

        @Test
        void x264KeyframesBitrateAndFidelityInTheGplBuild() {
            org.junit.jupiter.api.Assumptions.assumeTrue(gplNativesOnClassPath(), "libx264 ships only with -Pgpl");
            Result r = encodeAndDecode(H264Encoder.X264, 90);
            assertThat(r.keyframes).as("IDR exactly at each forced segment start, no scene-cut keyframes").containsExactly(0, 30, 60);
            assertThat(r.decoded).isEqualTo(90);
            assertThat(r.kbps).isBetween(480.0, 1040.0);
            assertThat(r.psnr).isGreaterThan(32);
        }
    }

    record Result(List<Integer> keyframes, int decoded, double kbps, double psnr) {
    }

    /** 640x360 at 30 fps, 800 kbps, segments of 1 s (IDR forced every 30 frames), then decoded and compared. */
    static Result encodeAndDecode(String encoder, int frames) {
        Av.init();
        FrameGrid grid = new FrameGrid(Rational.of(30, 1), frames, 1, 100);
        VideoLadder.Rendition rendition = new VideoLadder.Rendition("360p", 640, 360, 800);
        AVCodecContext enc = H264Encoder.open(encoder, rendition, grid, 1);
        AVCodecContext dec = avcodec_alloc_context3(avcodec_find_decoder_by_name("h264"));
        Av.check(avcodec_open2(dec, dec.codec(), (AVDictionary) null), "decoder");
        AVFrame in = av_frame_alloc();
        AVFrame out = av_frame_alloc();
        AVPacket pkt = av_packet_alloc();
        List<byte[]> originals = new ArrayList<>();
        List<Integer> keys = new ArrayList<>();
        long bytes = 0;
        int decoded = 0;
        double mse = 0;
        try {
            for (int n = 0; n <= frames; n++) {
                if (n < frames) {
                    in.format(AV_PIX_FMT_YUV420P);
                    in.width(640);
                    in.height(360);
                    Av.check(av_frame_get_buffer(in, 0), "buffer");
                    byte[] luma = paint(in, n);
                    originals.add(luma);
                    in.pts(n);
                    in.pict_type(n % 30 == 0 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
                    Av.check(avcodec_send_frame(enc, in), "encode");
                    av_frame_unref(in);
                } else {
                    Av.check(avcodec_send_frame(enc, null), "flush");
                }
                while (avcodec_receive_packet(enc, pkt) == 0) {
                    bytes += pkt.size();
                    if ((pkt.flags() & AV_PKT_FLAG_KEY) != 0) {
                        keys.add((int) pkt.pts());
                    }
                    Av.check(avcodec_send_packet(dec, pkt), "decode");
                    av_packet_unref(pkt);
                    while (avcodec_receive_frame(dec, out) == 0) {
                        mse += mse(originals.get(decoded), out);
                        decoded++;
                        av_frame_unref(out);
                    }
                }
            }
            avcodec_send_packet(dec, null);
            while (avcodec_receive_frame(dec, out) == 0) {
                mse += mse(originals.get(decoded), out);
                decoded++;
                av_frame_unref(out);
            }
            double psnr = 10 * Math.log10(255.0 * 255.0 / (mse / decoded));
            return new Result(keys, decoded, bytes * 8 / (frames / 30.0) / 1000, psnr);
        } finally {
            av_packet_free(pkt);
            av_frame_free(in);
            av_frame_free(out);
            avcodec_free_context(enc);
            avcodec_free_context(dec);
        }
    }

    /** A moving gradient with a block and some texture; returns the luma it wrote. */
    static byte[] paint(AVFrame f, int n) {
        int w = f.width();
        int h = f.height();
        byte[] luma = new byte[w * h];
        ByteBuffer y = f.data(0).capacity((long) f.linesize(0) * h).asByteBuffer();
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int v = 16 + ((i + 2 * n) * 200 / w + j * 20 / h) + (((i / 8 + j / 8) & 1) * 10);
                if (i > 100 + 4 * n && i < 180 + 4 * n && j > 120 && j < 200) {
                    v = 220;
                }
                luma[j * w + i] = (byte) Math.min(235, v);
                y.put(j * f.linesize(0) + i, luma[j * w + i]);
            }
        }
        for (int p = 1; p <= 2; p++) {
            ByteBuffer c = f.data(p).capacity((long) f.linesize(p) * (h / 2)).asByteBuffer();
            for (int j = 0; j < h / 2; j++) {
                for (int i = 0; i < w / 2; i++) {
                    c.put(j * f.linesize(p) + i, (byte) (128 + (p == 1 ? i / 8 : -j / 8)));
                }
            }
        }
        return luma;
    }

    static double mse(byte[] original, AVFrame decoded) {
        int w = decoded.width();
        int h = decoded.height();
        ByteBuffer y = decoded.data(0).capacity((long) decoded.linesize(0) * h).asByteBuffer();
        double sum = 0;
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int d = (original[j * w + i] & 0xFF) - (y.get(j * decoded.linesize(0) + i) & 0xFF);
                sum += d * d;
            }
        }
        return sum / (w * h);
    }
}
