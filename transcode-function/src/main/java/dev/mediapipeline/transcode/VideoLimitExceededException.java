package dev.mediapipeline.transcode;

/** The video is over a configured limit (size, duration, resolution or frame count), refused before any encoding. */
public class VideoLimitExceededException extends UnsupportedVideoException {

    public VideoLimitExceededException(String message) {
        super(message);
    }
}
