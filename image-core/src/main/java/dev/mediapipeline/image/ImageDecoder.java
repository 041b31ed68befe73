package dev.mediapipeline.image;

import java.io.IOException;

/**
 * Turns encoded bytes into pixels, at a reduced size when asked. Implementations: {@link FfmpegJpegDecoder}
 * (FFmpeg's JPEG decoder reducing in the DCT domain; a {@link FrameDecoder}, whose native frame the renderer scales
 * natively), {@link StreamingJpegDecoder} (the JDK's libjpeg decoder feeding an area-averaging reducer row by row,
 * so a full-resolution frame never exists on the heap), {@link HeifDecoder} (HEIF/HEIC and AVIF through FFmpeg's
 * HEVC and AV1 decoders, grids assembled, the file's transforms applied) and {@link ImageIoDecoder} (any ImageIO
 * reader with source subsampling: CMYK JPEG through TwelveMonkeys, PNG, GIF, BMP, WebP, TIFF), tried in that order.
 *
 * <p>Decoders throw {@link CorruptImageException} for damaged data (including a premature end that a reader
 * only reports as a warning) and {@link UnsupportedImageException} for variants they cannot read.
 */
public interface ImageDecoder {

    /** Short name for logs and timings, e.g. {@code jpeg-streaming}. */
    String name();

    /** Whether this decoder reads images with this header. */
    boolean supports(ImageHeader header);

    /**
     * Decodes the first image (frame) of the source.
     *
     * @param header  the header already read from the same source
     * @param request how much the decoder may (and should) reduce the image while decoding
     * @throws IOException if the source itself cannot be read (not for bad image data: that is an ImageException)
     */
    DecodedImage decode(ImageSource source, ImageHeader header, DecodeRequest request) throws IOException;
}
