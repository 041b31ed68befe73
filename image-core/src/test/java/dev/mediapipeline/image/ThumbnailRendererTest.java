package dev.mediapipeline.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mediapipeline.image.samples.ExifWriter;
import dev.mediapipeline.image.samples.Jpegs;
import dev.mediapipeline.image.samples.SampleImages;
import dev.mediapipeline.image.samples.Ssim;
import dev.mediapipeline.model.DeviceProfile;
import dev.mediapipeline.model.DeviceProfiles;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The image engine on real images: committed samples from sample-media/ and images generated in memory. */
class ThumbnailRendererTest {

    static final DeviceProfiles DEFAULTS = DeviceProfiles.defaults();
    static final ThumbnailRenderer RENDERER = new ThumbnailRenderer(RenderOptions.defaults());

    static byte[] sample(String name) {
        try {
            return Files.readAllBytes(SampleMedia.path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage decode(Rendition r) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.bytes()));
            assertThat(image).as("%s decodes", r).isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RenderResult render(byte[] bytes, DeviceProfiles profiles) {
        return RENDERER.render(ImageSource.of(bytes), profiles);
    }

    static void assertColor(BufferedImage image, int x, int y, Color expected, int tolerance, String what) {
        Color actual = new Color(image.getRGB(x, y), true);
        assertThat(actual.getRed()).as("%s: red at (%d,%d) of %s", what, x, y, actual).isCloseTo(expected.getRed(), within(tolerance));
        assertThat(actual.getGreen()).as("%s: green at (%d,%d) of %s", what, x, y, actual).isCloseTo(expected.getGreen(), within(tolerance));
        assertThat(actual.getBlue()).as("%s: blue at (%d,%d) of %s", what, x, y, actual).isCloseTo(expected.getBlue(), within(tolerance));
    }

    @Nested
    class Dimensions {

        @Test
        void landscapeGetsEveryProfileAtItsSize() {
            RenderResult result = render(sample("landscape.jpg"), DEFAULTS);

            assertThat(result.header().width()).as("source width").isEqualTo(2400);
            assertThat(result.renditions()).as("one rendition per profile, in profile order")
                    .extracting(r -> r.profile().name()).containsExactly("phone", "tablet", "desktop", "square");
            assertThat(result.renditions()).as("sizes").extracting(r -> r.width() + "x" + r.height())
                    .containsExactly("640x427", "1280x853", "1920x1280", "256x256");
            for (Rendition r : result.renditions()) {
                BufferedImage image = decode(r);
                assertThat(image.getWidth() + "x" + image.getHeight()).as("%s encoded size", r.profile().name())
                        .isEqualTo(r.width() + "x" + r.height());
                assertThat(r.format()).as("%s format", r.profile().name()).isEqualTo(OutputFormat.JPEG);
                assertThat(r.contentType()).isEqualTo("image/jpeg");
            }
        }

        @Test
        void portraitSmallerThanLargeProfilesIsNeverUpscaled() {
            RenderResult result = render(sample("portrait.jpg"), DEFAULTS);

            assertThat(result.renditions()).as("tablet and desktop keep the source's 1080x1440")
                    .extracting(r -> r.profile().name() + " " + r.width() + "x" + r.height())
                    .containsExactly("phone 640x853", "tablet 1080x1440", "desktop 1080x1440", "square 256x256");
        }

        @Test
        void tinyImageKeepsItsSizeEverywhereAndItsLargestCentredSquare() {
            RenderResult result = render(sample("tiny.jpg"), DEFAULTS);

            assertThat(result.renditions()).extracting(r -> r.profile().name() + " " + r.width() + "x" + r.height())
                    .as("a 160x120 source is never enlarged")
                    .containsExactly("phone 160x120", "tablet 160x120", "desktop 160x120", "square 120x120");
        }

        @Test
        void customProfilesAreHonoured() {
            DeviceProfiles profiles = DeviceProfiles.parse("wide:1000x200,tall:200x1000,box:300x100:crop");
            RenderResult result = render(sample("landscape.jpg"), profiles);

            assertThat(result.renditions()).extracting(r -> r.profile().name() + " " + r.width() + "x" + r.height())
                    .as("fit within each box, crop fills its box")
                    .containsExactly("wide 300x200", "tall 200x133", "box 300x100");
        }

        @Test
        void largeSourceIsReducedWhileDecodingButKeepsAMarginForTheFinalFilter() {
            byte[] big = SampleImages.photoJpeg(5000, 3400, 11, 85);
            RenderResult result = render(big, DeviceProfiles.parse("phone:640x1280"));

            assertThat(result.decodeMethod()).as("decoded by FFmpeg, reduced in the DCT domain").isEqualTo("ffmpeg-mjpeg dct/2");
            assertThat(result.decodedWidth()).as("reduced at decode time, yet at least 1.5 times the output")
                    .isEqualTo(2500).isGreaterThanOrEqualTo(3 * 640 / 2);
            assertThat(result.renditions().get(0).width()).isEqualTo(640);
        }

        @Test
        void withoutFfmpegTheStreamingDecoderAreaReducesWithTheSameMargin() {
            byte[] big = SampleImages.photoJpeg(5000, 3400, 11, 85);
            RenderResult result = new ThumbnailRenderer(RenderOptions.defaults(), ThumbnailRenderer.jdkDecoders())
                    .render(ImageSource.of(big), DeviceProfiles.parse("phone:640x1280"));

            assertThat(result.decodeMethod()).as("decoded by the streaming JPEG path").startsWith("jpeg-streaming area/");
            assertThat(result.decodedWidth()).as("reduced at decode time, yet at least twice the output")
                    .isLessThan(5000).isGreaterThanOrEqualTo(2 * 640);
            assertThat(result.renditions().get(0).width()).isEqualTo(640);
        }
    }

    @Nested
    class Orientation {

        static final DeviceProfiles PROFILES = DeviceProfiles.parse("big:640x640,small:150x150,thumb:64x64:crop");

        @ParameterizedTest(name = "EXIF orientation {0}")
        @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
        void everyOrientationComesOutUpright(int orientation) {
            byte[] jpeg = SampleImages.orientedMarkersJpeg(300, 200, orientation);

            RenderResult result = render(jpeg, PROFILES);

            assertThat(result.header().orientation().tag()).as("orientation read from EXIF").isEqualTo(orientation);
            for (Rendition r : result.renditions()) {
                BufferedImage image = decode(r);
                String what = "orientation " + orientation + " " + r.profile().name();
                if (!r.profile().name().equals("thumb")) {
                    assertThat(image.getWidth()).as("%s is landscape like the upright card", what).isGreaterThan(image.getHeight());
                }
                int w = image.getWidth();
                int h = image.getHeight();
                if (r.profile().fit() == DeviceProfile.Fit.CROP) {
                    // the centred square of a 3:2 card keeps the top and bottom rows: markers in its corners
                    assertColor(image, 1, h / 10, SampleImages.TOP_LEFT, 60, what + " top-left");
                    assertColor(image, w - 2, h - 1 - h / 10, SampleImages.BOTTOM_RIGHT, 60, what + " bottom-right");
                    continue;
                }
                assertColor(image, w / 8, h / 8, SampleImages.TOP_LEFT, 40, what + " top-left");
                assertColor(image, w - 1 - w / 8, h / 8, SampleImages.TOP_RIGHT, 40, what + " top-right");
                assertColor(image, w / 8, h - 1 - h / 8, SampleImages.BOTTOM_LEFT, 40, what + " bottom-left");
                assertColor(image, w - 1 - w / 8, h - 1 - h / 8, SampleImages.BOTTOM_RIGHT, 40, what + " bottom-right");
                assertColor(image, w / 2, h / 2, SampleImages.MARKER_BACKGROUND, 30, what + " centre");
            }
        }

        @Test
        void aDecoderThatReducesLessThanAskedStillGivesTheRightPicture() {
            // e.g. a DCT-domain decoder with fixed 1/2, 1/4, 1/8 steps, or a reader that ignores subsampling
            ImageDecoder fullSize = new ImageDecoder() {
                @Override
                public String name() {
                    return "full-size";
                }

                @Override
                public boolean supports(ImageHeader header) {
                    return true;
                }

                @Override
                public DecodedImage decode(ImageSource source, ImageHeader header, DecodeRequest request) throws IOException {
                    assertThat(request.preferredReduction()).as("the pipeline asked for a reduction").isGreaterThan(1);
                    DecodedImage d = new StreamingJpegDecoder().decode(source, header, DecodeRequest.FULL_SIZE);
                    return new DecodedImage(d.image(), 0, 0, 1, 1, name(), List.of());
                }
            };
            byte[] jpeg = SampleImages.orientedMarkersJpeg(1200, 800, 6);

            RenderResult result = new ThumbnailRenderer(RenderOptions.defaults(), List.of(fullSize))
                    .render(ImageSource.of(jpeg), DeviceProfiles.parse("small:150x150"));
            BufferedImage image = decode(result.renditions().get(0));

            assertThat(image.getWidth() + "x" + image.getHeight()).isEqualTo("150x100");
            assertColor(image, 15, 12, SampleImages.TOP_LEFT, 40, "top-left");
            assertColor(image, 134, 87, SampleImages.BOTTOM_RIGHT, 40, "bottom-right");
        }

        @Test
        void committedSidewaysPhoneShotIsRenderedPortrait() {
            RenderResult result = render(sample("portrait-exif-orientation-6.jpg"), DEFAULTS);

            assertThat(result.header().width()).as("pixels stored landscape").isGreaterThan(result.header().height());
            assertThat(result.rendition("phone").orElseThrow()).as("displayed portrait")
                    .satisfies(r -> assertThat(r.width() + "x" + r.height()).isEqualTo("640x853"));
        }
    }

    @Nested
    class Colour {

        @Test
        void cmykPatchesComeOutAsTheirSrgbColours() {
            RenderResult result = render(sample("cmyk.jpg"), DeviceProfiles.parse("same:2000x2000"));
            Rendition r = result.renditions().get(0);
            BufferedImage image = decode(r);

            assertThat(result.header().color()).as("header sees CMYK").isEqualTo(ImageHeader.ColorModelKind.CMYK);
            assertThat(r.format()).as("CMYK becomes an sRGB JPEG").isEqualTo(OutputFormat.JPEG);
            int p = SampleImages.CMYK_PATCH;
            // centres of the 4x2 patches; ranges hold for a naive conversion and for a press profile (SWOP-like),
            // and fail for inverted ink (the classic Adobe CMYK bug) or swapped channels
            String[] names = {"white", "cyan", "magenta", "yellow", "black", "red", "green", "blue"};
            int[][][] ranges = {
                {{235, 255}, {235, 255}, {235, 255}},
                {{0, 60}, {150, 255}, {200, 255}},
                {{200, 255}, {0, 60}, {110, 255}},
                {{220, 255}, {210, 255}, {0, 60}},
                {{0, 60}, {0, 60}, {0, 60}},
                {{200, 255}, {0, 60}, {0, 70}},
                {{0, 60}, {140, 255}, {0, 110}},
                {{0, 80}, {0, 80}, {120, 255}},
            };
            for (int i = 0; i < 8; i++) {
                Color c = new Color(image.getRGB((i % 4) * p + p / 2, (i / 4) * p + p / 2));
                int[] rgb = {c.getRed(), c.getGreen(), c.getBlue()};
                for (int ch = 0; ch < 3; ch++) {
                    assertThat(rgb[ch]).as("%s patch %s channel %d", names[i], c, ch).isBetween(ranges[i][ch][0], ranges[i][ch][1]);
                }
            }
        }

        @Test
        void iccProfiledJpegIsConvertedToSrgb() {
            byte[] jpeg = SampleImages.linearRgbJpeg(200, 100, 128);

            RenderResult result = render(jpeg, DeviceProfiles.parse("same:400x400"));
            BufferedImage image = decode(result.renditions().get(0));

            assertThat(result.header().iccProfile()).as("profile seen in the header").isTrue();
            // linear 128/255 = 0.502 light = sRGB 188; ignoring the profile would give 128
            assertColor(image, 100, 50, new Color(188, 188, 188), 6, "linear-light mid grey in sRGB");
        }

        @Test
        void grayJpegStaysGray() {
            BufferedImage gray = new BufferedImage(400, 300, BufferedImage.TYPE_BYTE_GRAY);
            var g = gray.createGraphics();
            g.drawImage(SampleImages.photo(400, 300, 9), 0, 0, null);
            g.dispose();

            RenderResult result = render(SampleImages.jpeg(gray, 90), DeviceProfiles.parse("small:200x200"));
            BufferedImage image = decode(result.renditions().get(0));

            assertThat(result.header().color()).isEqualTo(ImageHeader.ColorModelKind.GRAY);
            assertThat(image.getColorModel().getNumComponents()).as("single-channel output").isEqualTo(1);
            assertThat(image.getWidth()).isEqualTo(200);
        }
    }

    @Nested
    class Alpha {

        @Test
        void transparencyIsPreservedAsPng() {
            RenderResult result = render(sample("alpha.png"), DEFAULTS);

            for (Rendition r : result.renditions()) {
                assertThat(r.format()).as("%s keeps transparency", r.profile().name()).isEqualTo(OutputFormat.PNG);
                assertThat(r.contentType()).isEqualTo("image/png");
                assertThat(r.extension()).isEqualTo("png");
            }
            Rendition phone = result.rendition("phone").orElseThrow();
            BufferedImage image = decode(phone);
            assertThat(image.getColorModel().hasAlpha()).as("PNG has an alpha channel").isTrue();
            int w = image.getWidth();
            int h = image.getHeight();
            assertThat(image.getRGB(2, h - 3) >>> 24).as("transparent corner").isZero();
            Color centre = new Color(image.getRGB(w / 2, h / 2), true);
            assertThat(centre.getAlpha()).as("opaque disc").isEqualTo(255);
            assertThat(centre.getRed()).as("disc is red").isGreaterThan(180);
            Color band = new Color(image.getRGB(w / 2 - w / 4, h / 8), true);
            assertThat(band.getAlpha()).as("half-transparent band").isBetween(110, 146);
            assertThat(band.getBlue()).as("band colour survives premultiplication").isGreaterThan(180);
        }

        @Test
        void opaquePngWithAnAlphaChannelBecomesJpeg() {
            BufferedImage argb = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB);
            var g = argb.createGraphics();
            g.drawImage(SampleImages.photo(300, 200, 10), 0, 0, null);
            g.dispose();

            RenderResult result = render(SampleImages.encode(argb, "png"), DeviceProfiles.parse("small:100x100"));

            assertThat(result.header().hasAlpha()).as("the PNG declares alpha").isTrue();
            assertThat(result.renditions().get(0).format()).as("but no pixel uses it").isEqualTo(OutputFormat.JPEG);
        }
    }

    @Nested
    class Formats {

        static final DeviceProfiles SMALL = DeviceProfiles.parse("small:200x200");

        void rendersAt200x150(byte[] bytes, String what) {
            RenderResult result = render(bytes, SMALL);
            Rendition r = result.renditions().get(0);
            assertThat(r.width() + "x" + r.height()).as("%s rendered to fit 200x200", what).isEqualTo("200x150");
            BufferedImage image = decode(r);
            // the photo's sky is blue-ish at the top, the grass green at the bottom
            Color sky = new Color(image.getRGB(100, 10));
            Color grass = new Color(image.getRGB(100, 140));
            assertThat(sky.getBlue()).as("%s: blue sky", what).isGreaterThan(sky.getRed());
            assertThat(grass.getGreen()).as("%s: green grass", what).isGreaterThan(grass.getBlue());
        }

        @Test
        void progressiveJpeg() {
            byte[] jpeg = SampleImages.jpeg(SampleImages.photo(800, 600, 12), 85, true);
            assertThat(HeaderReader.read(ImageSource.of(jpeg)).encoding()).isEqualTo("progressive");
            rendersAt200x150(jpeg, "progressive JPEG");
        }

        @Test
        void palettePng() {
            byte[] png = SampleImages.palettePng(800, 600);
            assertThat(HeaderReader.read(ImageSource.of(png)).color()).isEqualTo(ImageHeader.ColorModelKind.INDEXED);
            rendersAt200x150(png, "palette PNG");
        }

        @Test
        void sixteenBitPng() {
            byte[] png = SampleImages.sixteenBitPng(800, 600);
            assertThat(HeaderReader.read(ImageSource.of(png)).bitsPerSample()).isEqualTo(16);
            rendersAt200x150(png, "16-bit PNG");
        }

        @Test
        void gifFirstFrame() {
            rendersAt200x150(SampleImages.gif(800, 600), "GIF");
        }

        @Test
        void bmp() {
            rendersAt200x150(SampleImages.bmp(800, 600), "BMP");
        }

        @Test
        void tiff() {
            rendersAt200x150(SampleImages.tiff(800, 600), "TIFF");
        }

        @Test
        void webp() {
            byte[] webp = SampleImages.encode(SampleImages.photo(800, 600, 13), "webp");
            assertThat(HeaderReader.read(ImageSource.of(webp)).format()).isEqualTo(dev.mediapipeline.model.MediaFormat.WEBP);
            rendersAt200x150(webp, "WebP");
        }

        @Test
        void mislabelledPngNamedJpgIsReadByContent() {
            // names never matter: the source is identified by its bytes
            rendersAt200x150(SampleImages.encode(SampleImages.photo(800, 600, 14), "png"), "PNG bytes");
        }
    }

    @Nested
    class Metadata {

        @Test
        void gpsAndExifNeverReachAnOutput() {
            byte[] source = sample("gps-tagged.jpg");
            assertThat(Jpegs.markersBeforeScan(source)).as("the sample carries EXIF (APP1)").contains(0xE1);
            assertThat(Jpegs.contains(source, "Exif".getBytes(StandardCharsets.US_ASCII))).isTrue();

            RenderResult result = render(source, DEFAULTS);

            for (Rendition r : result.renditions()) {
                List<Integer> markers = Jpegs.markersBeforeScan(r.bytes());
                assertThat(markers).as("%s: only JFIF, tables, frame and scan headers", r.profile().name())
                        .doesNotContain(0xE1, 0xE2, 0xED, 0xEE, 0xFE);
                assertThat(Jpegs.contains(r.bytes(), "Exif".getBytes(StandardCharsets.US_ASCII))).as("no Exif block").isFalse();
                assertThat(Jpegs.contains(r.bytes(), "MediaPipeline".getBytes(StandardCharsets.US_ASCII))).as("no camera make").isFalse();
                assertThat(markers).as("%s is progressive (SOF2)", r.profile().name()).contains(0xC2);
            }
        }

        @Test
        void sameInputGivesByteIdenticalOutputs() {
            byte[] source = sample("landscape.jpg");
            RenderResult first = render(source, DEFAULTS);
            RenderResult second = render(source, DEFAULTS);

            for (int i = 0; i < first.renditions().size(); i++) {
                assertThat(second.renditions().get(i).bytes()).as("rendition %d identical", i)
                        .isEqualTo(first.renditions().get(i).bytes());
            }
        }

        @Test
        void jpegQualityIsApplied() {
            byte[] source = sample("landscape.jpg");
            int low = new ThumbnailRenderer(RenderOptions.defaults().withJpegQuality(40)).render(ImageSource.of(source), DEFAULTS)
                    .rendition("desktop").orElseThrow().bytes().length;
            int high = new ThumbnailRenderer(RenderOptions.defaults().withJpegQuality(95)).render(ImageSource.of(source), DEFAULTS)
                    .rendition("desktop").orElseThrow().bytes().length;
            assertThat(low).as("quality 40 is smaller than quality 95").isLessThan(high / 2);
        }
    }

    @Nested
    class PixelBudget {

        /** Counts decode calls: proves a refusal happened before any decoding. */
        static final class SpyDecoder implements ImageDecoder {
            final AtomicInteger decodes = new AtomicInteger();
            final List<ImageDecoder> delegates = ThumbnailRenderer.defaultDecoders();

            @Override
            public String name() {
                return "spy";
            }

            @Override
            public boolean supports(ImageHeader header) {
                return true;
            }

            @Override
            public DecodedImage decode(ImageSource source, ImageHeader header, DecodeRequest request) throws IOException {
                decodes.incrementAndGet();
                for (ImageDecoder d : delegates) {
                    if (d.supports(header)) {
                        return d.decode(source, header, request);
                    }
                }
                throw new IllegalStateException("no decoder");
            }
        }

        @Test
        void gigapixelJpegHeaderIsRefusedWithoutDecoding() {
            SpyDecoder spy = new SpyDecoder();
            ThumbnailRenderer renderer = new ThumbnailRenderer(RenderOptions.defaults(), List.of(spy));
            byte[] bomb = SampleImages.jpegHeaderOnly(65535, 65535);
            assertThat(bomb.length).as("a few hundred bytes claiming 4.3 gigapixels").isLessThan(1000);

            long start = System.nanoTime();
            assertThatThrownBy(() -> renderer.render(ImageSource.of(bomb), DEFAULTS))
                    .as("refused by the budget")
                    .isInstanceOfSatisfying(PixelBudgetExceededException.class, e -> {
                        assertThat(e.width()).isEqualTo(65535);
                        assertThat(e.height()).isEqualTo(65535);
                        assertThat(e.budget()).isEqualTo(RenderOptions.DEFAULT_MAX_PIXELS);
                    })
                    .hasMessageContaining("65535 x 65535");
            assertThat(spy.decodes).as("no decoder was called").hasValue(0);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("and no pixel allocation was attempted (a decode would take far longer or fail out of memory)")
                    .isLessThan(Duration.ofSeconds(5));
        }

        @Test
        void gigapixelPngHeaderIsRefusedWithoutDecoding() {
            SpyDecoder spy = new SpyDecoder();
            ThumbnailRenderer renderer = new ThumbnailRenderer(RenderOptions.defaults(), List.of(spy));

            assertThatThrownBy(() -> renderer.render(ImageSource.of(SampleImages.pngHeaderOnly(65535, 65535)), DEFAULTS))
                    .isInstanceOf(PixelBudgetExceededException.class);
            assertThat(spy.decodes).hasValue(0);
        }

        @Test
        void budgetIsConfigurable() {
            SpyDecoder spy = new SpyDecoder();
            ThumbnailRenderer strict = new ThumbnailRenderer(RenderOptions.defaults().withMaxPixels(1_000_000), List.of(spy));

            assertThatThrownBy(() -> strict.render(ImageSource.of(sample("landscape.jpg")), DEFAULTS))
                    .as("2400x1600 = 3.84 MP over a 1 MP budget")
                    .isInstanceOf(PixelBudgetExceededException.class)
                    .hasMessageContaining("3840000");
            assertThat(spy.decodes).hasValue(0);

            strict.render(ImageSource.of(sample("tiny.jpg")), DEFAULTS);
            assertThat(spy.decodes).as("an image within budget is decoded once").hasValue(1);
        }

        @Test
        void emptyDimensionsAreCorrupt() {
            assertThatThrownBy(() -> render(SampleImages.jpegHeaderOnly(0, 0), DEFAULTS))
                    .isInstanceOf(CorruptImageException.class).hasMessageContaining("0");
            assertThatThrownBy(() -> render(SampleImages.pngHeaderOnly(0, 0), DEFAULTS))
                    .isInstanceOf(CorruptImageException.class).hasMessageContaining("empty image");
        }
    }

    @Nested
    class BadInput {

        @Test
        void corruptJpegThrowsCorrupt() {
            assertThatThrownBy(() -> render(sample("corrupt.jpg"), DEFAULTS))
                    .isInstanceOf(CorruptImageException.class)
                    .hasMessageContaining("JPEG");
        }

        @Test
        void truncatedJpegIsCorruptNotGrey() {
            assertThatThrownBy(() -> render(sample("truncated.jpg"), DEFAULTS))
                    .as("libjpeg only warns about a premature end; we refuse")
                    .isInstanceOf(CorruptImageException.class)
                    .hasMessageContaining("truncated");
        }

        @Test
        void truncatedProgressiveJpegIsCorrupt() {
            byte[] progressive = SampleImages.jpeg(SampleImages.photo(640, 480, 15), 85, true);
            assertThatThrownBy(() -> render(SampleImages.truncated(progressive, 0.6), DEFAULTS))
                    .isInstanceOf(CorruptImageException.class);
        }

        @Test
        void truncatedPngIsCorrupt() {
            byte[] png = SampleImages.encode(SampleImages.photo(640, 480, 16), "png");
            assertThatThrownBy(() -> render(SampleImages.truncated(png, 0.5), DEFAULTS))
                    .isInstanceOf(CorruptImageException.class);
        }

        @Test
        void headerWithoutImageDataIsCorrupt() {
            assertThatThrownBy(() -> render(SampleImages.jpegHeaderOnly(640, 480), DEFAULTS))
                    .isInstanceOf(CorruptImageException.class);
        }

        @Test
        void truncatedJpegHeaderIsCorrupt() {
            byte[] jpeg = sample("tiny.jpg");
            assertThatThrownBy(() -> render(SampleImages.truncated(jpeg, 0.02), DEFAULTS))
                    .isInstanceOf(CorruptImageException.class)
                    .hasMessageContaining("truncated");
        }

        @Test
        void textNamedJpgIsNotAnImage() {
            assertThatThrownBy(() -> render(sample("not-an-image.jpg"), DEFAULTS))
                    .isInstanceOf(UnsupportedImageException.class)
                    .hasMessageContaining("not an image");
        }

        @Test
        void emptyFileIsNotAnImage() {
            assertThatThrownBy(() -> render(sample("empty.jpg"), DEFAULTS))
                    .isInstanceOf(UnsupportedImageException.class)
                    .hasMessageContaining("empty");
        }

        @Test
        void heifHeaderWithoutItemsIsCorrupt() {
            byte[] heif = new byte[64];
            byte[] box = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'};
            System.arraycopy(box, 0, heif, 0, box.length);
            assertThatThrownBy(() -> render(heif, DEFAULTS))
                    .as("an ftyp box and nothing else")
                    .isInstanceOf(CorruptImageException.class)
                    .hasMessageContaining("no 'meta' box");
        }
    }

    @Nested
    class DecodedFrames {

        @Test
        void videoFrameRendersToEveryProfile() {
            BufferedImage frame = SampleImages.photo(1920, 1080, 17);

            RenderResult result = RENDERER.render(frame, DEFAULTS);

            assertThat(result.renditions()).extracting(r -> r.profile().name() + " " + r.width() + "x" + r.height())
                    .containsExactly("phone 640x360", "tablet 1280x720", "desktop 1920x1080", "square 256x256");
            assertThat(result.renditions()).allSatisfy(r -> assertThat(r.format()).isEqualTo(OutputFormat.JPEG));
        }

        @Test
        void largeFrameIsAreaReducedFirst() {
            BufferedImage frame = SampleImages.photo(3000, 2000, 18);

            RenderResult result = RENDERER.render(frame, DeviceProfiles.parse("thumb:300x300"));

            assertThat(result.decodeMethod()).as("10x reduction: a box step, then Lanczos").contains("area/5");
            assertThat(result.rendition("thumb").orElseThrow().width()).isEqualTo(300);
        }
    }

    @Nested
    class Quality {

        @Test
        void scalingIsAntiAliasedAndCloseToAReferenceLanczos() {
            BufferedImage photo = SampleImages.photo(2400, 1600, 19);
            byte[] jpeg = SampleImages.jpeg(photo, 95);
            BufferedImage full = decodeFull(jpeg);

            RenderResult result = new ThumbnailRenderer(RenderOptions.defaults().withJpegQuality(95))
                    .render(ImageSource.of(jpeg), DeviceProfiles.parse("desktop:1280x1280,phone:480x480"));

            List<String> report = new ArrayList<>();
            for (Rendition r : result.renditions()) {
                BufferedImage ours = decode(r);
                BufferedImage reference = Ssim.lanczosReference(full, r.width(), r.height());
                BufferedImage naive = bilinearOneStep(full, r.width(), r.height());
                double ssimOurs = Ssim.of(reference, ours);
                double ssimNaive = Ssim.of(reference, naive);
                report.add(String.format("%s ours %.4f naive %.4f", r.profile().name(), ssimOurs, ssimNaive));
                assertThat(ssimOurs).as("%s SSIM against the reference (%s)", r.profile().name(), report).isGreaterThan(0.97);
                assertThat(ssimOurs).as("%s clearly better than one bilinear step (%s)", r.profile().name(), report)
                        .isGreaterThan(ssimNaive + 0.01);
            }
        }

        private static BufferedImage decodeFull(byte[] jpeg) {
            try {
                return ImageIO.read(new ByteArrayInputStream(jpeg));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** What AWS's sample does: one Graphics2D bilinear draw. */
        private static BufferedImage bilinearOneStep(BufferedImage src, int w, int h) {
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            var g = out.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, w, h, null);
            g.dispose();
            return out;
        }
    }

    @Test
    void exifWriterProducesWhatTheHeaderReaderReads() {
        byte[] jpeg = ExifWriter.withGps(SampleImages.jpeg(SampleImages.markers(60, 40), 90), 7);
        ImageHeader header = HeaderReader.read(ImageSource.of(jpeg));
        assertThat(header.orientation()).isEqualTo(ExifOrientation.RIGHT_BOTTOM);
        assertThat(header.uprightWidth()).as("orientation 7 transposes").isEqualTo(40);
    }
}
