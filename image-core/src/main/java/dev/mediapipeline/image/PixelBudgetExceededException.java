package dev.mediapipeline.image;

/**
 * The header declares more pixels than the configured budget: refused before a single pixel is decoded, so a
 * decompression bomb (a few kilobytes claiming 65535×65535) costs nothing.
 */
public final class PixelBudgetExceededException extends ImageException {

    private final int width;
    private final int height;
    private final long budget;

    public PixelBudgetExceededException(int width, int height, long budget) {
        super(String.format(java.util.Locale.ROOT, "image is %d x %d = %d pixels, over the budget of %d pixels",
                width, height, (long) width * height, budget), null);
        this.width = width;
        this.height = height;
        this.budget = budget;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public long budget() {
        return budget;
    }
}
