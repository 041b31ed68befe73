package dev.mediapipeline.transcode;

import dev.mediapipeline.model.VideoLadder.Rendition;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** libavfilter graph descriptions for the video paths. */
final class VideoFilters {

    private VideoFilters() {
    }

    /** The source filter for frames like {@code frame}, numbered in output frames (time base 1/fps). */
    static String source(AVFrame frame, Rational fps) {
        int sarNum = frame.sample_aspect_ratio().num();
        int sarDen = frame.sample_aspect_ratio().den();
        if (sarNum <= 0 || sarDen <= 0) {
            sarNum = 1;
            sarDen = 1;
        }
        return String.format(Locale.ROOT, "buffer@src=video_size=%dx%d:pix_fmt=%d:time_base=%d/%d:pixel_aspect=%d/%d:frame_rate=%d/%d",
                frame.width(), frame.height(), frame.format(), fps.den(), fps.num(), sarNum, sarDen, fps.num(), fps.den());
    }

    /** Filters turning the decoded picture upright, each followed by a comma; empty when it already is. */
    static String orientation(int rotation, boolean mirrored) {
        String turn = switch (rotation) {
            case 90 -> "transpose=clock,";
            case 180 -> "hflip,vflip,";
            case 270 -> "transpose=cclock,";
            default -> "";
        };
        return turn + (mirrored ? "hflip," : "");
    }

    /** Upright, then one scaled yuv420p BT.709 output per rendition, sinks out0..outN-1. */
    static String describe(AVFrame frame, Rational fps, int rotation, boolean mirrored, List<Rendition> renditions) {
        StringBuilder g = new StringBuilder(source(frame, fps)).append(',').append(orientation(rotation, mirrored));
        int n = renditions.size();
        if (n == 1) {
            return g.append(scale(renditions.get(0))).append(",buffersink@out0").toString();
        }
        g.append("split=").append(n);
        for (int i = 0; i < n; i++) {
            g.append("[s").append(i).append(']');
        }
        for (int i = 0; i < n; i++) {
            g.append(";[s").append(i).append(']').append(scale(renditions.get(i))).append(",buffersink@out").append(i);
        }
        return g.toString();
    }

    private static String scale(Rendition r) {
        return String.format(Locale.ROOT,
                "scale=w=%d:h=%d:flags=bicubic:out_color_matrix=bt709:out_range=tv,format=yuv420p,setsar=1",
                r.width(), r.height());
    }
}
