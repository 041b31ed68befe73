package dev.mediapipeline.image;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg's libavcodec (JPEG decoder) and libswscale, loaded on first use only: a JVM that never renders a JPEG
 * (the video transcoder rendering posters from frames, say) never extracts or maps them. JavaCPP extracts the
 * natives from the jar into {@code org.bytedeco.javacpp.cachedir} ({@code /tmp/javacpp} on Lambda, set in the
 * template's Globals) and maps them; if that fails for any reason (an unexpected platform, a full /tmp), the JPEG
 * path falls back to the JDK's decoder and the failure is logged once.
 *
 * <p>Only the codec and scaler libraries are loaded (no libavformat/libavdevice: libavdevice needs ALSA, Pulse
 * and X11 libraries that the Lambda base image lacks).
 */
final class FfmpegNatives {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegNatives.class);

    private FfmpegNatives() {
    }

    /** Whether the natives loaded and the MJPEG decoder exists. */
    static boolean available() {
        return Holder.MJPEG != null;
    }

    /** The MJPEG decoder; only call when {@link #available()}. */
    static AVCodec mjpeg() {
        AVCodec codec = Holder.MJPEG;
        if (codec == null) {
            throw new IllegalStateException("FFmpeg is not available: " + Holder.FAILURE);
        }
        return codec;
    }

    /** How long loading took (extraction and mapping), for the cold-start benchmark; -1 if it failed. */
    static long loadNanos() {
        return Holder.LOAD_NANOS;
    }

    private static final class Holder {
        static final AVCodec MJPEG;
        static final String FAILURE;
        static final long LOAD_NANOS;

        static {
            AVCodec codec = null;
            String failure = null;
            long started = System.nanoTime();
            long took = -1;
            try {
                Loader.load(avutil.class);
                Loader.load(avcodec.class);
                Loader.load(swscale.class);
                // FFmpeg prints decoder complaints ("overread", "huffman table decode error") straight to stderr, outside
                // the structured logs; a damaged JPEG is handed to the JDK decoder, which reports it precisely. Quiet
                // them unless something else in this JVM already chose a log level.
                if (avutil.av_log_get_level() == avutil.AV_LOG_INFO) {
                    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
                }
                codec = avcodec_find_decoder(AV_CODEC_ID_MJPEG);
                if (codec == null || codec.isNull()) {
                    codec = null;
                    failure = "this FFmpeg build has no MJPEG decoder";
                } else {
                    took = System.nanoTime() - started;
                }
            } catch (LinkageError | RuntimeException e) {
                failure = e.toString();
            }
            if (failure != null) {
                LOG.warn("FFmpeg natives unavailable ({}): JPEGs are decoded by the JDK's decoder instead", failure);
            } else {
                LOG.debug("FFmpeg {} loaded in {} ms", avutil.av_version_info().getString(), took / 1_000_000);
            }
            MJPEG = codec;
            FAILURE = failure;
            LOAD_NANOS = took;
        }
    }
}
