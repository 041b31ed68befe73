package dev.mediapipeline.image;

import static dev.mediapipeline.image.ThumbnailRendererTest.DEFAULTS;
import static dev.mediapipeline.image.ThumbnailRendererTest.RENDERER;
import static dev.mediapipeline.image.ThumbnailRendererTest.assertColor;
import static dev.mediapipeline.image.ThumbnailRendererTest.decode;
import static dev.mediapipeline.image.ThumbnailRendererTest.render;
import static dev.mediapipeline.image.samples.HeifSampleGenerator.QUADRANTS_P3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediapipeline.image.samples.DisplayP3Profile;
import dev.mediapipeline.image.samples.HeifWriter;
import dev.mediapipeline.model.DeviceProfiles;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.heif.ByteRanges;
import dev.mediapipeline.model.heif.HeifContainer;
import dev.mediapipeline.model.heif.HeifItem;
import dev.mediapipeline.model.heif.HeifProperty;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * HEIF/HEIC and AVIF photos through the whole engine, on the committed files of sample-media/heif (HEVC and AV1
 * pictures from heif-enc, assembled like phones' files; see its README): grids, crops, rotations, mirrors, colour
 * profiles, alpha, auxiliary items and damaged files.
 */
class HeifRenderingTest {

    static final DeviceProfiles FULL = DeviceProfiles.parse("full:4000x4000");

    static byte[] heif(String name) {
        return ThumbnailRendererTest.sample("heif/" + name);
    }

    /** The expected sRGB colour of a quadrant of the grid (stored row-major). */
    static Color srgb(int quadrant) {
        int[] c = DisplayP3Profile.toSrgb(QUADRANTS_P3[quadrant][0], QUADRANTS_P3[quadrant][1], QUADRANTS_P3[quadrant][2]);
        return new Color(c[0], c[1], c[2]);
    }

    /** The quadrant colour without colour management (files without a profile: nclx sRGB). */
    static Color raw(int quadrant) {
        return new Color(QUADRANTS_P3[quadrant][0], QUADRANTS_P3[quadrant][1], QUADRANTS_P3[quadrant][2]);
    }

    @Nested
    class PhoneGrid {

        final RenderResult result = render(heif("phone-grid.heic"), FULL);

        @Test
        void headerGivesTheUprightSizeOfThePrimaryGridBeforeDecoding() {
            ImageHeader header = RENDERER.probe(ImageSource.of(heif("phone-grid.heic")));

            assertThat(header.format()).as("format").isEqualTo(MediaFormat.HEIF);
            assertThat(header.width() + "x" + header.height()).as("2x2 tiles cut to 1000x900, turned by irot")
                    .isEqualTo("900x1000");
            assertThat(header.orientation()).as("the decoder applies the file's transforms; EXIF 6 is not applied again")
                    .isEqualTo(ExifOrientation.TOP_LEFT);
            assertThat(header.iccProfile()).as("Display P3 profile").isTrue();
            assertThat(header.encoding()).as("coding").isEqualTo("hevc grid 2x2 of 512x512, irot 270");
        }

        @Test
        void quadrantsLandWhereIrotPutsThemAndP3BecomesSrgb() {
            Rendition full = result.renditions().get(0);
            BufferedImage image = decode(full);

            assertThat(full.format()).as("opaque: JPEG").isEqualTo(OutputFormat.JPEG);
            assertThat(image.getWidth() + "x" + image.getHeight()).as("upright size, not the thumbnail item's")
                    .isEqualTo("900x1000");
            // stored (after the 1000x900 crop): red TL 512x512, green TR 488x512, blue BL 512x388, yellow BR 488x388;
            // turned 90° clockwise: blue top-left, red top-right, yellow bottom-left, green bottom-right
            assertColor(image, 194, 256, srgb(2), 6, "blue quadrant, top-left");
            assertColor(image, 644, 256, srgb(0), 6, "red quadrant, top-right");
            assertColor(image, 194, 756, srgb(3), 6, "yellow quadrant, bottom-left");
            assertColor(image, 644, 756, srgb(1), 6, "green quadrant, bottom-right");
            assertThat(srgb(0)).as("the profile matters: P3 red is not the same numbers in sRGB").isNotEqualTo(raw(0));
        }

        @Test
        void smallRenditionsComeFromTilesAreaReducedAsTheyArePlaced() {
            RenderResult small = render(heif("phone-grid.heic"), DeviceProfiles.parse("small:225x250"));
            BufferedImage image = decode(small.renditions().get(0));

            assertThat(small.decodeMethod()).as("reduced while decoding").contains(", area/");
            assertThat(image.getWidth() + "x" + image.getHeight()).as("size").isEqualTo("225x250");
            assertColor(image, 48, 64, srgb(2), 8, "blue quadrant, top-left");
            assertColor(image, 161, 64, srgb(0), 8, "red quadrant, top-right");
            assertColor(image, 48, 189, srgb(3), 8, "yellow quadrant, bottom-left");
            assertColor(image, 161, 189, srgb(1), 8, "green quadrant, bottom-right");
        }

        @Test
        void everyProfileIsRendered() {
            RenderResult defaults = render(heif("phone-grid.heic"), DEFAULTS);

            assertThat(defaults.renditions()).as("sizes")
                    .extracting(r -> r.width() + "x" + r.height())
                    .containsExactly("640x711", "900x1000", "900x1000", "256x256");
            assertThat(defaults.decodeMethod()).as("method").startsWith("ffmpeg-heif hevc grid");
        }
    }

    @Nested
    class Transforms {

        @Test
        void cleanApertureThenMirrorAsLibheifDoes() {
            BufferedImage image = decode(render(heif("grid-clap-mirror.heic"), FULL).renditions().get(0));

            assertThat(image.getWidth() + "x" + image.getHeight()).as("1024x1024 grid, 1000x800 aperture")
                    .isEqualTo("1000x800");
            // imir axis 1 flips left and right: green top-left, red top-right, yellow bottom-left, blue bottom-right
            assertColor(image, 250, 200, raw(1), 8, "green, top-left");
            assertColor(image, 750, 200, raw(0), 8, "red, top-right");
            assertColor(image, 250, 600, raw(3), 8, "yellow, bottom-left");
            assertColor(image, 750, 600, raw(2), 8, "blue, bottom-right");
        }

        @Test
        void p3NamedByAnNclxBoxWithoutAProfileIsConvertedToo() {
            HeifContainer single = HeifContainer.read(ByteRanges.of(heif("single.heic")));
            HeifItem picture = single.primaryItem().orElseThrow();
            HeifWriter w = new HeifWriter("heic", "mif1", "heic");
            int id = w.item("hvc1", single.itemData(picture, 1 << 20), false);
            w.property(id, HeifWriter.box("hvcC", picture.property(HeifProperty.CodecConfig.class).orElseThrow().record()), true)
                    .property(id, HeifWriter.ispe(320, 240), false)
                    .property(id, HeifWriter.colrNclx(12, 13, 6, true), false);

            BufferedImage image = decode(render(w.primary(id).write(), FULL).renditions().get(0));

            assertColor(image, 80, 60, srgb(0), 8, "P3 red quadrant in sRGB");
            assertColor(image, 240, 180, srgb(3), 8, "P3 yellow quadrant in sRGB");
        }

        @Test
        void singleImageHeic() {
            BufferedImage image = decode(render(heif("single.heic"), FULL).renditions().get(0));

            assertThat(image.getWidth() + "x" + image.getHeight()).as("size").isEqualTo("320x240");
            assertColor(image, 80, 60, raw(0), 8, "top-left");
            assertColor(image, 240, 180, raw(3), 8, "bottom-right");
        }
    }

    @Nested
    class Avif {

        @Test
        void alphaIsKeptAndTheThumbnailIsPng() {
            RenderResult result = render(heif("alpha.avif"), FULL);
            Rendition full = result.renditions().get(0);
            BufferedImage image = decode(full);

            assertThat(result.header().format()).as("format").isEqualTo(MediaFormat.AVIF);
            assertThat(result.header().hasAlpha()).as("alpha in the header").isTrue();
            assertThat(full.format()).as("transparency: PNG").isEqualTo(OutputFormat.PNG);
            assertColor(image, 128, 40, new Color(240, 140, 20), 8, "opaque orange top");
            assertThat(new Color(image.getRGB(128, 40), true).getAlpha()).as("top alpha").isEqualTo(255);
            assertThat(new Color(image.getRGB(128, 150), true).getAlpha()).as("bottom alpha").isBetween(120, 136);
            assertColor(image, 128, 150, new Color(30, 60, 220), 10, "half-transparent blue bottom");
        }

        @Test
        void animatedAvifIsUnsupportedWithAReason() {
            assertThatThrownBy(() -> render(heif("animated.avif"), DEFAULTS))
                    .as("an image sequence")
                    .isInstanceOf(UnsupportedImageException.class)
                    .hasMessageContaining("image sequence");
        }
    }

    @Nested
    class BadInput {

        @Test
        void truncatedHeicIsCorrupt() {
            byte[] whole = heif("phone-grid.heic");
            byte[] half = Arrays.copyOf(whole, whole.length / 2);

            assertThatThrownBy(() -> render(half, DEFAULTS)).as("truncated in the media data")
                    .isInstanceOf(CorruptImageException.class).hasMessageContaining("truncated");
            byte[] head = Arrays.copyOf(whole, 200);
            assertThatThrownBy(() -> render(head, DEFAULTS)).as("truncated in the meta box")
                    .isInstanceOf(CorruptImageException.class).hasMessageContaining("truncated");
        }

        @Test
        void gridWithMissingTilesIsCorrupt() {
            assertThatThrownBy(() -> render(heif("grid-missing-tiles.heic"), DEFAULTS))
                    .isInstanceOf(CorruptImageException.class).hasMessageContaining("grid tile 99 is missing");
        }

        /** A grid built here from single.heic's 320x240 HEVC picture: {@code count} tiles for a 2x2 grid of this size. */
        byte[] gridOfSingle(int count, int width, int height) {
            return gridOfSingle(count, width, height, 320, 240);
        }

        /** The same, each tile declaring ({@code ispe}) the given size. */
        byte[] gridOfSingle(int count, int width, int height, int tileWidth, int tileHeight) {
            HeifContainer single = HeifContainer.read(ByteRanges.of(heif("single.heic")));
            HeifItem picture = single.primaryItem().orElseThrow();
            byte[] config = HeifWriter.box("hvcC", picture.property(HeifProperty.CodecConfig.class).orElseThrow().record());
            HeifWriter w = new HeifWriter("heic", "mif1", "heic");
            int grid = w.idatItem("grid", HeifWriter.grid(2, 2, width, height), false);
            int[] tiles = new int[count];
            for (int i = 0; i < count; i++) {
                tiles[i] = w.item("hvc1", single.itemData(picture, 1 << 20), true);
                w.property(tiles[i], config, true).property(tiles[i], HeifWriter.ispe(tileWidth, tileHeight), false);
            }
            return w.reference("dimg", grid, tiles).primary(grid).write();
        }

        @Test
        void gridBuiltHereDecodes() {
            BufferedImage image = decode(render(gridOfSingle(4, 600, 400), FULL).renditions().get(0));

            assertThat(image.getWidth() + "x" + image.getHeight()).as("the control: a valid grid").isEqualTo("600x400");
            assertColor(image, 400, 300, raw(0), 8, "the bottom-right tile's top-left quadrant");
        }

        @Test
        void gridWithFewerTilesThanItDeclaresIsCorrupt() {
            assertThatThrownBy(() -> render(gridOfSingle(3, 600, 400), DEFAULTS))
                    .isInstanceOf(CorruptImageException.class).hasMessageContaining("declares 2 x 2 tiles but 3 are present");
        }

        @Test
        void gridWhoseTilesDoNotCoverItsSizeIsCorrupt() {
            assertThatThrownBy(() -> render(gridOfSingle(4, 2000, 2000), DEFAULTS))
                    .isInstanceOf(CorruptImageException.class).hasMessageContaining("does not cover a 2000 x 2000 image");
        }

        @Test
        void tileWhoseBitstreamIsFarLargerThanDeclaredIsRefused() {
            assertThatThrownBy(() -> render(gridOfSingle(4, 100, 80, 64, 48), DEFAULTS))
                    .as("a decompression bomb hidden in the tiles")
                    .isInstanceOf(CorruptImageException.class)
                    .hasMessageContaining("codes a 320 x 240 picture where the file declares 64 x 48");
        }

        @Test
        void gridClaiming100000SquaredIsRefusedBeforeDecoding() {
            assertThatThrownBy(() -> RENDERER.probe(ImageSource.of(heif("grid-bomb.heic"))))
                    .as("refused by the header alone")
                    .isInstanceOf(PixelBudgetExceededException.class).hasMessageContaining("100000 x 100000");
        }

        @Test
        void heifHoldingOnlyADepthMapIsUnsupported() {
            assertThatThrownBy(() -> render(heif("depth-only.heic"), DEFAULTS))
                    .isInstanceOf(UnsupportedImageException.class).hasMessageContaining("depth map");
        }

        @Test
        void tileThatDoesNotDecodeIsCorruptAndNamed() {
            long started = System.nanoTime();
            assertThatThrownBy(() -> render(heif("bad-tile.heic"), DEFAULTS))
                    .isInstanceOf(CorruptImageException.class).hasMessageContaining("grid tile 3 of 4 does not decode");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no hang").isLessThan(Duration.ofSeconds(20));
        }
    }
}
