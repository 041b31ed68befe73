package dev.mediapipeline.transcode;

import java.util.Optional;

/**
 * What {@link Prober} learned from a video's container headers.
 *
 * @param durationSeconds container duration, NaN when the container does not say (a live WebM recording, say)
 * @param codedWidth      pixels as stored
 * @param codedHeight     pixels as stored
 * @param sampleAspect    pixel aspect ratio (1/1 for square pixels)
 * @param rotation        clockwise rotation to show the picture upright: 0, 90, 180 or 270
 * @param mirrored        the display matrix also flips the picture horizontally
 * @param width           upright, square-pixel width (what a player shows)
 * @param height          upright, square-pixel height
 * @param frameRate       average frame rate as the container declares it (0/1 if unknown)
 * @param baseFrameRate   FFmpeg's guess of the rate all timestamps are multiples of ({@code r_frame_rate})
 */
public record VideoProbe(String formatName, double durationSeconds, long bitRate, int videoStream, String videoCodec,
                         int codedWidth, int codedHeight, Rational sampleAspect, int rotation, boolean mirrored,
                         int width, int height, Rational frameRate, Rational baseFrameRate, String pixelFormat,
                         Optional<Audio> audio) {

    /** The audio stream the renditions carry (the container's best one). */
    public record Audio(int stream, String codec, int sampleRate, int channels) {
    }

    public boolean hasAudio() {
        return audio.isPresent();
    }
}
