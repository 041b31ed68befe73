package dev.mediapipeline.image;

import static org.bytedeco.ffmpeg.global.avutil.AVCHROMA_LOC_CENTER;
import static org.bytedeco.ffmpeg.global.avutil.AVCHROMA_LOC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_chroma_location_enum_to_pos;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_int;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_LANCZOS;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_init_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.awt.color.ICC_ColorSpace;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.ffmpeg.swscale.SwsFilter;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A decoded JPEG frame held by FFmpeg (planar YCbCr, full range, BT.601, centred chroma as JFIF specifies, or
 * gray), resampled region by region with swscale's Lanczos-3 filter straight to BGR (or gray) {@link Pixels}:
 * chroma upsampling, scaling and colour conversion in one native pass, vectorised, with no JIT warm-up.
 * {@link #reduce} makes a smaller YCbCr frame (an intermediate step) the same way. A JPEG with an embedded non-sRGB
 * profile is converted to sRGB rendition by rendition, after scaling (the renditions are small).
 *
 * <p>A region starts on a whole frame pixel; where that falls inside a subsampled chroma sample, the chroma
 * position is told to swscale (4:1:1 aside, which is rounded to its chroma grid). Not thread-safe (one render
 * uses it); {@link #close()} frees the native frame.
 */
final class FfmpegFrame implements FrameDecoder.DecodedFrame {

    private static final int SWS_FLAGS = SWS_LANCZOS;

    private AVFrame frame;
    private final double scaleX;
    private final double scaleY;
    private final String method;
    private final int width;
    private final int height;
    private final int swsFormat;
    private final boolean gray;
    private final int chromaShiftX;
    private final int chromaShiftY;
    private final int chromaPosX;
    private final int chromaPosY;
    private final ICC_ColorSpace profile;

    /**
     * Takes ownership of {@code frame} only if construction succeeds.
     *
     * @param profile the RGB space the JPEG's pixels are in, converted to sRGB per rendition; null for sRGB
     */
    FfmpegFrame(AVFrame frame, double scaleX, double scaleY, String method, ICC_ColorSpace profile) {
        this.profile = profile;
        this.scaleX = scaleX;
        this.scaleY = scaleY;
        this.method = method;
        this.width = frame.width();
        this.height = frame.height();
        int format = frame.format();
        // JPEG is full range: use the plain formats with an explicit range (the yuvj* ones are deprecated in swscale)
        if (format == AV_PIX_FMT_GRAY8) {
            swsFormat = AV_PIX_FMT_GRAY8;
            chromaShiftX = 0;
            chromaShiftY = 0;
        } else if (format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUV420P) {
            swsFormat = AV_PIX_FMT_YUV420P;
            chromaShiftX = 1;
            chromaShiftY = 1;
        } else if (format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUV422P) {
            swsFormat = AV_PIX_FMT_YUV422P;
            chromaShiftX = 1;
            chromaShiftY = 0;
        } else if (format == AV_PIX_FMT_YUVJ444P || format == AV_PIX_FMT_YUV444P) {
            swsFormat = AV_PIX_FMT_YUV444P;
            chromaShiftX = 0;
            chromaShiftY = 0;
        } else if (format == AV_PIX_FMT_YUVJ440P || format == AV_PIX_FMT_YUV440P) {
            swsFormat = AV_PIX_FMT_YUV440P;
            chromaShiftX = 0;
            chromaShiftY = 1;
        } else if (format == AV_PIX_FMT_YUVJ411P || format == AV_PIX_FMT_YUV411P) {
            swsFormat = AV_PIX_FMT_YUV411P;
            chromaShiftX = 2;
            chromaShiftY = 0;
        } else {
            throw new UnsupportedOperationException("FFmpeg decoded pixel format "
                    + avutil.av_get_pix_fmt_name(format).getString() + ", which this path does not take");
        }
        gray = swsFormat == AV_PIX_FMT_GRAY8;
        int location = frame.chroma_location() == AVCHROMA_LOC_UNSPECIFIED ? AVCHROMA_LOC_CENTER : frame.chroma_location();
        int[] x = new int[1];
        int[] y = new int[1];
        if (av_chroma_location_enum_to_pos(x, y, location) < 0) {
            av_chroma_location_enum_to_pos(x, y, AVCHROMA_LOC_CENTER);
        }
        chromaPosX = x[0];
        chromaPosY = y[0];
        this.frame = frame;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public double scaleX() {
        return scaleX;
    }

    @Override
    public double scaleY() {
        return scaleY;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public List<String> warnings() {
        return List.of();
    }

    @Override
    public Pixels scale(double x, double y, double w, double h, int outW, int outH) {
        Region r = region(x, y, w, h, outW, outH);
        int channels = gray ? 1 : 3;
        int rowBytes = outW * channels;
        int dstStride = (rowBytes + 63) & ~63;
        Pointer dst = av_malloc((long) dstStride * outH + 64);
        if (dst == null || dst.isNull()) {
            throw new OutOfMemoryError("no native memory for a " + outW + "x" + outH + " rendition");
        }
        try (PointerPointer<Pointer> dsts = new PointerPointer<>(4);
             IntPointer dstStrides = new IntPointer(4)) {
            dsts.put(0, dst);
            dstStrides.put(0, dstStride);
            // same size: a plain conversion, with chroma interpolated rather than repeated
            int flags = SWS_FLAGS | (r.w == outW && r.h == outH ? SWS_FULL_CHR_H_INT : 0);
            run(r, outW, outH, gray ? AV_PIX_FMT_GRAY8 : AV_PIX_FMT_BGR24, flags, -1, -1, dsts, dstStrides);
            Pixels out = Pixels.allocate(outW, outH, channels);
            BytePointer bytes = new BytePointer(dst).capacity((long) dstStride * outH);
            if (dstStride == rowBytes) {
                bytes.get(out.data, 0, out.data.length);
            } else {
                for (int row = 0; row < outH; row++) {
                    bytes.position((long) row * dstStride).get(out.data, row * rowBytes, rowBytes);
                }
            }
            return profile == null || gray ? out : out.toSrgb(profile);
        } finally {
            av_free(dst);
        }
    }

    @Override
    public FfmpegFrame reduce(int outW, int outH) {
        Region r = region(0, 0, width, height, outW, outH);
        AVFrame smaller = av_frame_alloc();
        try {
            smaller.width(outW);
            smaller.height(outH);
            smaller.format(swsFormat);
            smaller.color_range(AVCOL_RANGE_JPEG);
            smaller.chroma_location(AVCHROMA_LOC_CENTER);
            if (av_frame_get_buffer(smaller, 64) < 0) {
                throw new OutOfMemoryError("no native memory for a " + outW + "x" + outH + " frame");
            }
            int[] cx = new int[1];
            int[] cy = new int[1];
            av_chroma_location_enum_to_pos(cx, cy, AVCHROMA_LOC_CENTER);
            try (PointerPointer<Pointer> dsts = new PointerPointer<>(4);
                 IntPointer dstStrides = new IntPointer(4)) {
                int planes = gray ? 1 : 3;
                for (int p = 0; p < planes; p++) {
                    dsts.put(p, smaller.data(p));
                    dstStrides.put(p, smaller.linesize(p));
                }
                run(r, outW, outH, swsFormat, SWS_FLAGS, cx[0], cy[0], dsts, dstStrides);
            }
            FfmpegFrame result = new FfmpegFrame(smaller, scaleX * width / outW, scaleY * height / outH,
                    method + ", " + outW + "x" + outH + " step", profile);
            smaller = null;
            return result;
        } finally {
            if (smaller != null) {
                av_frame_free(smaller);
            }
        }
    }

    /** A region of whole frame pixels. */
    private record Region(int x, int y, int w, int h) {
    }

    private Region region(double x, double y, double w, double h, int outW, int outH) {
        if (frame == null) {
            throw new IllegalStateException("frame already closed");
        }
        if (outW < 1 || outH < 1) {
            throw new IllegalArgumentException("output size " + outW + "x" + outH);
        }
        int x0 = start(x, chromaShiftX, width);
        int y0 = start(y, chromaShiftY, height);
        int x1 = Math.max(x0 + 1, Math.min(width, (int) Math.round(x + w)));
        int y1 = Math.max(y0 + 1, Math.min(height, (int) Math.round(y + h)));
        return new Region(x0, y0, x1 - x0, y1 - y0);
    }

    /** One swscale pass from a region of this frame into the given planes. */
    private void run(Region r, int outW, int outH, int dstFormat, int flags, int dstChromaX, int dstChromaY,
                     PointerPointer<Pointer> dsts, IntPointer dstStrides) {
        SwsContext sws = sws_alloc_context();
        try (PointerPointer<Pointer> src = new PointerPointer<>(4);
             IntPointer srcStride = new IntPointer(4)) {
            set(sws, "srcw", r.w);
            set(sws, "srch", r.h);
            set(sws, "src_format", swsFormat);
            set(sws, "dstw", outW);
            set(sws, "dsth", outH);
            set(sws, "dst_format", dstFormat);
            set(sws, "sws_flags", flags);
            set(sws, "src_range", 1);
            set(sws, "dst_range", 1);
            set(sws, "threads", 1);
            if (!gray) {
                // a region starting inside a chroma sample: that sample's centre lies further left/up (1/256 pixel units)
                set(sws, "src_h_chr_pos", chromaPosX - 256L * (r.x - (r.x >> chromaShiftX << chromaShiftX)));
                set(sws, "src_v_chr_pos", chromaPosY - 256L * (r.y - (r.y >> chromaShiftY << chromaShiftY)));
                if (dstChromaX >= 0) {
                    set(sws, "dst_h_chr_pos", dstChromaX);
                    set(sws, "dst_v_chr_pos", dstChromaY);
                }
            }
            if (sws_init_context(sws, (SwsFilter) null, (SwsFilter) null) < 0) {
                throw new IllegalStateException("swscale refused " + r.w + "x" + r.h + " -> " + outW + "x" + outH);
            }
            int planes = gray ? 1 : 3;
            for (int p = 0; p < planes; p++) {
                int stride = frame.linesize(p);
                int px = p == 0 ? r.x : r.x >> chromaShiftX;
                int py = p == 0 ? r.y : r.y >> chromaShiftY;
                src.put(p, frame.data(p).getPointer((long) py * stride + px));
                srcStride.put(p, stride);
            }
            int rows = sws_scale(sws, src, srcStride, 0, r.h, dsts, dstStrides);
            if (rows != outH) {
                throw new IllegalStateException("swscale produced " + rows + " of " + outH + " rows");
            }
        } finally {
            sws_freeContext(sws);
        }
    }

    /**
     * The region's first frame pixel: the nearest whole pixel, except with 4:1:1 chroma (whose sample position
     * is not expressed off its grid here), where it is rounded to the chroma grid.
     */
    static int start(double start, int shift, int size) {
        int grid = shift > 1 ? 1 << shift : 1;
        int s = (int) Math.round(start / grid) * grid;
        return Math.max(0, Math.min(s, ((size - 1) / grid) * grid));
    }

    private static void set(SwsContext sws, String option, long value) {
        int status = av_opt_set_int(sws, option, value, 0);
        if (status < 0) {
            throw new IllegalStateException("swscale option " + option + "=" + value + " failed (" + status + ")");
        }
    }

    @Override
    public void close() {
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
    }
}
