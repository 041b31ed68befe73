package dev.mediapipeline.transcode;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avfilter;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/**
 * Entry point to FFmpeg's C libraries (through the JavaCPP presets, never JavaCV's FrameGrabber/FrameRecorder,
 * which load libavdevice and with it ALSA, PulseAudio and X11 libraries that Lambda's image does not have).
 * {@link #init()} loads exactly libavutil, libswresample, libswscale, libavcodec, libavformat and libavfilter.
 */
public final class Av {

    private static volatile boolean loaded;

    static {
        init();
    }

    /** AVERROR(EAGAIN): "send more input" / "read output first". */
    public static final int EAGAIN = AVERROR_EAGAIN();
    public static final int EOF = avutil.AVERROR_EOF;

    private Av() {
    }

    /** Loads the natives once per JVM (idempotent, thread-safe) and quiets FFmpeg's console logging to errors. */
    public static void init() {
        if (loaded) {
            return;
        }
        synchronized (Av.class) {
            if (!loaded) {
                Loader.load(avutil.class);
                Loader.load(swresample.class);
                Loader.load(swscale.class);
                Loader.load(avcodec.class);
                Loader.load(avformat.class);
                Loader.load(avfilter.class);
                av_log_set_level(AV_LOG_ERROR);
                avutil.setLogCallback(FfmpegLog.INSTANCE);
                loaded = true;
            }
        }
    }

    /** FFmpeg's description of an error code. */
    public static String error(int code) {
        byte[] buffer = new byte[256];
        av_strerror(code, buffer, buffer.length);
        int n = 0;
        while (n < buffer.length && buffer[n] != 0) {
            n++;
        }
        return new String(buffer, 0, n, StandardCharsets.UTF_8) + " (" + code + ")";
    }

    /** Returns {@code ret} when it is not an error, otherwise throws naming the operation. */
    public static int check(int ret, String operation) {
        if (ret < 0) {
            throw new FfmpegException(operation + " failed: " + error(ret), ret);
        }
        return ret;
    }

    public static AVRational q(int num, int den) {
        return avutil.av_make_q(num, den);
    }

    public static double seconds(long ticks, AVRational timeBase) {
        return ticks * (double) timeBase.num() / timeBase.den();
    }

    /** An FFmpeg call failed in a way that is not about the input (resources, a bug, a missing codec). */
    public static class FfmpegException extends RuntimeException {
        private final int code;

        public FfmpegException(String message, int code) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
