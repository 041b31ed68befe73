package dev.mediapipeline.image;

import dev.mediapipeline.model.DeviceProfile;
import java.util.Objects;

/**
 * One encoded output: upright, metadata-free.
 *
 * @param width  upright width of the encoded image
 * @param height upright height
 */
public record Rendition(DeviceProfile profile, OutputFormat format, int width, int height, byte[] bytes) {

    public Rendition {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(bytes, "bytes");
    }

    public String contentType() {
        return format.contentType();
    }

    public String extension() {
        return format.extension();
    }

    @Override
    public String toString() {
        return profile.name() + " " + width + "x" + height + " " + format + " " + bytes.length + " bytes";
    }
}
