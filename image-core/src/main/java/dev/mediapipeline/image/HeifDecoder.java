package dev.mediapipeline.image;

import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.heif.CodedImage;
import dev.mediapipeline.model.heif.HeifContainer;
import dev.mediapipeline.model.heif.HeifItem;
import dev.mediapipeline.model.heif.HeifPicture;
import dev.mediapipeline.model.heif.HeifProperty;
import dev.mediapipeline.model.heif.MalformedHeifException;
import dev.mediapipeline.model.heif.UnsupportedHeifException;
import java.awt.color.ICC_ColorSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decodes HEIF/HEIC (HEVC) and AVIF (AV1) stills with the FFmpeg natives already shipped: the primary image
 * ({@link HeifPicture}), single or a grid of tiles (what phones write: 512×512 HEVC tiles). Each tile is decoded by
 * {@link FfmpegPictureDecoder}, area-reduced as the request allows, converted to sRGB from the embedded ICC profile
 * (Display P3 on iPhones) or from the P3 primaries an {@code nclx} box names ({@link DisplayP3}), and copied into
 * place; the grid is cut to its output size. Then the alpha plane is joined (AVIF) and the file's transforms are
 * applied in order ({@code clap} crop, {@code irot}, {@code imir}). The EXIF orientation is not applied: as libheif
 * does, the transforms in the file are the truth, so the frame this returns is upright and the header says
 * orientation 1.
 */
final class HeifDecoder implements ImageDecoder {

    /** The most bytes one coded item may hold (a 48 MP single-item HEIC is ~20 MB). */
    private static final int MAX_ITEM_BYTES = 512 * 1024 * 1024;

    @Override
    public String name() {
        return "ffmpeg-heif";
    }

    @Override
    public boolean supports(ImageHeader header) {
        return (header.format() == MediaFormat.HEIF || header.format() == MediaFormat.AVIF) && FfmpegNatives.available();
    }

    /** The primary picture of a HEIF/AVIF source, container problems turned into image exceptions. */
    static HeifPicture picture(ImageSource source) {
        return translated(() -> HeifPicture.of(HeifContainer.read(source.ranges())));
    }

    /** Runs a container step, turning {@link MalformedHeifException}/{@link UnsupportedHeifException} into ours. */
    static <T> T translated(Supplier<T> step) {
        try {
            return step.get();
        } catch (MalformedHeifException e) {
            throw new CorruptImageException(e.getMessage(), e);
        } catch (UnsupportedHeifException e) {
            throw new UnsupportedImageException(e.getMessage(), e);
        }
    }

    @Override
    public DecodedImage decode(ImageSource source, ImageHeader header, DecodeRequest request) {
        HeifPicture picture = picture(source);
        CodedImage coded = picture.image();
        translated(() -> {
            coded.checkTiling();
            picture.alpha().ifPresent(CodedImage::checkTiling);
            return null;
        });
        if (!FfmpegPictureDecoder.supports(coded.codec())) {
            throw new UnsupportedImageException("this FFmpeg build cannot decode " + coded.codec() + " images");
        }
        List<String> warnings = new ArrayList<>();
        Optional<ICC_ColorSpace> profile = picture.icc().isPresent()
                ? picture.icc().flatMap(bytes -> colorSpace(bytes, warnings))
                : picture.nclx().flatMap(DisplayP3::forNclx);
        int k = reduction(picture, request);
        Pixels pixels = assemble(picture.container(), coded, picture.nclx(), profile, k, false);
        if (picture.alpha().isPresent()) {
            Pixels alpha = assemble(picture.container(), picture.alpha().get(), Optional.empty(), Optional.empty(), k,
                    true);
            if (alpha.width != pixels.width || alpha.height != pixels.height) {
                throw new CorruptImageException("the alpha plane is " + alpha.width * k + " x " + alpha.height * k
                        + " but the image is " + pixels.width * k + " x " + pixels.height * k);
            }
            pixels = withAlpha(pixels, alpha);
        }
        for (HeifProperty transform : picture.transforms()) {
            pixels = apply(pixels, transform);
        }
        if ((long) pixels.width * k != header.width() || (long) pixels.height * k != header.height()) {
            throw new CorruptImageException("decoded " + pixels.width * k + " x " + pixels.height * k
                    + " where the header says " + header.width() + " x " + header.height());
        }
        String method = name() + " " + picture.describe() + (profile.isPresent() ? ", icc" : "")
                + (picture.alpha().isPresent() ? ", alpha" : "") + (k > 1 ? ", area/" + k : "");
        return new DecodedImage(pixels.toBufferedImage(), 0, 0, k, k, method, warnings);
    }

    /**
     * How much to area-reduce each tile as it is placed: the largest power of two within the request that divides
     * the tiles and the output exactly (so every reduced pixel covers whole source pixels, and transforms stay
     * exact). None with a clean aperture, whose offsets need not fall on that grid.
     */
    static int reduction(HeifPicture picture, DecodeRequest request) {
        if (picture.transforms().stream().anyMatch(t -> t instanceof HeifProperty.Clap)) {
            return 1;
        }
        int k = 1;
        while (k * 2 <= request.preferredReduction() && divides(k * 2, picture.image())
                && (picture.alpha().isEmpty() || divides(k * 2, picture.alpha().get()))) {
            k *= 2;
        }
        return k;
    }

    private static boolean divides(int k, CodedImage c) {
        return c.tileWidth() % k == 0 && c.tileHeight() % k == 0 && c.width() % k == 0 && c.height() % k == 0;
    }

    /**
     * Decodes every tile, reduces it by {@code k}, converts it to sRGB (if a profile is given) and copies it into its
     * place, then cuts the grid to its output size. One tile at a time: the full-size picture never exists.
     */
    private static Pixels assemble(HeifContainer container, CodedImage coded, Optional<HeifProperty.Nclx> nclx,
                                   Optional<ICC_ColorSpace> profile, int k, boolean gray) {
        int channels = gray ? 1 : 3;
        int width = coded.width() / k;
        int height = coded.height() / k;
        int tileWidth = coded.tileWidth() / k;
        int tileHeight = coded.tileHeight() / k;
        Pixels canvas = coded.grid() ? Pixels.allocate(width, height, channels) : null;
        for (int i = 0; i < coded.tiles().size(); i++) {
            HeifItem tile = coded.tiles().get(i);
            byte[] config = tile.property(HeifProperty.CodecConfig.class).map(HeifProperty.CodecConfig::record)
                    .orElse(new byte[0]);
            byte[] data = translated(() -> container.itemData(tile, MAX_ITEM_BYTES));
            Pixels decoded;
            try {
                decoded = FfmpegPictureDecoder.decode(coded.codec(), config, data, nclx, gray, coded.tileWidth(),
                        coded.tileHeight());
            } catch (CorruptImageException e) {
                throw new CorruptImageException((coded.grid() ? "grid tile " + (i + 1) + " of " + coded.tiles().size()
                        : "the image") + " does not decode: " + e.reason(), e);
            }
            if (decoded.width < coded.tileWidth() || decoded.height < coded.tileHeight()) {
                throw new CorruptImageException("item " + tile.id() + " decoded to " + decoded.width + " x "
                        + decoded.height + ", smaller than its declared " + coded.tileWidth() + " x " + coded.tileHeight());
            }
            decoded = decoded.cropped(0, 0, coded.tileWidth(), coded.tileHeight()).boxReduce(k);
            if (profile.isPresent()) {
                decoded = decoded.toSrgb(profile.get());
            }
            if (canvas == null) {
                return decoded.cropped(0, 0, width, height);
            }
            int x0 = (i % coded.columns()) * tileWidth;
            int y0 = (i / coded.columns()) * tileHeight;
            int w = Math.min(tileWidth, width - x0) * channels;
            int h = Math.min(tileHeight, height - y0);
            for (int row = 0; row < h; row++) {
                System.arraycopy(decoded.data, row * tileWidth * channels, canvas.data,
                        ((y0 + row) * width + x0) * channels, w);
            }
        }
        return canvas;
    }

    private static Optional<ICC_ColorSpace> colorSpace(byte[] profile, List<String> warnings) {
        try {
            return JpegIccProfile.nonSrgbColorSpace(profile);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            warnings.add("ignored the embedded ICC profile: " + HeaderReader.message(e));
            return Optional.empty();
        }
    }

    /** BGR plus an alpha plane as premultiplied ABGR. */
    private static Pixels withAlpha(Pixels bgr, Pixels alpha) {
        Pixels out = Pixels.allocate(bgr.width, bgr.height, 4);
        byte[] s = bgr.data;
        byte[] a = alpha.data;
        byte[] d = out.data;
        for (int p = 0, n = a.length; p < n; p++) {
            int av = a[p] & 0xFF;
            d[4 * p] = (byte) av;
            for (int c = 0; c < 3; c++) {
                d[4 * p + 1 + c] = (byte) (((s[3 * p + c] & 0xFF) * av + 127) / 255);
            }
        }
        return out;
    }

    /** One {@code clap}, {@code irot} (anti-clockwise quarter turns) or {@code imir} transform. */
    static Pixels apply(Pixels pixels, HeifProperty transform) {
        return switch (transform) {
            case HeifProperty.Clap clap -> {
                HeifPicture.Crop crop = translated(() -> HeifPicture.Crop.of(clap, pixels.width, pixels.height));
                yield pixels.cropped(crop.x(), crop.y(), crop.width(), crop.height());
            }
            case HeifProperty.Irot rot -> pixels.oriented(switch (rot.quarters()) {
                case 1 -> ExifOrientation.LEFT_BOTTOM;   // shown turned 90° anti-clockwise
                case 2 -> ExifOrientation.BOTTOM_RIGHT;
                case 3 -> ExifOrientation.RIGHT_TOP;     // 270° anti-clockwise = 90° clockwise
                default -> ExifOrientation.TOP_LEFT;
            });
            case HeifProperty.Imir mirror -> pixels.oriented(mirror.leftRight()
                    ? ExifOrientation.TOP_RIGHT : ExifOrientation.BOTTOM_LEFT);
            default -> pixels;
        };
    }
}
