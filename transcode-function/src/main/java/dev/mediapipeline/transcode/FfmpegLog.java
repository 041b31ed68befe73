package dev.mediapipeline.transcode;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg's log lines go to SLF4J (so to the function's JSON log) instead of stderr, errors only, and the last one
 * of each thread is kept: "moov atom not found" says more about a broken upload than the error code's
 * "Invalid data found when processing input", so it goes into the reason the asset fails with.
 */
final class FfmpegLog extends LogCallback {

    private static final Logger LOG = LoggerFactory.getLogger("ffmpeg");
    private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();
    static final FfmpegLog INSTANCE = new FfmpegLog();

    private FfmpegLog() {
    }

    @Override
    public void call(int level, BytePointer message) {
        if (level > AV_LOG_WARNING) {
            return;
        }
        String text = message == null ? "" : message.getString().strip();
        if (text.isEmpty()) {
            return;
        }
        if (level <= AV_LOG_ERROR) {
            LAST_ERROR.set(text);
            LOG.warn("{}", text);
        } else {
            LOG.debug("{}", text);
        }
    }

    /** Forgets this thread's last error (call before an operation whose failure should be explained). */
    static void clear() {
        LAST_ERROR.remove();
    }

    /** FFmpeg's own words for the last error logged on this thread, or the error code's description. */
    static String explain(int code) {
        String last = LAST_ERROR.get();
        LAST_ERROR.remove();
        return last == null ? Av.error(code) : last + " (" + Av.error(code) + ")";
    }
}
