package dev.mediapipeline.transcode;

/** FFmpeg cannot open the upload as a media container (not a video, truncated before its index, no decoder). */
public class UnreadableVideoException extends UnsupportedVideoException {

    public UnreadableVideoException(String message) {
        super(message);
    }
}
