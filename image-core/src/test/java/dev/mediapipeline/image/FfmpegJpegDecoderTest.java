package dev.mediapipeline.image;

import static dev.mediapipeline.image.ThumbnailRendererTest.assertColor;
import static dev.mediapipeline.image.ThumbnailRendererTest.decode;
import static dev.mediapipeline.image.ThumbnailRendererTest.render;
import static dev.mediapipeline.image.ThumbnailRendererTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediapipeline.image.samples.SampleImages;
import dev.mediapipeline.image.samples.Ssim;
import dev.mediapipeline.model.DeviceProfiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The FFmpeg JPEG path: which JPEGs it takes, how much it reduces, and that its pictures match the JDK path's. */
class FfmpegJpegDecoderTest {

    static final ThumbnailRenderer JDK = new ThumbnailRenderer(RenderOptions.defaults(), ThumbnailRenderer.jdkDecoders());

    @Nested
    class WhichDecoder {

        @Test
        void plainBaselineJpegIsDecodedByFfmpeg() {
            assertThat(render(sample("landscape.jpg"), ThumbnailRendererTest.DEFAULTS).decodeMethod()).startsWith("ffmpeg-mjpeg");
        }

        @Test
        void progressiveJpegIsDecodedByFfmpeg() {
            byte[] progressive = SampleImages.jpeg(SampleImages.photo(800, 600, 3), 85, true);
            RenderResult result = render(progressive, DeviceProfiles.parse("small:200x200"));
            assertThat(result.decodeMethod()).startsWith("ffmpeg-mjpeg");
            assertThat(result.renditions().get(0).width() + "x" + result.renditions().get(0).height()).isEqualTo("200x150");
        }

        @Test
        void grayJpegIsDecodedByFfmpegAndKeepsItsLevels() {
            BufferedImage gray = new BufferedImage(400, 300, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 300; y++) {
                for (int x = 0; x < 400; x++) {
                    gray.getRaster().setSample(x, y, 0, x < 200 ? 90 : 200); // stored samples, as a gray JPEG holds them
                }
            }
            RenderResult result = render(SampleImages.jpeg(gray, 95), DeviceProfiles.parse("small:100x100"));

            assertThat(result.decodeMethod()).startsWith("ffmpeg-mjpeg");
            BufferedImage out = decode(result.renditions().get(0));
            assertThat(out.getColorModel().getNumComponents()).as("single-channel output").isEqualTo(1);
            assertThat(out.getRaster().getSample(20, 37, 0)).as("left half").isBetween(87, 93);
            assertThat(out.getRaster().getSample(80, 37, 0)).as("right half").isBetween(197, 203);
        }

        @Test
        void iccProfiledJpegIsDecodedByFfmpegAndConvertedToSrgbLikeTheJdkPath() {
            BufferedImage photo = SampleImages.photo(800, 600, 5);
            byte[] jpeg = SampleImages.withIccProfile(SampleImages.jpeg(photo, 92),
                    ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData());
            DeviceProfiles profiles = DeviceProfiles.parse("small:200x200");

            RenderResult ffmpeg = render(jpeg, profiles);
            RenderResult jdk = JDK.render(ImageSource.of(jpeg), profiles);

            assertThat(ffmpeg.decodeMethod()).as("FFmpeg, with the profile honoured").isEqualTo("ffmpeg-mjpeg dct/2 icc");
            assertThat(jdk.decodeMethod()).startsWith("jpeg-streaming");
            BufferedImage a = decode(ffmpeg.renditions().get(0));
            BufferedImage b = decode(jdk.renditions().get(0));
            long difference = 0;
            for (int y = 0; y < a.getHeight(); y++) {
                for (int x = 0; x < a.getWidth(); x++) {
                    Color p = new Color(a.getRGB(x, y));
                    Color q = new Color(b.getRGB(x, y));
                    difference += Math.abs(p.getRed() - q.getRed()) + Math.abs(p.getGreen() - q.getGreen())
                            + Math.abs(p.getBlue() - q.getBlue());
                }
            }
            double mean = difference / (3.0 * a.getWidth() * a.getHeight());
            assertThat(mean).as("mean colour difference to the JDK path's conversion").isLessThan(3.0);
            Color plain = new Color(decode(render(SampleImages.jpeg(photo, 92), profiles).renditions().get(0)).getRGB(100, 20));
            Color converted = new Color(a.getRGB(100, 20));
            assertThat(converted.getBlue()).as("linear-light sky is brighter in sRGB than its stored values")
                    .isGreaterThan(plain.getBlue() + 10);
        }

        @Test
        void srgbProfileNeedsNoConversion() {
            byte[] jpeg = SampleImages.withIccProfile(SampleImages.jpeg(SampleImages.photo(400, 300, 5), 90),
                    ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
            assertThat(render(jpeg, DeviceProfiles.parse("small:100x100")).decodeMethod()).isEqualTo("ffmpeg-mjpeg dct/2");
        }

        @Test
        void cmykJpegIsLeftToImageIo() {
            assertThat(render(sample("cmyk.jpg"), DeviceProfiles.parse("small:100x100")).decodeMethod()).startsWith("imageio");
        }

        @Test
        void damagedJpegIsRefusedSoTheJdkDecoderCanSayWhy() {
            byte[] truncated = sample("truncated.jpg");
            ImageHeader header = HeaderReader.read(ImageSource.of(truncated));
            assertThat(new FfmpegJpegDecoder().supports(header)).as("a plain JPEG by its header").isTrue();

            assertThatThrownBy(() -> new FfmpegJpegDecoder().decodeFrame(ImageSource.of(truncated), header, DecodeRequest.FULL_SIZE))
                    .as("FFmpeg is strict (AV_EF_EXPLODE) and hands it on")
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> render(truncated, ThumbnailRendererTest.DEFAULTS))
                    .as("the renderer reports the JDK decoder's precise reason")
                    .isInstanceOf(CorruptImageException.class);
        }

        @Test
        void fileSourcesAreReadStraightIntoNativeMemory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
            java.nio.file.Path file = dir.resolve("landscape.jpg");
            java.nio.file.Files.write(file, sample("landscape.jpg"));
            RenderResult fromFile = ThumbnailRendererTest.RENDERER.render(ImageSource.of(file), ThumbnailRendererTest.DEFAULTS);
            RenderResult fromBytes = render(sample("landscape.jpg"), ThumbnailRendererTest.DEFAULTS);

            assertThat(fromFile.decodeMethod()).startsWith("ffmpeg-mjpeg");
            for (int i = 0; i < fromFile.renditions().size(); i++) {
                assertThat(fromFile.renditions().get(i).bytes()).as("same bytes from a file as from memory")
                        .isEqualTo(fromBytes.renditions().get(i).bytes());
            }
        }
    }

    @Nested
    class Levels {

        @ParameterizedTest(name = "largest rendition {0}x smaller -> 1/{1}")
        @CsvSource({"1, 1", "2, 1", "3, 2", "11, 2", "12, 4", "47, 4", "48, 8", "200, 8"})
        void reducesOnlyWhereTheFinalFilterKeepsEnoughRoom(int maxReduction, int factor) {
            assertThat(1 << FfmpegJpegDecoder.lowres(new DecodeRequest(maxReduction, 1))).isEqualTo(factor);
        }

        @Test
        void twelveMegapixelsAreDecodedInFullForTheDesktopRenditionThenSteppedDown() {
            byte[] jpeg = SampleImages.photoJpeg(4000, 3000, 7, 85);
            RenderResult result = render(jpeg, ThumbnailRendererTest.DEFAULTS);

            assertThat(result.decodeMethod()).isEqualTo("ffmpeg-mjpeg full");
            assertThat(result.decodedWidth() + "x" + result.decodedHeight()).isEqualTo("4000x3000");
            assertThat(result.renditions()).extracting(r -> r.profile().name() + " " + r.width() + "x" + r.height())
                    .containsExactly("phone 640x480", "tablet 1280x960", "desktop 1920x1440", "square 256x256");
        }
    }

    @Nested
    class Pictures {

        @ParameterizedTest(name = "luma sampling {0}x{1}")
        @CsvSource({"2, 2", "2, 1", "1, 1", "1, 2"})
        void everyChromaSubsamplingGivesTheRightColours(int h, int v) throws IOException {
            byte[] jpeg = jpegWithLumaSampling(SampleImages.markers(1200, 800), h, v);
            RenderResult result = render(jpeg, DeviceProfiles.parse("big:300x300,thumb:64x64:crop"));

            assertThat(result.decodeMethod()).as("reduced in the DCT domain, every chroma layout").isEqualTo("ffmpeg-mjpeg dct/2");
            BufferedImage big = decode(result.renditions().get(0));
            assertThat(big.getWidth() + "x" + big.getHeight()).isEqualTo("300x200");
            assertColor(big, 30, 25, SampleImages.TOP_LEFT, 30, "top-left");
            assertColor(big, 270, 25, SampleImages.TOP_RIGHT, 30, "top-right");
            assertColor(big, 30, 175, SampleImages.BOTTOM_LEFT, 30, "bottom-left");
            assertColor(big, 270, 175, SampleImages.BOTTOM_RIGHT, 30, "bottom-right");
            assertColor(big, 150, 100, SampleImages.MARKER_BACKGROUND, 20, "centre");
        }

        @Test
        void cropAtAHalfPixelOffsetStaysCentred() throws IOException {
            // 1001x600, a one-pixel black line in the middle column: the centred 600x600 crop starts at x = 200.5
            BufferedImage card = new BufferedImage(1001, 600, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = card.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 1001, 600);
            g.setColor(Color.BLACK);
            g.fillRect(500, 0, 1, 600);
            g.dispose();
            RenderResult result = render(SampleImages.jpeg(card, 95), DeviceProfiles.parse("square:300x300:crop"));

            assertThat(result.decodeMethod()).startsWith("ffmpeg-mjpeg");
            BufferedImage out = decode(result.renditions().get(0));
            int darkest = 0;
            int darkestValue = Integer.MAX_VALUE;
            for (int x = 0; x < out.getWidth(); x++) {
                int v = new Color(out.getRGB(x, 150)).getGreen();
                if (v < darkestValue) {
                    darkestValue = v;
                    darkest = x;
                }
            }
            assertThat(darkest).as("the line stays in the middle of the crop (at 150 ± 1)").isBetween(149, 151);
        }

        @Test
        void ffmpegRenditionsAreAsCloseToAReferenceAsTheJdkPathsAtEveryProfile() throws IOException {
            byte[] jpeg = SampleImages.photoJpeg(2400, 1800, 23, 92);
            BufferedImage full = ImageIO.read(new ByteArrayInputStream(jpeg));
            DeviceProfiles profiles = DeviceProfiles.parse("desktop:1920x3840,tablet:1280x2560,phone:640x1280,square:256x256:crop");
            RenderResult ffmpeg = render(jpeg, profiles);
            RenderResult jdk = JDK.render(ImageSource.of(jpeg), profiles);

            assertThat(ffmpeg.decodeMethod()).startsWith("ffmpeg-mjpeg");
            assertThat(jdk.decodeMethod()).startsWith("jpeg-streaming");
            List<String> report = new ArrayList<>();
            for (int i = 0; i < ffmpeg.renditions().size(); i++) {
                Rendition a = ffmpeg.renditions().get(i);
                Rendition b = jdk.renditions().get(i);
                assertThat(a.width() + "x" + a.height()).isEqualTo(b.width() + "x" + b.height());
                BufferedImage region = a.profile().fit() == dev.mediapipeline.model.DeviceProfile.Fit.CROP
                        ? full.getSubimage((2400 - 1800) / 2, 0, 1800, 1800) : full;
                BufferedImage reference = Ssim.lanczosReference(region, a.width(), a.height());
                double ssimFfmpeg = Ssim.of(reference, decode(a));
                double ssimJdk = Ssim.of(reference, decode(b));
                report.add(String.format("%s ffmpeg %.4f jdk %.4f", a.profile().name(), ssimFfmpeg, ssimJdk));
                assertThat(ssimFfmpeg).as("%s (%s)", a.profile().name(), report).isGreaterThan(ssimJdk - 0.005);
            }
        }
    }

    /** A baseline JPEG whose luma component has the given sampling factors (chroma 1x1): 2x2 is 4:2:0, 1x1 is 4:4:4. */
    static byte[] jpegWithLumaSampling(BufferedImage image, int h, int v) throws IOException {
        ImageWriter writer = null;
        for (var it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.")) {
                writer = w;
            }
        }
        assertThat(writer).as("the JDK's JPEG writer").isNotNull();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            String format = "javax_imageio_jpeg_image_1.0";
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
            IIOMetadataNode luma = (IIOMetadataNode) root.getElementsByTagName("componentSpec").item(0);
            luma.setAttribute("HsamplingFactor", Integer.toString(h));
            luma.setAttribute("VsamplingFactor", Integer.toString(v));
            metadata.setFromTree(format, root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (var out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            byte[] jpeg = bytes.toByteArray();
            assertThat(sofSampling(jpeg)).as("the luma sampling written").isEqualTo(h << 4 | v);
            return jpeg;
        } finally {
            writer.dispose();
        }
    }

    /** The first component's sampling byte in the SOF0 segment. */
    private static int sofSampling(byte[] jpeg) {
        for (int i = 2; i + 11 < jpeg.length; ) {
            int marker = jpeg[i + 1] & 0xFF;
            int length = (jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF);
            if (marker == 0xC0) {
                return jpeg[i + 11] & 0xFF;
            }
            i += 2 + length;
        }
        throw new AssertionError("no SOF0 in " + Arrays.toString(Arrays.copyOf(jpeg, 32)));
    }
}
