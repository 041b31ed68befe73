package dev.mediapipeline.image;

import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_EXPLODE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_from_data;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import dev.mediapipeline.image.ImageHeader.ColorModelKind;
import dev.mediapipeline.model.MediaFormat;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Decodes plain JPEGs (8-bit YCbCr or gray, baseline or progressive) with FFmpeg's MJPEG decoder
 * through the avcodec API, reduced in the DCT domain by its {@code lowres} option: 1/2, 1/4 or 1/8 of the size,
 * each 8×8 block inverse-transformed from its low frequencies only, which is both cheaper than a full decode and
 * a proper anti-aliasing filter. The frame stays in native memory as YCbCr planes; each rendition is resampled
 * from it by swscale ({@link FfmpegFrame}), chroma upsampling and colour conversion included.
 *
 * <p>The decoder is strict ({@code AV_EF_EXPLODE}): a damaged or truncated stream, or anything unexpected
 * (an odd pixel format, a size that disagrees with the header), is handed to the next decoder with an
 * {@link UnsupportedOperationException}, and the JDK's decoder then either decodes it or reports precisely why
 * it is corrupt. An embedded RGB ICC profile other than sRGB is honoured (each rendition is converted to sRGB);
 * CMYK/YCCK and RGB-coded JPEGs, and unusable profiles, are left to the other decoders.
 */
final class FfmpegJpegDecoder implements FrameDecoder {

    /**
     * How much larger than the largest rendition a DCT-domain reduction by 2^level must leave the frame so the
     * rendition loses no quality against a full decode (the reduced IDCT keeps only low frequencies per 8×8 block,
     * an approximate low-pass filter that Lanczos has to finish): measured on the benchmark corpus, 1/2 needs a
     * final ratio of 1.5, 1/4 of 3, 1/8 of 6, i.e. 0.75 × 2^level. A 12 MP photo's 1920 px rendition is therefore
     * decoded in full; 48 MP at 1/2.
     */
    static double finalRatioNeeded(int level) {
        return 0.75 * (1 << level);
    }

    static final int MAX_LOWRES = 3;
    private static final int PADDING = avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
    /** libavutil/frame.h's AV_FRAME_FLAG_CORRUPT (1 << 0), a macro the presets do not map. */
    private static final int AV_FRAME_FLAG_CORRUPT = 1;
    private static final Set<String> ENCODINGS = Set.of("baseline", "extended", "progressive");

    @Override
    public String name() {
        return "ffmpeg-mjpeg";
    }

    @Override
    public boolean supports(ImageHeader header) {
        return header.format() == MediaFormat.JPEG
                && header.bitsPerSample() == 8
                && ENCODINGS.contains(header.encoding())
                && (header.color() == ColorModelKind.YCBCR || header.color() == ColorModelKind.GRAY)
                && FfmpegNatives.available();
    }

    /** The lowres level (reduction 2^level) for a request: the largest that keeps the quality of a full decode. */
    static int lowres(DecodeRequest request) {
        int level = 0;
        while (level < MAX_LOWRES
                && (1 << (level + 1)) * finalRatioNeeded(level + 1) <= request.maxReduction() + 1e-9) {
            level++;
        }
        return level;
    }

    @Override
    public FfmpegFrame decodeFrame(ImageSource source, ImageHeader header, DecodeRequest request) throws IOException {
        int level = lowres(request);
        // gray JPEGs are gray whatever their profile says (as on the JDK path)
        ICC_ColorSpace profile = header.iccProfile() && header.color() != ColorModelKind.GRAY
                ? JpegIccProfile.nonSrgbColorSpace(source).orElse(null) : null;
        long length = source.length();
        if (length < 4 || length > Integer.MAX_VALUE - PADDING) {
            throw new UnsupportedOperationException("a " + length + "-byte JPEG does not fit one FFmpeg packet");
        }
        BytePointer data = read(source, (int) length);
        AVPacket packet = av_packet_alloc();
        AVCodecContext context = null;
        AVFrame frame = null;
        try {
            if (av_packet_from_data(packet, data, (int) length) < 0) {
                av_free(data);
                throw new UnsupportedOperationException("FFmpeg refused the packet");
            }
            context = avcodec_alloc_context3(FfmpegNatives.mjpeg());
            context.lowres(level);
            context.thread_count(1);
            context.err_recognition(AV_EF_EXPLODE);
            check(avcodec_open2(context, FfmpegNatives.mjpeg(), (AVDictionary) null), "opening the decoder");
            check(avcodec_send_packet(context, packet), "decoding");
            frame = av_frame_alloc();
            check(avcodec_receive_frame(context, frame), "decoding");
            if (frame.decode_error_flags() != 0 || (frame.flags() & AV_FRAME_FLAG_CORRUPT) != 0) {
                throw new UnsupportedOperationException("FFmpeg flagged the decoded frame as damaged");
            }
            int expectedW = (header.width() + (1 << level) - 1) >> level;
            int expectedH = (header.height() + (1 << level) - 1) >> level;
            if (frame.width() != expectedW || frame.height() != expectedH) {
                throw new UnsupportedOperationException("FFmpeg decoded " + frame.width() + "x" + frame.height()
                        + " where " + expectedW + "x" + expectedH + " was expected");
            }
            FfmpegFrame result = new FfmpegFrame(frame, 1 << level, 1 << level,
                    name() + (level == 0 ? " full" : " dct/" + (1 << level)) + (profile != null ? " icc" : ""), profile);
            frame = null; // owned by the result now
            return result;
        } finally {
            if (frame != null) {
                av_frame_free(frame);
            }
            if (context != null) {
                avcodec_free_context(context);
            }
            av_packet_free(packet);
        }
    }

    /** The generic form: the whole frame as Java pixels (the renderer itself uses {@link #decodeFrame}). */
    @Override
    public DecodedImage decode(ImageSource source, ImageHeader header, DecodeRequest request) throws IOException {
        try (FfmpegFrame frame = decodeFrame(source, header, request)) {
            BufferedImage image = frame.scale(0, 0, frame.width(), frame.height(), frame.width(), frame.height())
                    .toBufferedImage();
            return new DecodedImage(image, 0, 0, frame.scaleX(), frame.scaleY(), frame.method(), frame.warnings());
        }
    }

    /** The whole source in av_malloc'ed memory followed by the zeroed padding FFmpeg's bit readers need. */
    private static BytePointer read(ImageSource source, int length) throws IOException {
        Pointer block = av_malloc((long) length + PADDING);
        if (block == null || block.isNull()) {
            throw new UnsupportedOperationException("no native memory for a " + length + "-byte JPEG");
        }
        BytePointer data = new BytePointer(block).capacity((long) length + PADDING);
        try {
            switch (source) {
                case ImageSource.Bytes bytes -> data.put(bytes.bytes(), 0, length);
                case ImageSource.File file -> {
                    ByteBuffer buffer = data.asBuffer();
                    buffer.limit(length);
                    try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
                        while (buffer.hasRemaining()) {
                            if (channel.read(buffer) < 0) {
                                throw new UnsupportedOperationException("the file shrank while being read");
                            }
                        }
                    }
                }
            }
            Pointer.memset(data.getPointer(length), 0, PADDING);
            return data;
        } catch (IOException | RuntimeException e) {
            av_free(data);
            throw e;
        }
    }

    static void check(int status, String what) {
        if (status < 0) {
            byte[] message = new byte[128];
            av_strerror(status, message, message.length);
            int end = 0;
            while (end < message.length && message[end] != 0) {
                end++;
            }
            throw new UnsupportedOperationException("FFmpeg failed " + what + ": "
                    + new String(message, 0, end, java.nio.charset.StandardCharsets.US_ASCII) + " (" + status + ")");
        }
    }
}
