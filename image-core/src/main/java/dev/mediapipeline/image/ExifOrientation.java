package dev.mediapipeline.image;

/**
 * The EXIF/TIFF Orientation tag (274): how the stored pixels must be transformed to be displayed upright. Named
 * after where the stored image's first row and first column are in the upright picture.
 *
 * <p>{@link #storedX}/{@link #storedY} give, for an upright pixel (u, v), the stored pixel it comes from; the
 * pipeline scales in stored orientation and applies this mapping last, on the small outputs.
 */
public enum ExifOrientation {
    /** Row 0 top, column 0 left: already upright. */
    TOP_LEFT(1),
    /** Row 0 top, column 0 right: mirrored horizontally. */
    TOP_RIGHT(2),
    /** Row 0 bottom, column 0 right: rotated 180°. */
    BOTTOM_RIGHT(3),
    /** Row 0 bottom, column 0 left: mirrored vertically. */
    BOTTOM_LEFT(4),
    /** Row 0 left, column 0 top: transposed. */
    LEFT_TOP(5),
    /** Row 0 right, column 0 top: display rotated 90° clockwise. */
    RIGHT_TOP(6),
    /** Row 0 right, column 0 bottom: transversed. */
    RIGHT_BOTTOM(7),
    /** Row 0 left, column 0 bottom: display rotated 90° counter-clockwise. */
    LEFT_BOTTOM(8);

    private final int tag;

    ExifOrientation(int tag) {
        this.tag = tag;
    }

    /** The tag value, 1 to 8. */
    public int tag() {
        return tag;
    }

    /** The orientation for a tag value; anything outside 1–8 (absent, corrupt) is treated as upright. */
    public static ExifOrientation fromTag(int tag) {
        return tag >= 1 && tag <= 8 ? values()[tag - 1] : TOP_LEFT;
    }

    /** True when upright width is the stored height (orientations 5–8). */
    public boolean transposes() {
        return tag >= 5;
    }

    public int uprightWidth(int storedWidth, int storedHeight) {
        return transposes() ? storedHeight : storedWidth;
    }

    public int uprightHeight(int storedWidth, int storedHeight) {
        return transposes() ? storedWidth : storedHeight;
    }

    /** Stored column of the upright pixel (u, v), for a stored image of w × h. */
    public int storedX(int u, int v, int w, int h) {
        return switch (this) {
            case TOP_LEFT, BOTTOM_LEFT -> u;
            case TOP_RIGHT, BOTTOM_RIGHT -> w - 1 - u;
            case LEFT_TOP, RIGHT_TOP -> v;
            case RIGHT_BOTTOM, LEFT_BOTTOM -> w - 1 - v;
        };
    }

    /** Stored row of the upright pixel (u, v), for a stored image of w × h. */
    public int storedY(int u, int v, int w, int h) {
        return switch (this) {
            case TOP_LEFT, TOP_RIGHT -> v;
            case BOTTOM_RIGHT, BOTTOM_LEFT -> h - 1 - v;
            case LEFT_TOP, LEFT_BOTTOM -> u;
            case RIGHT_TOP, RIGHT_BOTTOM -> h - 1 - u;
        };
    }
}
