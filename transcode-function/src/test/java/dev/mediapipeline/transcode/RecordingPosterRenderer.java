package dev.mediapipeline.transcode;

import dev.mediapipeline.model.DeviceProfiles;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the frames the transcoder hands to the poster renderer, and delegates the rendering. */
final class RecordingPosterRenderer implements PosterRenderer {

    final List<BufferedImage> frames = new CopyOnWriteArrayList<>();
    private final PosterRenderer delegate;

    /** Around the production renderer (image-core). */
    RecordingPosterRenderer() {
        this(new ImageCorePosterRenderer(dev.mediapipeline.image.RenderOptions.defaults()));
    }

    RecordingPosterRenderer(PosterRenderer delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<Poster> render(BufferedImage upright, DeviceProfiles profiles) {
        frames.add(upright);
        return delegate.render(upright, profiles);
    }

    static double meanLuma(BufferedImage image) {
        long sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                sum += (((rgb >> 16) & 0xFF) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
            }
        }
        return sum / (double) (image.getWidth() * image.getHeight());
    }
}
