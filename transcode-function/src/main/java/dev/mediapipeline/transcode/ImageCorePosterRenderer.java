package dev.mediapipeline.transcode;

import dev.mediapipeline.image.RenderOptions;
import dev.mediapipeline.image.RenderResult;
import dev.mediapipeline.image.ThumbnailRenderer;
import dev.mediapipeline.model.DeviceProfiles;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * {@link PosterRenderer} on the image path's engine ({@code image-core}): the same scaling (Lanczos steps, area
 * reduction), cropping and JPEG encoding as the thumbnails of photos, so a video's poster looks like any other
 * thumbnail at every device profile.
 */
public final class ImageCorePosterRenderer implements PosterRenderer {

    private final ThumbnailRenderer renderer;

    public ImageCorePosterRenderer(RenderOptions options) {
        this.renderer = new ThumbnailRenderer(options);
    }

    @Override
    public List<Poster> render(BufferedImage upright, DeviceProfiles profiles) {
        RenderResult result = renderer.render(upright, profiles);
        return result.renditions().stream()
                .map(r -> new Poster(r.profile().name(), r.extension(), r.contentType(), r.bytes(), r.width(), r.height()))
                .toList();
    }
}
