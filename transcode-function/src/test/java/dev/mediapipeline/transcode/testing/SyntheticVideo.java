package dev.mediapipeline.transcode.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_stream_add_side_data;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_LAYOUT_STEREO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import dev.mediapipeline.transcode.Av;
import dev.mediapipeline.transcode.Rational;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * Generates test videos with FFmpeg's own encoders (OpenH264 or MPEG-4 part 2 for B-frames, and AAC): a moving
 * pattern with a white marker in the top-left corner of the coded picture (so a test can tell whether rotation was
 * applied), optional black lead-in (so a test can tell a poster was not taken from the first frame), an optional
 * 440 Hz tone, rotation metadata (display matrix) and variable frame timing. Pure Java: tests never need an
 * {@code ffmpeg} binary.
 */
public final class SyntheticVideo {

    private int width = 320;
    private int height = 180;
    private Rational fps = Rational.of(30, 1);
    private double seconds = 3;
    private boolean audio = true;
    private int sampleRate = 48_000;
    private int channels = 2;
    private int rotation;
    private boolean variableFrameRate;
    private double blackLeadSeconds;
    private String videoEncoder = "libopenh264";
    private int maxBFrames;
    private int videoKbps = 300;
    private int audioKbps = 64;
    private double gopSeconds = 2;
    private String format = "mp4";
    private boolean noise = false;
    private boolean video = true;
    private boolean fastStart;

    public static SyntheticVideo video() {
        return new SyntheticVideo();
    }

    public SyntheticVideo size(int w, int h) {
        this.width = w;
        this.height = h;
        return this;
    }

    public SyntheticVideo fps(int num, int den) {
        this.fps = Rational.of(num, den);
        return this;
    }

    public SyntheticVideo seconds(double s) {
        this.seconds = s;
        return this;
    }

    public SyntheticVideo noAudio() {
        this.audio = false;
        return this;
    }

    public SyntheticVideo audio(int rate, int channelCount) {
        this.audio = true;
        this.sampleRate = rate;
        this.channels = channelCount;
        return this;
    }

    /** Display-matrix rotation: the picture is to be shown rotated clockwise by this many degrees. */
    public SyntheticVideo rotation(int clockwiseDegrees) {
        this.rotation = clockwiseDegrees;
        return this;
    }

    public SyntheticVideo variableFrameRate() {
        this.variableFrameRate = true;
        return this;
    }

    public SyntheticVideo blackLead(double s) {
        this.blackLeadSeconds = s;
        return this;
    }

    /** MPEG-4 part 2 with B-frames (reordered, dts &lt; pts) instead of OpenH264's baseline stream. */
    public SyntheticVideo withBFrames() {
        this.videoEncoder = "mpeg4";
        this.maxBFrames = 2;
        return this;
    }

    public SyntheticVideo videoKbps(int kbps) {
        this.videoKbps = kbps;
        return this;
    }

    public SyntheticVideo audioKbps(int kbps) {
        this.audioKbps = kbps;
        return this;
    }

    public SyntheticVideo gopSeconds(double s) {
        this.gopSeconds = s;
        return this;
    }

    /** Container muxer name, e.g. {@code mp4}, {@code mov}, {@code matroska}. */
    public SyntheticVideo format(String muxer) {
        this.format = muxer;
        return this;
    }

    /** MP4 index (moov) before the media data, as web-optimised files have it. */
    public SyntheticVideo fastStart() {
        this.fastStart = true;
        return this;
    }

    /** Only an audio track (an MP4 from a voice recorder, say). */
    public SyntheticVideo audioOnly() {
        this.video = false;
        this.audio = true;
        return this;
    }

    /** Adds per-frame noise: closer to camera footage, harder to encode. */
    public SyntheticVideo noisy() {
        this.noise = true;
        return this;
    }

    @SuppressWarnings("deprecation") // av_stream_add_side_data: the simplest way to give the stream a display matrix
    public Path writeTo(Path file) throws IOException {
        Av.init();
        Files.createDirectories(file.toAbsolutePath().getParent());
        AVFormatContext out = new AVFormatContext(null);
        Av.check(avformat_alloc_output_context2(out, null, format, file.toString()), "alloc output");
        AVCodecContext venc = null;
        AVCodecContext aenc = null;
        AVFrame vframe = av_frame_alloc();
        AVFrame aframe = av_frame_alloc();
        AVPacket pkt = av_packet_alloc();
        try {
            boolean globalHeader = (out.oformat().flags() & AVFMT_GLOBALHEADER) != 0;
            AVStream vst = null;
            if (video) {
            AVCodec vcodec = avcodec_find_encoder_by_name(videoEncoder);
            if (vcodec == null) {
                throw new IllegalStateException("encoder " + videoEncoder + " is not in this FFmpeg build");
            }
            venc = avcodec_alloc_context3(vcodec);
            venc.width(width);
            venc.height(height);
            venc.pix_fmt(AV_PIX_FMT_YUV420P);
            Rational tb = variableFrameRate ? Rational.of(1, 90_000) : fps.inverse();
            venc.time_base(tb.toAv());
            venc.framerate(fps.toAv());
            venc.bit_rate(videoKbps * 1000L);
            venc.gop_size((int) Math.max(1, Math.round(gopSeconds * fps.value())));
            venc.max_b_frames(maxBFrames);
            if (globalHeader) {
                venc.flags(venc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            AVDictionary opts = new AVDictionary(null);
            if (videoEncoder.equals("libopenh264")) {
                avutil.av_dict_set(opts, "rc_mode", "bitrate", 0);
                avutil.av_dict_set(opts, "allow_skip_frames", "0", 0);
            }
            Av.check(avcodec_open2(venc, vcodec, opts), "open video encoder");
            avutil.av_dict_free(opts);
            vst = avformat_new_stream(out, null);
            Av.check(avcodec_parameters_from_context(vst.codecpar(), venc), "video parameters");
            vst.time_base(venc.time_base());
            if (rotation != 0) {
                int[] matrix = new int[9];
                // av_display_rotation_set takes a clockwise angle (av_display_rotation_get answers counter-clockwise)
                av_display_rotation_set(matrix, rotation);
                ByteBuffer bytes = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
                bytes.asIntBuffer().put(matrix);
                BytePointer data = new BytePointer(avutil.av_malloc(36)).capacity(36);
                data.put(bytes.array());
                Av.check(av_stream_add_side_data(vst, AV_PKT_DATA_DISPLAYMATRIX, data, 36), "display matrix");
            }
            }

            AVStream ast = null;
            if (audio) {
                AVCodec acodec = avcodec_find_encoder_by_name("aac");
                aenc = avcodec_alloc_context3(acodec);
                aenc.sample_rate(sampleRate);
                av_channel_layout_default(aenc.ch_layout(), channels);
                aenc.sample_fmt(AV_SAMPLE_FMT_FLTP);
                aenc.bit_rate(audioKbps * 1000L);
                aenc.time_base(avutil.av_make_q(1, sampleRate));
                if (globalHeader) {
                    aenc.flags(aenc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
                }
                Av.check(avcodec_open2(aenc, acodec, (AVDictionary) null), "open audio encoder");
                ast = avformat_new_stream(out, null);
                Av.check(avcodec_parameters_from_context(ast.codecpar(), aenc), "audio parameters");
                ast.time_base(aenc.time_base());
            }

            AVIOContext pb = new AVIOContext(null);
            Av.check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "open " + file);
            out.pb(pb);
            AVDictionary muxOptions = new AVDictionary(null);
            if (fastStart) {
                avutil.av_dict_set(muxOptions, "movflags", "+faststart", 0);
            }
            Av.check(avformat_write_header(out, muxOptions), "write header");
            avutil.av_dict_free(muxOptions);

            if (video) {
                vframe.format(AV_PIX_FMT_YUV420P);
                vframe.width(width);
                vframe.height(height);
                Av.check(av_frame_get_buffer(vframe, 0), "video frame buffer");
            }
            if (aenc != null) {
                aframe.format(AV_SAMPLE_FMT_FLTP);
                aframe.nb_samples(aenc.frame_size());
                aframe.sample_rate(sampleRate);
                avutil.av_channel_layout_copy(aframe.ch_layout(), aenc.ch_layout());
                Av.check(av_frame_get_buffer(aframe, 0), "audio frame buffer");
            }

            long videoPts = 0;
            int frameIndex = 0;
            long samplesWritten = 0;
            long totalSamples = Math.round(seconds * sampleRate);
            java.util.Random random = new java.util.Random(42);
            while (true) {
                double videoTime = variableFrameRate ? videoPts / 90_000.0 : frameIndex / fps.value();
                double audioTime = aenc == null ? Double.MAX_VALUE : samplesWritten / (double) sampleRate;
                boolean videoDone = !video || videoTime >= seconds;
                boolean audioDone = aenc == null || samplesWritten >= totalSamples;
                if (videoDone && audioDone) {
                    break;
                }
                if (!videoDone && (audioDone || videoTime <= audioTime)) {
                    Av.check(av_frame_make_writable(vframe), "writable");
                    paint(vframe, frameIndex, videoTime, random);
                    vframe.pts(variableFrameRate ? videoPts : frameIndex);
                    encode(venc, vframe, vst, out, pkt);
                    frameIndex++;
                    if (variableFrameRate) {
                        // frame spacing cycles through 1/30, 1/30, 1/20, 1/60, 1/24 s (average ≈ 29.5 fps)
                        int[] spacing = {3000, 3000, 4500, 1500, 3750};
                        videoPts += spacing[frameIndex % spacing.length];
                    }
                } else {
                    Av.check(av_frame_make_writable(aframe), "writable");
                    int n = aframe.nb_samples();
                    for (int c = 0; c < channels; c++) {
                        FloatBuffer samples = new BytePointer(aframe.data(c)).capacity(n * 4L).asByteBuffer()
                                .order(ByteOrder.nativeOrder()).asFloatBuffer();
                        for (int i = 0; i < n; i++) {
                            double t = (samplesWritten + i) / (double) sampleRate;
                            double tone = t < blackLeadSeconds ? 0 : 0.3 * Math.sin(2 * Math.PI * (440 + 110 * c) * t);
                            samples.put(i, (float) tone);
                        }
                    }
                    aframe.pts(samplesWritten);
                    encode(aenc, aframe, ast, out, pkt);
                    samplesWritten += n;
                }
            }
            if (venc != null) {
                encode(venc, null, vst, out, pkt);
            }
            if (aenc != null) {
                encode(aenc, null, ast, out, pkt);
            }
            Av.check(av_write_trailer(out), "write trailer");
            return file;
        } finally {
            av_packet_free(pkt);
            av_frame_free(vframe);
            av_frame_free(aframe);
            if (venc != null) {
                avcodec_free_context(venc);
            }
            if (aenc != null) {
                avcodec_free_context(aenc);
            }
            if (out.pb() != null) {
                avio_closep(out.pb());
            }
            avformat_free_context(out);
        }
    }

    private byte[] noiseTexture;

    private void paint(AVFrame f, int index, double t, java.util.Random random) {
        boolean black = t < blackLeadSeconds;
        int w = f.width();
        int h = f.height();
        int ls = f.linesize(0);
        ByteBuffer y = f.data(0).capacity((long) ls * h).asByteBuffer();
        byte[] row = new byte[w];
        int markerW = Math.max(4, w / 6);
        int markerH = Math.max(4, h / 6);
        int boxSize = Math.max(8, h / 4);
        int boxX = (int) ((index * 4L) % Math.max(1, w - boxSize));
        int boxY = (int) (h / 2 - boxSize / 2 + (h / 4.0) * Math.sin(t * 2));
        // per-frame tables instead of per-pixel trigonometry: a wave along the diagonal and a drifting noise field
        int[] wave = new int[w + h];
        for (int k = 0; k < wave.length; k++) {
            wave[k] = (int) (20 * Math.sin(k / 40.0 + t));
        }
        if (noise && noiseTexture == null) {
            noiseTexture = new byte[4096];
            random.nextBytes(noiseTexture);
        }
        int noiseShift = index * 7919;
        for (int j = 0; j < h; j++) {
            int rowNoise = j * 131 + noiseShift;
            for (int i = 0; i < w; i++) {
                int v;
                if (black) {
                    v = 16;
                } else if (i < markerW && j < markerH) {
                    v = 235;
                } else if ((i >= w - markerW || j >= h - markerH) && (i < markerW || i >= w - markerW)
                        && (j < markerH || j >= h - markerH)) {
                    v = 16;
                } else if (i >= boxX && i < boxX + boxSize && j >= boxY && j < boxY + boxSize) {
                    v = 200;
                } else {
                    v = 40 + ((i / 8 + j / 8 + index / 2) % 16) * 8 + wave[i + j];
                    if (noise) {
                        v += (noiseTexture[(rowNoise + i) & 4095] >> 4);
                    }
                }
                row[i] = (byte) Math.max(16, Math.min(235, v));
            }
            y.position(j * ls);
            y.put(row, 0, w);
        }
        for (int plane = 1; plane <= 2; plane++) {
            int cls = f.linesize(plane);
            int ch = (h + 1) / 2;
            int cw = (w + 1) / 2;
            ByteBuffer c = f.data(plane).capacity((long) cls * ch).asByteBuffer();
            byte[] crow = new byte[cw];
            int[] colour = new int[Math.max(cw, ch)];
            for (int k = 0; k < colour.length; k++) {
                colour[k] = black ? 128 : 128 + (int) (60 * Math.sin(k / 20.0 + t * plane));
            }
            for (int j = 0; j < ch; j++) {
                for (int i = 0; i < cw; i++) {
                    crow[i] = (byte) colour[plane == 1 ? i : j];
                }
                c.position(j * cls);
                c.put(crow, 0, cw);
            }
        }
    }

    private static void encode(AVCodecContext enc, AVFrame frame, AVStream st, AVFormatContext out, AVPacket pkt) {
        Av.check(avcodec_send_frame(enc, frame), "send frame");
        while (true) {
            int ret = avcodec_receive_packet(enc, pkt);
            if (ret == Av.EAGAIN || ret == Av.EOF) {
                return;
            }
            Av.check(ret, "receive packet");
            pkt.stream_index(st.index());
            av_packet_rescale_ts(pkt, enc.time_base(), st.time_base());
            Av.check(av_interleaved_write_frame(out, pkt), "write packet");
            av_packet_unref(pkt);
        }
    }
}
