package dev.mediapipeline.model.heif;

import java.util.List;

/**
 * A coded picture as the decoder sees it: one HEVC or AV1 item, or a grid of such tiles (ISO/IEC 23008-12 6.6.2.3)
 * assembled row by row, then cut to the grid's output size.
 *
 * @param codec      {@code hevc} or {@code av1}
 * @param tiles      the coded items, row-major; one for a single image
 * @param columns    tiles per row (1 for a single image)
 * @param rows       tile rows
 * @param width      the picture's size: the grid's output size, or the item's {@code ispe}
 * @param height     see width
 * @param tileWidth  each tile's coded size ({@code ispe} of the first tile); the single image's size otherwise
 * @param tileHeight see tileWidth
 */
public record CodedImage(String codec, List<HeifItem> tiles, int columns, int rows, int width, int height,
                         int tileWidth, int tileHeight) {

    public CodedImage {
        tiles = List.copyOf(tiles);
    }

    public boolean grid() {
        return columns * rows > 1 || tiles.size() > 1;
    }

    /**
     * Checks that the tiles exist and exactly cover the output (before decoding anything): their count matches the
     * grid, they share one coding and size, and the output needs every column and row of them.
     *
     * @throws MalformedHeifException if not
     */
    public void checkTiling() {
        if (tiles.size() != (long) columns * rows) {
            throw new MalformedHeifException("the grid declares " + columns + " x " + rows + " tiles but "
                    + tiles.size() + " are present");
        }
        for (HeifItem tile : tiles) {
            HeifProperty.Ispe ispe = tile.property(HeifProperty.Ispe.class).orElse(null);
            if (ispe != null && (ispe.width() != tileWidth || ispe.height() != tileHeight)) {
                throw new MalformedHeifException("grid tile " + tile.id() + " is " + ispe.width() + " x " + ispe.height()
                        + ", not " + tileWidth + " x " + tileHeight + " like the first");
            }
            if (tile.property(HeifProperty.CodecConfig.class).isEmpty()) {
                throw new MalformedHeifException("tile " + tile.id() + " has no decoder configuration (hvcC/av1C)");
            }
        }
        if ((long) columns * tileWidth < width || (long) (columns - 1) * tileWidth >= width
                || (long) rows * tileHeight < height || (long) (rows - 1) * tileHeight >= height) {
            throw new MalformedHeifException("a " + columns + " x " + rows + " grid of " + tileWidth + " x " + tileHeight
                    + " tiles does not cover a " + width + " x " + height + " image");
        }
    }
}
