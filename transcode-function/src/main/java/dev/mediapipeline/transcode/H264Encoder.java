package dev.mediapipeline.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import dev.mediapipeline.model.VideoLadder.Rendition;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * Opens the H.264 encoder of one rendition. Two encoders, one behaviour: keyframes only where the caller forces
 * them (each segment start), no scene-cut keyframes, closed GOPs, bitrate-targeted rate control, yuv420p BT.709.
 *
 * <ul>
 *   <li>{@code libopenh264} (the default, LGPL FFmpeg build): Cisco's OpenH264, Constrained Baseline profile,
 *       no B-frames (so every GOP is closed by construction), CAVLC.</li>
 *   <li>{@code libx264} (the {@code -Pgpl} build): High profile with B-frames in closed GOPs, {@code veryfast}
 *       preset, capped VBR (maxrate 1.5x, buffer 2x the target).</li>
 * </ul>
 */
final class H264Encoder {

    static final String OPENH264 = "libopenh264";
    static final String X264 = "libx264";

    private H264Encoder() {
    }

    /** libx264 if this FFmpeg build has it (the GPL natives) and it is allowed, otherwise OpenH264. */
    static String choose(String preference) {
        Av.init();
        String wanted = preference == null ? "auto" : preference.trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "auto" -> avcodec_find_encoder_by_name(X264) != null ? X264 : OPENH264;
            case OPENH264, "openh264" -> OPENH264;
            case X264, "x264" -> {
                if (avcodec_find_encoder_by_name(X264) == null) {
                    throw new IllegalStateException("libx264 is not in this FFmpeg build: build with -Pgpl");
                }
                yield X264;
            }
            default -> throw new IllegalArgumentException("unknown H.264 encoder '" + preference + "' (auto, libopenh264, libx264)");
        };
    }

    static AVCodecContext open(String encoder, Rendition rendition, FrameGrid grid, int threads) {
        AVCodec codec = avcodec_find_encoder_by_name(encoder);
        if (codec == null) {
            throw new IllegalStateException("H.264 encoder " + encoder + " is not in this FFmpeg build");
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVDictionary opts = new AVDictionary(null);
        try {
            ctx.width(rendition.width());
            ctx.height(rendition.height());
            ctx.pix_fmt(AV_PIX_FMT_YUV420P);
            ctx.time_base(grid.fps().inverse().toAv());
            ctx.framerate(grid.fps().toAv());
            ctx.sample_aspect_ratio(Av.q(1, 1));
            ctx.colorspace(AVCOL_SPC_BT709);
            ctx.color_primaries(AVCOL_PRI_BT709);
            ctx.color_trc(AVCOL_TRC_BT709);
            ctx.color_range(AVCOL_RANGE_MPEG);
            long bitrate = rendition.videoKbps() * 1000L;
            ctx.bit_rate(bitrate);
            ctx.thread_count(threads);
            int keyint = grid.maxSegmentFrames();
            for (Map.Entry<String, String> e : options(encoder, keyint).entrySet()) {
                av_dict_set(opts, e.getKey(), e.getValue(), 0);
            }
            if (encoder.equals(X264)) {
                ctx.rc_max_rate(bitrate * 3 / 2);
                ctx.rc_buffer_size((int) Math.min(Integer.MAX_VALUE, bitrate * 2));
                ctx.gop_size(keyint);
                ctx.keyint_min(keyint);
                ctx.max_b_frames(2);
            } else {
                // OpenH264 inserts an IDR every gop_size frames; forced IDRs at segment starts come first
                ctx.gop_size(keyint * 4);
                ctx.max_b_frames(0);
                ctx.slices(Math.max(1, threads));
            }
            int ret = avcodec_open2(ctx, codec, opts);
            Av.check(ret, "open " + encoder + " for " + rendition.name());
            return ctx;
        } catch (RuntimeException e) {
            avcodec_free_context(ctx);
            throw e;
        } finally {
            av_dict_free(opts);
        }
    }

    static Map<String, String> options(String encoder, int keyint) {
        Map<String, String> o = new LinkedHashMap<>();
        if (encoder.equals(X264)) {
            o.put("preset", "veryfast");
            o.put("forced-idr", "1");
            o.put("x264-params", "scenecut=0:open-gop=0:keyint=" + keyint + ":min-keyint=" + keyint);
        } else {
            o.put("rc_mode", "bitrate");
            o.put("allow_skip_frames", "0");
        }
        return o;
    }
}
