package dev.mediapipeline.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediapipeline.image.ImageHeader.ColorModelKind;
import dev.mediapipeline.image.samples.ExifWriter;
import dev.mediapipeline.image.samples.SampleImages;
import dev.mediapipeline.model.MediaFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Headers are read without decoding: size, orientation, alpha, colour model, for every input format. */
class HeaderReaderTest {

    static ImageHeader header(byte[] bytes) {
        return HeaderReader.read(ImageSource.of(bytes));
    }

    @Nested
    class Jpeg {

        @Test
        void baselineSizeAndColour() {
            ImageHeader h = header(SampleImages.photoJpeg(320, 200, 1, 80));
            assertThat(h.format()).isEqualTo(MediaFormat.JPEG);
            assertThat(h.width() + "x" + h.height()).as("size from SOF0").isEqualTo("320x200");
            assertThat(h.color()).isEqualTo(ColorModelKind.YCBCR);
            assertThat(h.encoding()).isEqualTo("baseline");
            assertThat(h.bitsPerSample()).isEqualTo(8);
            assertThat(h.orientation()).as("no EXIF: upright").isEqualTo(ExifOrientation.TOP_LEFT);
            assertThat(h.hasAlpha()).isFalse();
        }

        @Test
        void exifOrientationIsRead() {
            for (int o = 1; o <= 8; o++) {
                byte[] jpeg = ExifWriter.withOrientation(SampleImages.jpeg(SampleImages.markers(30, 20), 80), o);
                ImageHeader h = header(jpeg);
                assertThat(h.orientation().tag()).as("orientation %d", o).isEqualTo(o);
                assertThat(h.uprightWidth()).as("upright width for %d", o).isEqualTo(o >= 5 ? 20 : 30);
            }
        }

        @Test
        void cmykIsRecognised() {
            ImageHeader h = header(SampleImages.cmykJpeg());
            assertThat(h.color()).isEqualTo(ColorModelKind.CMYK);
            assertThat(h.width()).isEqualTo(SampleImages.CMYK_PATCH * 4);
        }

        @Test
        void iccProfileIsNoticed() {
            assertThat(header(SampleImages.linearRgbJpeg(16, 16, 100)).iccProfile()).isTrue();
        }

        @Test
        void aHugeDeclaredSizeIsReadNotAllocated() {
            ImageHeader h = header(SampleImages.jpegHeaderOnly(65535, 65535));
            assertThat(h.pixels()).isEqualTo(65535L * 65535L);
        }

        @Test
        void garbageAfterSoiIsCorrupt() {
            byte[] bad = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x12, 0x34, 0x56, 0x78};
            assertThatThrownBy(() -> header(bad)).isInstanceOf(CorruptImageException.class);
        }
    }

    @Nested
    class OtherFormats {

        @Test
        void pngWithAlpha() {
            ImageHeader h = header(SampleImages.encode(SampleImages.alpha(50, 40), "png"));
            assertThat(h.format()).isEqualTo(MediaFormat.PNG);
            assertThat(h.width() + "x" + h.height()).isEqualTo("50x40");
            assertThat(h.hasAlpha()).isTrue();
        }

        @Test
        void palettePng() {
            ImageHeader h = header(SampleImages.palettePng(30, 20));
            assertThat(h.color()).isEqualTo(ColorModelKind.INDEXED);
            assertThat(h.hasAlpha()).isFalse();
        }

        @Test
        void gifBmpTiffWebp() {
            assertThat(header(SampleImages.gif(40, 30))).extracting(ImageHeader::format, ImageHeader::width, ImageHeader::height)
                    .containsExactly(MediaFormat.GIF, 40, 30);
            assertThat(header(SampleImages.bmp(40, 30))).extracting(ImageHeader::format, ImageHeader::width, ImageHeader::height)
                    .containsExactly(MediaFormat.BMP, 40, 30);
            assertThat(header(SampleImages.tiff(40, 30))).extracting(ImageHeader::format, ImageHeader::width, ImageHeader::height)
                    .containsExactly(MediaFormat.TIFF, 40, 30);
            BufferedImage photo = SampleImages.photo(40, 30, 1);
            assertThat(header(SampleImages.encode(photo, "webp"))).extracting(ImageHeader::format, ImageHeader::width, ImageHeader::height)
                    .containsExactly(MediaFormat.WEBP, 40, 30);
        }

        @Test
        void fileSourceReadsLikeBytes(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("photo.bin");
            Files.write(file, SampleImages.photoJpeg(64, 48, 2, 80));
            assertThat(HeaderReader.read(ImageSource.of(file)).width()).isEqualTo(64);
        }
    }
}
