package dev.mediapipeline.image;

import java.io.IOException;
import java.util.List;

/**
 * A decoder whose decoded frame scales regions of itself (natively), so the renderer can make every rendition
 * straight from the frame instead of converting it to {@link Pixels} and running the Java resampler. The
 * renderer prefers {@link #decodeFrame} over {@link #decode} when a decoder offers it; like {@code decode}, it
 * may throw {@link UnsupportedOperationException} to hand the image to the next decoder.
 */
interface FrameDecoder extends ImageDecoder {

    /** Decodes, reduced as the request allows. The caller closes the frame. */
    DecodedFrame decodeFrame(ImageSource source, ImageHeader header, DecodeRequest request) throws IOException;

    /**
     * A decoded frame in stored orientation covering the whole source: frame pixel {@code i} spans source pixels
     * {@code [i * scale, (i + 1) * scale)}.
     */
    interface DecodedFrame extends AutoCloseable {

        int width();

        int height();

        /** Source pixels per frame pixel, horizontally. */
        double scaleX();

        /** Source pixels per frame pixel, vertically. */
        double scaleY();

        /** How it was decoded, for logs (e.g. {@code ffmpeg-mjpeg lowres/2}). */
        String method();

        List<String> warnings();

        /**
         * The region {@code [x, x+w) × [y, y+h)} of the frame (frame pixels, may be fractional) resampled to
         * {@code outW × outH}: gray or BGR {@link Pixels}.
         */
        Pixels scale(double x, double y, double w, double h, int outW, int outH);

        /** The whole frame resampled to {@code outW × outH}, kept in the decoder's form: a step for smaller renditions. */
        DecodedFrame reduce(int outW, int outH);

        @Override
        void close();
    }
}
