package dev.mediapipeline.index.metadata;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FORCE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Probes a video's container and streams with libavformat (FFmpeg 7.1 through JavaCPP), reading through a
 * {@link RangedObjectReader} plugged in as a custom AVIOContext: libavformat seeks to the boxes it needs (an MP4's
 * {@code moov} may sit at the end) and reads a few packets to settle codec parameters, and only those ranges are
 * fetched. Only libavutil, libavcodec, libswresample and libavformat load: never libavdevice, whose dependencies
 * (ALSA, PulseAudio, X11) the Lambda base image lacks.
 *
 * <p>Fields (absent when the file does not carry them): {@code container} (libavformat's demuxer name, as ffprobe's
 * {@code format_name}), {@code durationSeconds} (milliseconds precision), {@code bitrate} (bit/s, whole file),
 * {@code videoCodec}, {@code width}, {@code height} (coded), {@code rotation} (clockwise degrees to display upright),
 * {@code displayWidth}, {@code displayHeight}, {@code frameRate} (average, 3 decimals), {@code audioCodec},
 * {@code audioChannels}, {@code audioSampleRate}.
 */
final class VideoProbe {

    private static final int IO_BUFFER = 64 * 1024;
    /** libavformat's AVFMT_FLAG_CUSTOM_IO (avformat.h), which the preset does not expose. */
    private static final int AVFMT_FLAG_CUSTOM_IO = 0x0080;
    private static final Map<Long, Session> SESSIONS = new ConcurrentHashMap<>();
    private static final ReadCallback READ;
    private static final SeekCallback SEEK;

    static {
        Loader.load(avformat.class);
        av_log_set_level(AV_LOG_QUIET);
        READ = new ReadCallback();
        SEEK = new SeekCallback();
    }

    /** The outcome of a probe that found no video stream. */
    static final class NoVideoStreamException extends Exception {
        private final boolean hasAudio;

        NoVideoStreamException(boolean hasAudio) {
            super(hasAudio ? "the file holds audio only, no video stream" : "the file holds no video stream");
            this.hasAudio = hasAudio;
        }

        boolean hasAudio() {
            return hasAudio;
        }
    }

    private VideoProbe() {
    }

    static Map<String, Object> probe(RangedObjectReader source) throws UnreadableMediaException, NoVideoStreamException {
        AVFormatContext fmt = avformat_alloc_context();
        if (fmt == null || fmt.isNull()) {
            throw new OutOfMemoryError("avformat_alloc_context");
        }
        BytePointer buffer = new BytePointer(av_malloc(IO_BUFFER));
        AVIOContext avio = avio_alloc_context(buffer, IO_BUFFER, 0, fmt, READ, null, SEEK);
        Session session = new Session(source);
        long key = fmt.address();
        SESSIONS.put(key, session);
        boolean opened = false;
        try {
            fmt.pb(avio);
            fmt.flags(fmt.flags() | AVFMT_FLAG_CUSTOM_IO);
            int ret = avformat_open_input(fmt, (String) null, null, null);
            if (ret < 0) {
                // avformat_open_input frees a caller-allocated context on failure
                fmt = null;
                session.rethrow();
                throw new UnreadableMediaException("unreadable video: " + error(ret));
            }
            opened = true;
            ret = avformat_find_stream_info(fmt, (PointerPointer<?>) null);
            session.rethrow();
            if (ret < 0) {
                throw new UnreadableMediaException("unreadable video streams: " + error(ret));
            }
            return fields(fmt);
        } finally {
            SESSIONS.remove(key);
            if (fmt != null) {
                if (opened) {
                    avformat_close_input(fmt);
                } else {
                    avformat_free_context(fmt);
                }
            }
            if (avio != null && !avio.isNull()) {
                Pointer current = avio.buffer();
                if (current != null && !current.isNull()) {
                    av_free(current);
                }
                avio_context_free(avio);
            }
        }
    }

    private static Map<String, Object> fields(AVFormatContext fmt) throws NoVideoStreamException {
        AVStream video = null;
        AVStream audio = null;
        for (int i = 0; i < fmt.nb_streams(); i++) {
            AVStream s = fmt.streams(i);
            int type = s.codecpar().codec_type();
            if (type == AVMEDIA_TYPE_VIDEO && video == null && (s.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
                video = s;
            } else if (type == AVMEDIA_TYPE_AUDIO && audio == null) {
                audio = s;
            }
        }
        if (video == null) {
            throw new NoVideoStreamException(audio != null);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("container", fmt.iformat().name().getString());
        if (fmt.duration() != AV_NOPTS_VALUE && fmt.duration() > 0) {
            out.put("durationSeconds", BigDecimal.valueOf(fmt.duration()).divide(BigDecimal.valueOf(1_000_000L), 3, RoundingMode.HALF_EVEN));
        }
        if (fmt.bit_rate() > 0) {
            out.put("bitrate", fmt.bit_rate());
        }
        AVCodecParameters v = video.codecpar();
        out.put("videoCodec", avcodec_get_name(v.codec_id()).getString());
        if (v.width() > 0 && v.height() > 0) {
            int rotation = rotation(v);
            out.put("width", v.width());
            out.put("height", v.height());
            out.put("rotation", rotation);
            boolean swap = rotation == 90 || rotation == 270;
            out.put("displayWidth", swap ? v.height() : v.width());
            out.put("displayHeight", swap ? v.width() : v.height());
        }
        AVRational rate = video.avg_frame_rate();
        if (rate.num() <= 0 || rate.den() <= 0) {
            rate = video.r_frame_rate();
        }
        if (rate.num() > 0 && rate.den() > 0) {
            out.put("frameRate", BigDecimal.valueOf(rate.num()).divide(BigDecimal.valueOf(rate.den()), 3, RoundingMode.HALF_EVEN));
        }
        if (audio != null) {
            AVCodecParameters a = audio.codecpar();
            out.put("audioCodec", avcodec_get_name(a.codec_id()).getString());
            if (a.ch_layout().nb_channels() > 0) {
                out.put("audioChannels", a.ch_layout().nb_channels());
            }
            if (a.sample_rate() > 0) {
                out.put("audioSampleRate", a.sample_rate());
            }
        }
        return out;
    }

    /** Clockwise degrees (0, 90, 180, 270) the display matrix turns the picture; 0 without one. */
    private static int rotation(AVCodecParameters v) {
        AVPacketSideData sd = av_packet_side_data_get(v.coded_side_data(), v.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.size() < 36) {
            return 0;
        }
        double counterClockwise = av_display_rotation_get(new IntPointer(sd.data()));
        if (Double.isNaN(counterClockwise)) {
            return 0;
        }
        long clockwise = Math.round(-counterClockwise);
        return (int) (((clockwise % 360) + 360) % 360);
    }

    private static String error(int code) {
        byte[] text = new byte[256];
        av_strerror(code, text, text.length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The state of one probe, found from the callbacks by the format context's address. */
    private static final class Session {
        final RangedObjectReader source;
        long position;
        RuntimeException failure;
        byte[] scratch = new byte[IO_BUFFER];

        Session(RangedObjectReader source) {
            this.source = source;
        }

        void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static final class ReadCallback extends Read_packet_Pointer_BytePointer_int {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            Session s = SESSIONS.get(opaque.address());
            if (s == null || s.failure != null) {
                return AVERROR_EOF();
            }
            try {
                if (s.scratch.length < size) {
                    s.scratch = new byte[size];
                }
                int n = s.source.read(s.position, s.scratch, 0, size);
                if (n <= 0) {
                    return AVERROR_EOF();
                }
                buf.position(0).put(s.scratch, 0, n);
                s.position += n;
                return n;
            } catch (RuntimeException e) {
                // the store failed or the budget ran out: stop libavformat here, rethrow after it returns
                s.failure = e;
                return AVERROR_EOF();
            }
        }
    }

    private static final class SeekCallback extends Seek_Pointer_long_int {
        @Override
        public long call(Pointer opaque, long offset, int whence) {
            Session s = SESSIONS.get(opaque.address());
            if (s == null) {
                return -1;
            }
            if ((whence & AVSEEK_SIZE) != 0) {
                return s.source.size();
            }
            long target = switch (whence & ~AVSEEK_FORCE) {
                case 0 -> offset;
                case 1 -> s.position + offset;
                case 2 -> s.source.size() + offset;
                default -> -1;
            };
            if (target < 0) {
                return -1;
            }
            s.position = target;
            return target;
        }
    }
}
