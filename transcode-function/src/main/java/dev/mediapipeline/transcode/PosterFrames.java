package dev.mediapipeline.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Picks the video's poster frame: the most detailed of a few frames spread over the video (highest variance of
 * luma, measured on a small grey copy), so a fade-in or a black first second never becomes the poster, and returns
 * it upright, with square pixels, as a {@link BufferedImage} for the image path to render at the device profiles.
 */
final class PosterFrames {

    /** Where candidates are taken, as fractions of the duration. */
    static final double[] CANDIDATES = {0.1, 0.25, 0.4, 0.55, 0.7, 0.85};
    private static final int MEASURE_WIDTH = 160;

    private PosterFrames() {
    }

    /** A chosen frame and why. */
    record Choice(BufferedImage image, double time, double lumaVariance) {
    }

    static Choice pick(Path source, VideoProbe probe, SourceScan scan) {
        AVPacket pkt = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        AVFrame best = av_frame_alloc();
        AVFrame grey = av_frame_alloc();
        FilterGraph measure = null;
        try (MediaInput in = MediaInput.open(source);
             MediaInput.Decoder dec = in.decoder(probe.videoStream(), 0)) {
            AVRational tb = in.stream(probe.videoStream()).time_base();
            double span = Math.max(0, scan.videoEnd() - Math.max(0, scan.videoStart()));
            double bestVariance = -1;
            double bestTime = 0;
            for (double fraction : CANDIDATES) {
                double target = Math.max(0, scan.videoStart()) + span * fraction;
                if (!decodeAt(in, dec, probe.videoStream(), tb, scan.origin(), target, pkt, frame)) {
                    continue;
                }
                if (measure == null) {
                    measure = FilterGraph.create(VideoFilters.source(frame, Rational.of(1, 1))
                            + ",scale=w=" + MEASURE_WIDTH + ":h=-2,format=gray,buffersink@out0", 1, 1, 0);
                }
                frame.pts(Math.round(fraction * 1000));
                measure.push(frame);
                double variance = -1;
                while (measure.pull(0, grey) == 0) {
                    variance = lumaVariance(grey);
                    av_frame_unref(grey);
                }
                if (variance > bestVariance) {
                    bestVariance = variance;
                    bestTime = target;
                    av_frame_unref(best);
                    av_frame_move_ref(best, frame);
                } else {
                    av_frame_unref(frame);
                }
            }
            if (bestVariance < 0) {
                // very short or odd files: the first frame is better than none
                return firstFrame(source, probe, scan);
            }
            return new Choice(toImage(best, probe), bestTime, bestVariance);
        } finally {
            if (measure != null) {
                measure.close();
            }
            av_packet_free(pkt);
            av_frame_free(frame);
            av_frame_free(best);
            av_frame_free(grey);
        }
    }

    private static Choice firstFrame(Path source, VideoProbe probe, SourceScan scan) {
        AVPacket pkt = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try (MediaInput in = MediaInput.open(source);
             MediaInput.Decoder dec = in.decoder(probe.videoStream(), 0)) {
            AVRational tb = in.stream(probe.videoStream()).time_base();
            if (!decodeAt(in, dec, probe.videoStream(), tb, scan.origin(), Double.NEGATIVE_INFINITY, pkt, frame)) {
                throw new CorruptVideoException("no decodable video frame for a poster");
            }
            return new Choice(toImage(frame, probe), 0, 0);
        } finally {
            av_packet_free(pkt);
            av_frame_free(frame);
        }
    }

    /** Seeks before {@code target} (seconds after the origin) and decodes up to the first frame at or after it. */
    private static boolean decodeAt(MediaInput in, MediaInput.Decoder dec, int stream, AVRational tb, double origin,
                                    double target, AVPacket pkt, AVFrame frame) {
        if (!Double.isInfinite(target)) {
            long ts = Math.round((target + origin) * tb.den() / tb.num());
            av_seek_frame(in.format(), stream, ts, AVSEEK_FLAG_BACKWARD);
            avcodec_flush_buffers(dec.context());
        }
        boolean eof = false;
        while (true) {
            while (dec.receive(frame) == 0) {
                long ts = frame.best_effort_timestamp();
                double t = ts == AV_NOPTS_VALUE ? target : Av.seconds(ts, tb) - origin;
                if (t >= target - 1e-6) {
                    return true;
                }
                av_frame_unref(frame);
            }
            if (eof) {
                // the target lies past the last frame
                return false;
            }
            if (in.read(pkt) == Av.EOF) {
                dec.send(null);
                eof = true;
            } else {
                if (pkt.stream_index() == stream) {
                    dec.send(pkt);
                }
                av_packet_unref(pkt);
            }
        }
    }

    static double lumaVariance(AVFrame grey) {
        int w = grey.width();
        int h = grey.height();
        int ls = grey.linesize(0);
        ByteBuffer data = grey.data(0).capacity((long) ls * h).asByteBuffer();
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = data.get(y * ls + x) & 0xFF;
                sum += v;
                sumSq += (double) v * v;
                n++;
            }
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }

    /** Upright, square-pixel RGB copy of the frame. */
    static BufferedImage toImage(AVFrame frame, VideoProbe probe) {
        AVFrame rgb = av_frame_alloc();
        String description = VideoFilters.source(frame, Rational.of(1, 1)) + ","
                + VideoFilters.orientation(probe.rotation(), probe.mirrored())
                + String.format(Locale.ROOT, "scale=w=%d:h=%d:flags=bicubic,format=bgr24,buffersink@out0",
                probe.width(), probe.height());
        try (FilterGraph graph = FilterGraph.create(description, 1, 1, 0)) {
            frame.pts(0);
            graph.push(frame);
            graph.pushEnd();
            if (graph.pull(0, rgb) != 0) {
                throw new IllegalStateException("the poster filter produced no frame");
            }
            int w = rgb.width();
            int h = rgb.height();
            int ls = rgb.linesize(0);
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            ByteBuffer src = rgb.data(0).capacity((long) ls * h).asByteBuffer();
            for (int y = 0; y < h; y++) {
                src.position(y * ls);
                src.get(target, y * w * 3, w * 3);
            }
            return image;
        } finally {
            av_frame_free(rgb);
        }
    }
}
