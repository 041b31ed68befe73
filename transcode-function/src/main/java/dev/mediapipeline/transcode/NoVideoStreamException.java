package dev.mediapipeline.transcode;

/** The container holds no video stream (an audio-only MP4, say; cover art does not count as video). */
public class NoVideoStreamException extends UnsupportedVideoException {

    public NoVideoStreamException(String message) {
        super(message);
    }
}
