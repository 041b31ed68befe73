package dev.mediapipeline.transcode;

/** The container holds no video stream (an audio-only MP4, say; cover art does not count as video). */
public class NoVideoStreamException extends UnsupportedVideoException {

    private final boolean hasAudio;

    public NoVideoStreamException(String message, boolean hasAudio) {
        super(message);
        this.hasAudio = hasAudio;
    }

    /** True for a well-formed audio file (the index reports it UNSUPPORTED, not FAILED). */
    public boolean hasAudio() {
        return hasAudio;
    }
}
