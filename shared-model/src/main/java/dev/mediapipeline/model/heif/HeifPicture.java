package dev.mediapipeline.model.heif;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a HEIF/AVIF file shows: its primary image (never the thumbnail, depth, gain-map or alpha items, which only
 * refer to it), how it is coded ({@link CodedImage}), the transforms to apply after decoding ({@code clap},
 * {@code irot}, {@code imir} in file order, as libheif does: the file's transforms are the truth, the EXIF
 * orientation is informational), its colour (ICC profile or nclx), its alpha plane and its Exif item.
 *
 * @param transforms  {@link HeifProperty.Clap}, {@link HeifProperty.Irot} and {@link HeifProperty.Imir} in order
 * @param alpha       the alpha plane (an auxiliary image of the primary), if any
 * @param exif        the Exif item describing the primary, if any
 */
public record HeifPicture(HeifContainer container, HeifItem primary, CodedImage image, List<HeifProperty> transforms,
                          Optional<byte[]> icc, Optional<HeifProperty.Nclx> nclx, Optional<CodedImage> alpha,
                          Optional<HeifItem> exif, int bitDepth) {

    private static final int MAX_GRID_DATA = 64;

    public HeifPicture {
        transforms = List.copyOf(transforms);
    }

    /**
     * Finds the primary image and what belongs to it, reading no image data (only a grid's few bytes).
     *
     * @throws UnsupportedHeifException an image sequence, a primary item that is an auxiliary image, another coding
     * @throws MalformedHeifException   no primary item, missing tiles or sizes
     */
    public static HeifPicture of(HeifContainer container) {
        if (container.isImageSequence()) {
            throw new UnsupportedHeifException("an image sequence (animated, brand '" + container.majorBrand()
                    + "') is not rendered: only still HEIF/AVIF images are");
        }
        HeifItem primary = container.primaryItem().orElseThrow(() -> new MalformedHeifException(
                container.primaryId() == null ? "the file declares no primary item ('pitm')"
                        : "the primary item " + container.primaryId() + " does not exist"));
        Optional<HeifProperty.AuxC> aux = primary.property(HeifProperty.AuxC.class);
        if (aux.isPresent()) {
            throw new UnsupportedHeifException("the only image is an auxiliary image (" + auxKind(aux.get())
                    + ", " + aux.get().urn() + "), not a photo");
        }
        CodedImage image = coded(container, primary);
        HeifItem first = image.tiles().get(0);
        List<HeifProperty> transforms = new ArrayList<>();
        for (HeifProperty p : primary.properties()) {
            if (p instanceof HeifProperty.Clap || p instanceof HeifProperty.Irot || p instanceof HeifProperty.Imir) {
                transforms.add(p);
            }
        }
        Optional<byte[]> icc = primary.property(HeifProperty.Icc.class).or(() -> first.property(HeifProperty.Icc.class))
                .map(HeifProperty.Icc::profile);
        Optional<HeifProperty.Nclx> nclx = primary.property(HeifProperty.Nclx.class)
                .or(() -> first.property(HeifProperty.Nclx.class));
        Optional<CodedImage> alpha = Optional.empty();
        for (long id : container.referring(primary.id(), "auxl")) {
            HeifItem item = container.item(id).orElse(null);
            if (item != null && item.property(HeifProperty.AuxC.class).map(HeifProperty.AuxC::alpha).orElse(false)) {
                alpha = Optional.of(coded(container, item));
                break;
            }
        }
        Optional<HeifItem> exif = container.referring(primary.id(), "cdsc").stream()
                .map(container::item).flatMap(Optional::stream).filter(i -> i.type().equals("Exif")).findFirst()
                .or(() -> container.items().stream().filter(i -> i.type().equals("Exif")).findFirst());
        int bits = primary.property(HeifProperty.Pixi.class).or(() -> first.property(HeifProperty.Pixi.class))
                .map(p -> p.bits().length > 0 ? p.bits()[0] : 8).orElse(8);
        return new HeifPicture(container, primary, image, transforms, icc, nclx, alpha, exif, bits);
    }

    private static String auxKind(HeifProperty.AuxC aux) {
        return aux.depth() ? "a depth map" : aux.alpha() ? "an alpha plane" : "an auxiliary image";
    }

    private static CodedImage coded(HeifContainer container, HeifItem item) {
        switch (item.type()) {
            case "grid" -> {
                byte[] data = container.itemData(item, MAX_GRID_DATA);
                BoxCursor c = new BoxCursor(data, 0, data.length, "grid");
                c.u8(); // version
                int flags = c.u8();
                int rows = c.u8() + 1;
                int columns = c.u8() + 1;
                long width = (flags & 1) != 0 ? c.u32() : c.u16();
                long height = (flags & 1) != 0 ? c.u32() : c.u16();
                List<HeifItem> tiles = new ArrayList<>();
                for (long id : container.referencedBy(item.id(), "dimg")) {
                    tiles.add(container.item(id).orElseThrow(() -> new MalformedHeifException(
                            "grid tile " + id + " is missing (referenced by grid item " + item.id() + ")")));
                }
                if (tiles.isEmpty()) {
                    throw new MalformedHeifException("grid item " + item.id() + " has no tiles");
                }
                String codec = codec(tiles.get(0));
                for (HeifItem tile : tiles) {
                    if (!codec(tile).equals(codec)) {
                        throw new MalformedHeifException("grid item " + item.id() + " mixes tile codings");
                    }
                }
                HeifProperty.Ispe tileSize = ispe(tiles.get(0));
                return new CodedImage(codec, tiles, columns, rows, size(width, "width"), size(height, "height"),
                        size(tileSize.width(), "tile width"), size(tileSize.height(), "tile height"));
            }
            case "hvc1", "av01" -> {
                HeifProperty.Ispe ispe = ispe(item);
                int w = size(ispe.width(), "width");
                int h = size(ispe.height(), "height");
                return new CodedImage(codec(item), List.of(item), 1, 1, w, h, w, h);
            }
            default -> throw new UnsupportedHeifException("the primary image is coded as '" + item.type()
                    + "': only HEVC ('hvc1'), AV1 ('av01') and grids of them are decoded");
        }
    }

    private static String codec(HeifItem item) {
        return switch (item.type()) {
            case "hvc1" -> "hevc";
            case "av01" -> "av1";
            default -> throw new UnsupportedHeifException("image item " + item.id() + " is coded as '" + item.type()
                    + "': only HEVC ('hvc1') and AV1 ('av01') are decoded");
        };
    }

    private static HeifProperty.Ispe ispe(HeifItem item) {
        return item.property(HeifProperty.Ispe.class).orElseThrow(() -> new MalformedHeifException(
                "image item " + item.id() + " has no size ('ispe')"));
    }

    private static int size(long value, String what) {
        if (value < 1 || value > Integer.MAX_VALUE / 4) {
            throw new MalformedHeifException("the image declares an impossible " + what + " " + value);
        }
        return (int) value;
    }

    /** The size shown after the transforms: a crop, then quarter turns that may swap width and height. */
    public int displayWidth() {
        return displaySize()[0];
    }

    public int displayHeight() {
        return displaySize()[1];
    }

    private int[] displaySize() {
        int w = image.width();
        int h = image.height();
        for (HeifProperty p : transforms) {
            if (p instanceof HeifProperty.Clap clap) {
                Crop crop = Crop.of(clap, w, h);
                w = crop.width();
                h = crop.height();
            } else if (p instanceof HeifProperty.Irot rot && (rot.quarters() & 1) == 1) {
                int t = w;
                w = h;
                h = t;
            }
        }
        return new int[] {w, h};
    }

    /** A short description for logs and the header: {@code hevc grid 4x3 of 512x512, irot 90}. */
    public String describe() {
        StringBuilder s = new StringBuilder(image.codec());
        if (image.grid()) {
            s.append(" grid ").append(image.columns()).append('x').append(image.rows()).append(" of ")
                    .append(image.tileWidth()).append('x').append(image.tileHeight());
        }
        for (HeifProperty p : transforms) {
            switch (p) {
                case HeifProperty.Clap c -> s.append(", clap");
                case HeifProperty.Irot r -> s.append(", irot ").append(r.quarters() * 90);
                case HeifProperty.Imir m -> s.append(", imir ").append(m.leftRight() ? "left-right" : "top-bottom");
                default -> {
                }
            }
        }
        return s.toString();
    }

    /** A clean-aperture crop in whole pixels, within the image. */
    public record Crop(int x, int y, int width, int height) {

        /** As libheif rounds it: the aperture's centre is offset from the image's centre. */
        public static Crop of(HeifProperty.Clap clap, int imageWidth, int imageHeight) {
            if (clap.widthD() == 0 || clap.heightD() == 0 || clap.horizOffD() == 0 || clap.vertOffD() == 0) {
                throw new MalformedHeifException("the clean aperture ('clap') has a zero denominator");
            }
            double cw = (double) clap.widthN() / clap.widthD();
            double ch = (double) clap.heightN() / clap.heightD();
            double cx = (double) clap.horizOffN() / clap.horizOffD() + (imageWidth - 1) / 2.0;
            double cy = (double) clap.vertOffN() / clap.vertOffD() + (imageHeight - 1) / 2.0;
            int left = (int) Math.round(cx - (cw - 1) / 2);
            int top = (int) Math.round(cy - (ch - 1) / 2);
            int right = (int) Math.round(cx + (cw - 1) / 2);
            int bottom = (int) Math.round(cy + (ch - 1) / 2);
            left = Math.max(0, left);
            top = Math.max(0, top);
            right = Math.min(imageWidth - 1, right);
            bottom = Math.min(imageHeight - 1, bottom);
            if (right < left || bottom < top) {
                throw new MalformedHeifException("the clean aperture ('clap') lies outside the image");
            }
            return new Crop(left, top, right - left + 1, bottom - top + 1);
        }
    }
}
