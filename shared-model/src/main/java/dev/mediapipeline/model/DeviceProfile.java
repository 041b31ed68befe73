package dev.mediapipeline.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named output size. {@link Fit#WITHIN} fits the image inside width×height keeping its aspect ratio and never
 * upscales; {@link Fit#CROP} fills width×height exactly with a centre crop (scaled down first, never up: a source
 * smaller than the box yields the largest centred crop of the box's aspect ratio that it holds).
 */
public record DeviceProfile(String name, int width, int height, Fit fit) {

    public enum Fit { WITHIN, CROP }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    public static final int MAX_DIMENSION = 8192;

    public DeviceProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fit, "fit");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("profile name '" + name + "' must be 1-32 of [a-z0-9-], starting with a letter or digit");
        }
        if (width < 1 || height < 1 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new IllegalArgumentException("profile '" + name + "' size " + width + "x" + height
                    + " must be between 1x1 and " + MAX_DIMENSION + "x" + MAX_DIMENSION);
        }
    }

    public static DeviceProfile within(String name, int width, int height) {
        return new DeviceProfile(name, width, height, Fit.WITHIN);
    }

    public static DeviceProfile crop(String name, int width, int height) {
        return new DeviceProfile(name, width, height, Fit.CROP);
    }

    /**
     * The output size for a source of the given (upright) size: within the box, aspect ratio kept, never larger than
     * the source. Dimensions are at least 1 pixel.
     */
    public Dimension targetFor(int sourceWidth, int sourceHeight) {
        if (sourceWidth < 1 || sourceHeight < 1) {
            throw new IllegalArgumentException("source size " + sourceWidth + "x" + sourceHeight + " is empty");
        }
        if (fit == Fit.CROP) {
            // Largest box of our aspect ratio inside the source, then scaled to at most width×height.
            double scale = Math.min(1.0, Math.min((double) sourceWidth / width, (double) sourceHeight / height));
            return new Dimension(Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale)));
        }
        double scale = Math.min(1.0, Math.min((double) width / sourceWidth, (double) height / sourceHeight));
        if (scale >= 1.0) {
            return new Dimension(sourceWidth, sourceHeight);
        }
        return new Dimension(Math.max(1, (int) Math.round(sourceWidth * scale)), Math.max(1, (int) Math.round(sourceHeight * scale)));
    }

    /** The specification form understood by {@link DeviceProfiles#parse(String)}, e.g. {@code phone:640x1280}. */
    public String spec() {
        return name + ":" + width + "x" + height + (fit == Fit.CROP ? ":crop" : "");
    }

    /** A width and height in pixels. */
    public record Dimension(int width, int height) {
        @Override
        public String toString() {
            return width + "x" + height;
        }
    }
}
