package dev.mediapipeline.transcode;

// TEMPORARY until image-core lands (image-path-ready): replaced by ImageCorePosterRenderer.
final class PosterRenderers {
    static final PosterRenderer TODO = (image, profiles) -> {
        throw new IllegalStateException("poster renderer not wired yet");
    };
}
