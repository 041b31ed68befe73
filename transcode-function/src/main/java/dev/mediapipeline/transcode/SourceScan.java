package dev.mediapipeline.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * One pass over every packet of the source, without decoding: exact video start and end, keyframe times (where
 * chunks may be cut), audio start and end. A read error before the end of the file means the upload is damaged or
 * truncated ({@link CorruptVideoException}).
 *
 * @param origin       seconds (container clock) that become 0 in the output: the earliest video or audio packet
 * @param keyframes    presentation times of video keyframes, seconds after the origin, ascending (may be empty
 *                     when the container flags none: then the video is encoded in one piece)
 * @param videoStart   first video presentation time after the origin
 * @param videoEnd     end of the last video frame after the origin
 * @param videoPackets number of video packets
 * @param audioStart   NaN without audio
 * @param audioEnd     NaN without audio
 */
public record SourceScan(double origin, List<Double> keyframes, double videoStart, double videoEnd, long videoPackets,
                         double audioStart, double audioEnd) {

    public double videoDuration() {
        return videoEnd - Math.min(0, videoStart);
    }

    /** Average frame rate measured from the packets (NaN when there is a single frame). */
    public double measuredFrameRate() {
        double span = videoEnd - videoStart;
        return videoPackets > 1 && span > 0 ? videoPackets / span : Double.NaN;
    }

    public static SourceScan scan(Path file, VideoProbe probe) {
        Av.init();
        AVFormatContext fmt = new AVFormatContext(null);
        FfmpegLog.clear();
        int ret = avformat_open_input(fmt, file.toString(), (AVInputFormat) null, (AVDictionary) null);
        if (ret < 0) {
            throw new UnreadableVideoException("not a readable media file: " + FfmpegLog.explain(ret));
        }
        AVPacket pkt = av_packet_alloc();
        try {
            int vIndex = probe.videoStream();
            int aIndex = probe.audio().map(VideoProbe.Audio::stream).orElse(-1);
            AVRational vtb = fmt.streams(vIndex).time_base();
            AVRational atb = aIndex >= 0 ? fmt.streams(aIndex).time_base() : null;
            double nominalFrame = probe.frameRate().num() > 0 ? 1 / probe.frameRate().value() : 1 / 30.0;
            List<Double> keys = new ArrayList<>();
            double vStart = Double.POSITIVE_INFINITY;
            double vEnd = Double.NEGATIVE_INFINITY;
            double aStart = Double.POSITIVE_INFINITY;
            double aEnd = Double.NEGATIVE_INFINITY;
            long videoPackets = 0;
            while (true) {
                ret = av_read_frame(fmt, pkt);
                if (ret == Av.EOF) {
                    break;
                }
                if (ret < 0) {
                    throw new CorruptVideoException("the video data is damaged or ends early after "
                            + (Double.isInfinite(vEnd) ? "0" : String.format(java.util.Locale.ROOT, "%.2f", vEnd))
                            + " s: " + FfmpegLog.explain(ret));
                }
                try {
                    boolean discard = (pkt.flags() & AV_PKT_FLAG_DISCARD) != 0;
                    long ts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
                    if (pkt.stream_index() == vIndex) {
                        videoPackets++;
                        if (ts == AV_NOPTS_VALUE || discard) {
                            continue;
                        }
                        double t = Av.seconds(ts, vtb);
                        double d = pkt.duration() > 0 ? Av.seconds(pkt.duration(), vtb) : nominalFrame;
                        vStart = Math.min(vStart, t);
                        vEnd = Math.max(vEnd, t + d);
                        if ((pkt.flags() & AV_PKT_FLAG_KEY) != 0) {
                            keys.add(t);
                        }
                    } else if (pkt.stream_index() == aIndex && ts != AV_NOPTS_VALUE && !discard) {
                        double t = Av.seconds(ts, atb);
                        aStart = Math.min(aStart, t);
                        aEnd = Math.max(aEnd, t + Math.max(0, Av.seconds(pkt.duration(), atb)));
                    }
                } finally {
                    av_packet_unref(pkt);
                }
            }
            long indexed = fmt.streams(vIndex).nb_frames();
            if (indexed > 0 && videoPackets < indexed) {
                // the container's index (an MP4 moov written first) lists frames whose data is not in the file
                throw new CorruptVideoException("the file ends early: " + videoPackets + " of " + indexed
                        + " video frames are present (truncated upload?)");
            }
            if (videoPackets == 0 || Double.isInfinite(vStart)) {
                throw new CorruptVideoException("the video stream holds no frames");
            }
            boolean audio = !Double.isInfinite(aStart);
            double origin = audio ? Math.min(vStart, aStart) : vStart;
            List<Double> relativeKeys = keys.stream().map(k -> k - origin).sorted().distinct().toList();
            return new SourceScan(origin, relativeKeys, vStart - origin, vEnd - origin, videoPackets,
                    audio ? aStart - origin : Double.NaN, audio ? aEnd - origin : Double.NaN);
        } finally {
            av_packet_free(pkt);
            avformat_close_input(fmt);
        }
    }
}
