package dev.mediapipeline.transcode;

import dev.mediapipeline.model.DeviceProfiles;
import java.awt.image.BufferedImage;
import java.util.List;

/** Port: renders the upright poster frame at every device profile (the image path's code does it). */
public interface PosterRenderer {

    List<Poster> render(BufferedImage upright, DeviceProfiles profiles);

    /** One encoded poster of {@code width x height} pixels: stored at {@code KeyLayout.thumbnailKey(asset, profile, extension)}. */
    record Poster(String profile, String extension, String contentType, byte[] bytes, int width, int height) {
    }
}
