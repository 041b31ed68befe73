package dev.mediapipeline.image;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_EXPLODE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_from_data;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_BT2020;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INP;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import dev.mediapipeline.model.heif.HeifProperty;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.ffmpeg.swscale.SwsFilter;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes one coded still picture (a HEIF/AVIF image item or grid tile) with FFmpeg: HEVC by its own decoder, given
 * the {@code hvcC} record as extradata and the item's length-prefixed NAL units as one packet; AV1 by libdav1d or
 * libaom, the item's OBUs as one packet. The decoder is strict ({@code AV_EF_EXPLODE}): damage is a
 * {@link CorruptImageException}. The picture is converted by swscale to 8-bit BGR (or gray, for alpha planes) with
 * the YCbCr matrix and range of the {@code nclx} property, else of the bitstream, else BT.601 limited range
 * (libheif's defaults).
 */
final class FfmpegPictureDecoder {

    private static final int PADDING = avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
    /** libavutil/frame.h's AV_FRAME_FLAG_CORRUPT (1 << 0), a macro the presets do not map. */
    private static final int AV_FRAME_FLAG_CORRUPT = 1;

    private FfmpegPictureDecoder() {
    }

    /** Whether FFmpeg can decode this coding ({@code hevc}, {@code av1}). */
    static boolean supports(String codec) {
        return FfmpegNatives.available() && decoder(codec).isPresent();
    }

    private static Optional<AVCodec> decoder(String codec) {
        AVCodec found = switch (codec) {
            case "hevc" -> avcodec_find_decoder(AV_CODEC_ID_HEVC);
            // FFmpeg's own "av1" decoder needs a hardware accelerator: software decoding is dav1d's or libaom's
            case "av1" -> {
                AVCodec dav1d = avcodec_find_decoder_by_name("libdav1d");
                yield dav1d != null && !dav1d.isNull() ? dav1d : avcodec_find_decoder_by_name("libaom-av1");
            }
            default -> null;
        };
        return found == null || found.isNull() ? Optional.empty() : Optional.of(found);
    }

    /**
     * Decodes and converts one picture.
     *
     * @param gray      the luma plane only (an alpha or depth plane), as 1-channel pixels
     * @param width     the size the container declares for it: a bitstream coding a picture more than twice as
     *                  large in either direction is refused before (HEVC) or after (AV1) decoding, never converted
     * @param height    see width
     * @throws CorruptImageException     the data does not decode, or codes a picture far larger than declared
     * @throws UnsupportedImageException no decoder for this coding in the natives
     */
    static Pixels decode(String codec, byte[] config, byte[] data, Optional<HeifProperty.Nclx> nclx, boolean gray,
                         int width, int height) {
        AVCodec decoder = decoder(codec).orElseThrow(() -> new UnsupportedImageException(
                "this FFmpeg build has no " + codec.toUpperCase(java.util.Locale.ROOT) + " decoder"));
        if (data.length == 0) {
            throw new CorruptImageException("a " + codec + " picture has no data");
        }
        AVCodecContext context = avcodec_alloc_context3(decoder);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            context.thread_count(1);
            context.err_recognition(AV_EF_EXPLODE);
            if (config.length > 0 && codec.equals("hevc")) {
                BytePointer extradata = nativeCopy(config);
                context.extradata(extradata);
                context.extradata_size(config.length);
            }
            checked(avcodec_open2(context, decoder, (AVDictionary) null), "opening the " + codec + " decoder");
            checkSize(context.width(), context.height(), width, height); // HEVC: from the SPS in hvcC
            BytePointer bytes = nativeCopy(data);
            if (av_packet_from_data(packet, bytes, data.length) < 0) {
                av_free(bytes);
                throw new CorruptImageException("FFmpeg refused a " + data.length + "-byte " + codec + " packet");
            }
            checked(avcodec_send_packet(context, packet), "decoding " + codec);
            checked(avcodec_send_packet(context, null), "decoding " + codec);
            checked(avcodec_receive_frame(context, frame), "decoding " + codec);
            if (frame.decode_error_flags() != 0 || (frame.flags() & AV_FRAME_FLAG_CORRUPT) != 0) {
                throw new CorruptImageException("the " + codec + " picture is damaged (FFmpeg flagged the decoded frame)");
            }
            checkSize(frame.width(), frame.height(), width, height);
            return convert(frame, nclx, gray);
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            avcodec_free_context(context);
        }
    }

    /** A bitstream coding a picture much larger than the container says is a decompression bomb, or damage. */
    private static void checkSize(int codedWidth, int codedHeight, int width, int height) {
        if ((long) codedWidth > 2L * width || (long) codedHeight > 2L * height) {
            throw new CorruptImageException("the bitstream codes a " + codedWidth + " x " + codedHeight
                    + " picture where the file declares " + width + " x " + height);
        }
    }

    /** The frame as 8-bit BGR (or gray) pixels. */
    private static Pixels convert(AVFrame frame, Optional<HeifProperty.Nclx> nclx, boolean gray) {
        int w = frame.width();
        int h = frame.height();
        int channels = gray ? 1 : 3;
        boolean fullRange = nclx.map(HeifProperty.Nclx::fullRange)
                .orElse(frame.color_range() != AVCOL_RANGE_UNSPECIFIED && frame.color_range() == AVCOL_RANGE_JPEG);
        int matrix = nclx.map(HeifProperty.Nclx::matrix)
                .orElse(frame.colorspace() == AVCOL_SPC_UNSPECIFIED ? 6 : frame.colorspace());
        SwsContext sws = sws_getContext(w, h, frame.format(), w, h, gray ? AV_PIX_FMT_GRAY8 : AV_PIX_FMT_BGR24,
                SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP,
                (SwsFilter) null, (SwsFilter) null, (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            throw new UnsupportedImageException("swscale cannot convert the decoded pixel format "
                    + org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name(frame.format()).getString());
        }
        int stride = (w * channels + 63) & ~63;
        Pointer dst = av_malloc((long) stride * h + 64);
        if (dst == null || dst.isNull()) {
            sws_freeContext(sws);
            throw new OutOfMemoryError("no native memory for a " + w + "x" + h + " picture");
        }
        try (PointerPointer<Pointer> dsts = new PointerPointer<>(4);
             IntPointer dstStrides = new IntPointer(4)) {
            sws_setColorspaceDetails(sws, sws_getCoefficients(swsMatrix(matrix)), fullRange ? 1 : 0,
                    sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
            dsts.put(0, dst);
            dstStrides.put(0, stride);
            int rows = sws_scale(sws, frame.data(), frame.linesize(), 0, h, dsts, dstStrides);
            if (rows != h) {
                throw new CorruptImageException("swscale converted " + rows + " of " + h + " rows");
            }
            Pixels out = Pixels.allocate(w, h, channels);
            BytePointer bytes = new BytePointer(dst).capacity((long) stride * h);
            int rowBytes = w * channels;
            for (int row = 0; row < h; row++) {
                bytes.position((long) row * stride).get(out.data, row * rowBytes, rowBytes);
            }
            return out;
        } finally {
            av_free(dst);
            sws_freeContext(sws);
        }
    }

    /** The swscale coefficient set for an H.273 matrix_coefficients value. */
    static int swsMatrix(int matrix) {
        return switch (matrix) {
            case 1 -> SWS_CS_ITU709;
            case 9, 10 -> SWS_CS_BT2020;
            default -> SWS_CS_ITU601; // 5, 6, unspecified (2) and the rest, as libheif
        };
    }

    private static BytePointer nativeCopy(byte[] data) {
        Pointer block = av_malloc((long) data.length + PADDING);
        if (block == null || block.isNull()) {
            throw new OutOfMemoryError("no native memory for " + data.length + " bytes");
        }
        BytePointer p = new BytePointer(block).capacity((long) data.length + PADDING);
        p.put(data, 0, data.length);
        Pointer.memset(p.getPointer(data.length), 0, PADDING);
        return p;
    }

    private static void checked(int status, String what) {
        try {
            FfmpegJpegDecoder.check(status, what);
        } catch (UnsupportedOperationException e) {
            throw new CorruptImageException(e.getMessage(), e);
        }
    }
}
