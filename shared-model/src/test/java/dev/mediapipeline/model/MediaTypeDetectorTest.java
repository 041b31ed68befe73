package dev.mediapipeline.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeDetectorTest {

    @Nested
    class RealImagesWrittenByTheJdk {
        @ParameterizedTest
        @ValueSource(strings = {"jpeg", "png", "gif", "bmp", "tiff"})
        void areRecognisedByContent(String format) throws Exception {
            BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(ImageIO.write(image, format, out)).as("JDK writer for %s", format).isTrue();

            MediaFormat detected = MediaTypeDetector.detect(out.toByteArray());

            assertThat(detected.name().toLowerCase()).as("detected format").isEqualTo(format);
            assertThat(detected.kind()).isEqualTo(MediaKind.IMAGE);
        }
    }

    @Nested
    class Containers {
        @Test
        void mp4AndQuickTimeByFtypBrand() {
            assertThat(MediaTypeDetector.detect(ftyp("isom"))).isEqualTo(MediaFormat.MP4);
            assertThat(MediaTypeDetector.detect(ftyp("mp42"))).isEqualTo(MediaFormat.MP4);
            assertThat(MediaTypeDetector.detect(ftyp("qt  "))).isEqualTo(MediaFormat.QUICKTIME);
            assertThat(MediaTypeDetector.detect(ftyp("heic"))).as("HEIC is an image, not a video").isEqualTo(MediaFormat.HEIF);
            assertThat(MediaTypeDetector.detect(ftyp("avif"))).isEqualTo(MediaFormat.AVIF);
            assertThat(MediaTypeDetector.detect(ftyp("M4A "))).isEqualTo(MediaFormat.M4A);
        }

        @Test
        void riffSubtypes() {
            assertThat(MediaTypeDetector.detect(riff("WEBP"))).isEqualTo(MediaFormat.WEBP);
            assertThat(MediaTypeDetector.detect(riff("AVI "))).isEqualTo(MediaFormat.AVI);
            assertThat(MediaTypeDetector.detect(riff("WAVE"))).isEqualTo(MediaFormat.WAV);
        }

        @Test
        void matroskaAndWebm() {
            byte[] webm = new byte[64];
            webm[0] = 0x1A; webm[1] = 0x45; webm[2] = (byte) 0xDF; webm[3] = (byte) 0xA3;
            System.arraycopy("webm".getBytes(StandardCharsets.US_ASCII), 0, webm, 24, 4);
            assertThat(MediaTypeDetector.detect(webm)).isEqualTo(MediaFormat.WEBM);
            webm[24] = 'x';
            assertThat(MediaTypeDetector.detect(webm)).isEqualTo(MediaFormat.MATROSKA);
        }

        @Test
        void mpegTransportStreamNeedsThreeSyncBytes() {
            byte[] ts = new byte[600];
            ts[0] = 0x47; ts[188] = 0x47; ts[376] = 0x47;
            assertThat(MediaTypeDetector.detect(ts)).isEqualTo(MediaFormat.MPEG_TS);
            ts[376] = 0;
            assertThat(MediaTypeDetector.detect(ts)).isEqualTo(MediaFormat.UNKNOWN);
        }
    }

    @Nested
    class BadInput {
        @Test
        void emptyIsEmpty() {
            assertThat(MediaTypeDetector.detect(new byte[0])).isEqualTo(MediaFormat.EMPTY);
        }

        @Test
        void textNamedJpgIsNotAnImage() {
            MediaFormat f = MediaTypeDetector.detect("this is not a photo\n".getBytes(StandardCharsets.UTF_8));
            assertThat(f).isEqualTo(MediaFormat.UNKNOWN);
            assertThat(f.kind()).isEqualTo(MediaKind.OTHER);
            assertThat(f.processable()).isFalse();
        }

        @Test
        void truncatedSignaturesAreNotRecognised() {
            assertThat(MediaTypeDetector.detect(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEqualTo(MediaFormat.UNKNOWN);
            assertThat(MediaTypeDetector.detect("BM".getBytes(StandardCharsets.US_ASCII))).isEqualTo(MediaFormat.UNKNOWN);
            assertThat(MediaTypeDetector.detect("RIFF".getBytes(StandardCharsets.US_ASCII))).isEqualTo(MediaFormat.UNKNOWN);
        }

        @Test
        void textStartingWithBmIsNotABitmap() {
            assertThat(MediaTypeDetector.detect("BMW owners club newsletter, issue 4".getBytes(StandardCharsets.US_ASCII)))
                    .isEqualTo(MediaFormat.UNKNOWN);
        }

        @Test
        void lengthArgumentLimitsTheBytesLookedAt() {
            byte[] jpegThenGarbage = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00};
            assertThat(MediaTypeDetector.detect(jpegThenGarbage, 2)).isEqualTo(MediaFormat.UNKNOWN);
        }
    }

    private static byte[] ftyp(String brand) {
        byte[] b = new byte[32];
        b[3] = 24;
        System.arraycopy("ftyp".getBytes(StandardCharsets.US_ASCII), 0, b, 4, 4);
        System.arraycopy(brand.getBytes(StandardCharsets.US_ASCII), 0, b, 8, 4);
        return b;
    }

    private static byte[] riff(String type) {
        byte[] b = new byte[16];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, b, 8, 4);
        return b;
    }
}
