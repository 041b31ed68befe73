package dev.mediapipeline.image;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * A decoded frame and where it sits in the source's stored pixel grid: the continuous source coordinate of the
 * continuous decoded coordinate {@code x} is {@code originX + x * scaleX} (pixel i spans [i, i+1)). Full size:
 * origin 0, scale 1; area-averaged by k: origin 0, scale k; point-subsampled by s with phase p:
 * origin {@code p + 0.5 - s/2}, scale s.
 *
 * @param method   how it was decoded, for logs (e.g. {@code jpeg-streaming area/4})
 * @param warnings non-fatal decoder warnings
 */
public record DecodedImage(BufferedImage image, double originX, double originY, double scaleX, double scaleY,
                           String method, List<String> warnings) {

    public DecodedImage {
        Objects.requireNonNull(image, "image");
        warnings = List.copyOf(warnings);
    }
}
