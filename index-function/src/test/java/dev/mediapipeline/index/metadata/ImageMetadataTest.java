package dev.mediapipeline.index.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import dev.mediapipeline.aws.S3ObjectStore;
import dev.mediapipeline.index.state.AssetState.Analysis;
import dev.mediapipeline.index.state.AssetState.Outcome;
import dev.mediapipeline.model.DeviceProfiles;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.WriteOptions;
import dev.mediapipeline.testing.EmbeddedS3;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Image header fields, read from a real S3 API (S3Proxy) with ranged GETs, against what independent readers report:
 * ImageIO decoding the whole file for dimensions and colour model, TwelveMonkeys' TIFF reader for EXIF, and the
 * values the test wrote.
 */
class ImageMetadataTest {

    static final String BUCKET = "uploads";
    static EmbeddedS3 server;
    static S3Client client;
    static S3ObjectStore store;

    @BeforeAll
    static void start() {
        server = EmbeddedS3.start();
        server.createBucket(BUCKET);
        client = server.client();
        store = new S3ObjectStore(client);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static RangedObjectReader upload(String key, byte[] bytes) {
        store.put(BUCKET, key, bytes, WriteOptions.of("application/octet-stream"));
        return new RangedObjectReader(store, BUCKET, key, bytes.length, RangedObjectReader.DEFAULT_BLOCK_SIZE, 32L << 20);
    }

    static Analysis analyze(String key, byte[] bytes, boolean gps) {
        return new MediaAnalyzer(store, DeviceProfiles.defaults(), gps, 32L << 20, "IndexFunction").analyze(upload(key, bytes));
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("rgb.jpg", TestImages.jpeg(TestImages.picture(800, 600, BufferedImage.TYPE_INT_RGB), 0.85f), MediaFormat.JPEG),
                Arguments.of("gray.jpg", TestImages.jpeg(TestImages.picture(301, 199, BufferedImage.TYPE_BYTE_GRAY), 0.85f), MediaFormat.JPEG),
                Arguments.of("alpha.png", TestImages.encode(TestImages.picture(320, 240, BufferedImage.TYPE_INT_ARGB), "png"), MediaFormat.PNG),
                Arguments.of("gray.png", TestImages.encode(TestImages.picture(33, 17, BufferedImage.TYPE_BYTE_GRAY), "png"), MediaFormat.PNG),
                Arguments.of("anim.gif", TestImages.encode(TestImages.picture(200, 100, BufferedImage.TYPE_INT_RGB), "gif"), MediaFormat.GIF),
                Arguments.of("old.bmp", TestImages.encode(TestImages.picture(64, 48, BufferedImage.TYPE_INT_RGB), "bmp"), MediaFormat.BMP),
                Arguments.of("scan.tiff", TestImages.encode(TestImages.picture(100, 80, BufferedImage.TYPE_INT_RGB), "tiff"), MediaFormat.TIFF),
                Arguments.of("web.webp", TestImages.encode(TestImages.picture(120, 90, BufferedImage.TYPE_INT_RGB), "webp"), MediaFormat.WEBP));
    }

    @Nested
    class AgainstImageIo {
        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.mediapipeline.index.metadata.ImageMetadataTest#samples")
        void dimensionsAndColourModelEqualWhatAFullDecodeReports(String name, byte[] bytes, MediaFormat format) throws IOException {
            Analysis a = analyze("samples/" + name, bytes, false);
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));

            assertThat(a.outcome()).as(name).isEqualTo(Outcome.PROCESSING);
            assertThat(a.format()).isEqualTo(format);
            assertThat(a.contentType()).isEqualTo(format.mimeType());
            assertThat(a.metadata()).as(name)
                    .containsEntry("width", (long) decoded.getWidth())
                    .containsEntry("height", (long) decoded.getHeight())
                    .containsEntry("displayWidth", (long) decoded.getWidth())
                    .containsEntry("displayHeight", (long) decoded.getHeight())
                    .containsEntry("colorSpace", ImageHeaderReader.colorSpaceName(decoded.getColorModel().getColorSpace()))
                    .containsEntry("hasAlpha", decoded.getColorModel().hasAlpha());
            assertThat(a.metadata()).as("%s carries no EXIF: nothing invented", name)
                    .doesNotContainKeys("cameraMake", "cameraModel", "dateTaken", "gps", "iccProfile");
            if (format == MediaFormat.TIFF) {
                // a TIFF's own first IFD is its EXIF: the writer recorded an orientation there
                try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
                    Entry orientation = new TIFFReader().read(in).getEntryById(0x0112);
                    assertThat(a.metadata().get("orientation")).isEqualTo(orientation == null ? null : ((Number) orientation.getValue()).longValue());
                }
            } else {
                assertThat(a.metadata()).doesNotContainKey("orientation");
            }
            assertThat(a.expected()).containsExactly("thumbnails/desktop", "thumbnails/phone", "thumbnails/square", "thumbnails/tablet");
        }
    }

    @Nested
    class Exif {
        final byte[] photo = TestImages.withSegments(
                TestImages.jpeg(TestImages.picture(640, 480, BufferedImage.TYPE_INT_RGB), 0.8f),
                TestImages.exifSegment(TestImages.Exif.camera()),
                TestImages.iccSegment(TestImages.srgb()));

        @Test
        void cameraFieldsEqualWhatTwelveMonkeysReadsAndWhatWasWritten() throws IOException {
            Analysis a = analyze("exif/camera.jpg", photo, false);
            Directory ifd0 = twelveMonkeysExif(photo);

            assertThat(a.metadata())
                    .containsEntry("cameraMake", value(ifd0, 0x010F)).containsEntry("cameraMake", "Acme Optics")
                    .containsEntry("cameraModel", value(ifd0, 0x0110)).containsEntry("cameraModel", "Model X-100")
                    .containsEntry("orientation", ((Number) ifd0.getEntryById(0x0112).getValue()).longValue())
                    .containsEntry("dateTaken", "2024-05-01T14:30:05+02:00")
                    .containsEntry("iccProfile", "sRGB built-in")
                    .containsEntry("width", 640L).containsEntry("height", 480L)
                    .as("orientation 6 turns the picture: displayed 480 wide")
                    .containsEntry("displayWidth", 480L).containsEntry("displayHeight", 640L);
            Directory exif = subDirectory(ifd0, 0x8769);
            assertThat(value(exif, 0x9003)).isEqualTo("2024:05:01 14:30:05");
            assertThat(a.metadata()).as("GPS only when enabled").doesNotContainKey("gps");
        }

        @Test
        void gpsOnlyWhenOptedIn() throws IOException {
            Analysis a = analyze("exif/gps.jpg", photo, true);
            Directory gps = subDirectory(twelveMonkeysExif(photo), 0x8825);
            assertThat(value(gps, 1)).isEqualTo("N");
            @SuppressWarnings("unchecked")
            Map<String, Object> position = (Map<String, Object>) a.metadata().get("gps");
            // 48°51'29.52" N, 2°17'40.2" E, 35.5 m
            assertThat(position).containsEntry("latitude", new BigDecimal("48.8582")).containsEntry("longitude", new BigDecimal("2.2945"))
                    .containsEntry("altitude", new BigDecimal("35.5"));
        }

        @Test
        void aDateWithoutOffsetAndNoOrientationAreReportedAsTheyAre() {
            byte[] jpeg = TestImages.withSegments(TestImages.jpeg(TestImages.picture(50, 40, BufferedImage.TYPE_INT_RGB), 0.8f),
                    TestImages.exifSegment(new TestImages.Exif("Maker", null, null, "2023:12:31 23:59:59", null, null, null, null, null, null, false)));
            Analysis a = analyze("exif/plain.jpg", jpeg, true);
            assertThat(a.metadata()).containsEntry("cameraMake", "Maker").containsEntry("dateTaken", "2023-12-31T23:59:59")
                    .doesNotContainKeys("cameraModel", "orientation", "gps");
        }

        @Test
        void malformedExifIsIgnoredNotFatal() {
            byte[] broken = TestImages.segment(0xE1, "Exif\0\0MM\0*\u007f\u007f\u007f\u007f".getBytes(StandardCharsets.ISO_8859_1));
            byte[] jpeg = TestImages.withSegments(TestImages.jpeg(TestImages.picture(50, 40, BufferedImage.TYPE_INT_RGB), 0.8f), broken);
            Analysis a = analyze("exif/broken.jpg", jpeg, true);
            assertThat(a.outcome()).isEqualTo(Outcome.PROCESSING);
            assertThat(a.metadata()).containsEntry("width", 50L).doesNotContainKeys("cameraMake", "dateTaken");
        }
    }

    @Nested
    class RangeReads {
        @Test
        void onlyTheHeaderOfALargePhotoIsFetched() {
            byte[] big = TestImages.withSegments(TestImages.jpeg(TestImages.noise(3000, 2000, 1), 0.95f),
                    TestImages.exifSegment(TestImages.Exif.camera()));
            RangedObjectReader reader = upload("big/noise.jpg", big);
            Analysis a = new MediaAnalyzer(store, DeviceProfiles.defaults(), false, 32L << 20, "IndexFunction").analyze(reader);
            assertThat(a.metadata()).containsEntry("width", 3000L).containsEntry("cameraModel", "Model X-100");
            assertThat(big.length).as("a file worth not downloading").isGreaterThan(3_000_000);
            assertThat(reader.bytesFetched()).as("bytes fetched for the header").isLessThanOrEqualTo(2L * RangedObjectReader.DEFAULT_BLOCK_SIZE);
        }

        @Test
        void aHeaderBeyondTheBudgetFailsWithAReason() {
            // a JPEG whose first segments are 3 x 64 KB of padding (APP15): with a 128 KB budget the size is out of reach
            byte[] pad = new byte[65_000];
            byte[] jpeg = TestImages.withSegments(TestImages.jpeg(TestImages.picture(50, 40, BufferedImage.TYPE_INT_RGB), 0.8f),
                    TestImages.segment(0xEF, pad), TestImages.segment(0xEF, pad), TestImages.segment(0xEF, pad));
            RangedObjectReader reader = new RangedObjectReader(store, BUCKET, "budget.jpg", jpeg.length, RangedObjectReader.DEFAULT_BLOCK_SIZE, 128 * 1024);
            store.put(BUCKET, "budget.jpg", jpeg, WriteOptions.of("image/jpeg"));
            Analysis a = new MediaAnalyzer(store, DeviceProfiles.defaults(), false, 128 * 1024, "IndexFunction").analyze(reader);
            assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.reason()).contains("no complete header within the first");
            assertThat(reader.bytesFetched()).isLessThanOrEqualTo(128 * 1024);
        }
    }

    @Nested
    class BadInput {
        @Test
        void aCorruptJpegFailsWithTheReason() {
            byte[] garbage = new byte[2000];
            Arrays.fill(garbage, (byte) 0x5A);
            garbage[0] = (byte) 0xFF;
            garbage[1] = (byte) 0xD8;
            garbage[2] = (byte) 0xFF;
            Analysis a = analyze("bad/corrupt.jpg", garbage, false);
            assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.format()).isEqualTo(MediaFormat.JPEG);
            assertThat(a.reason()).startsWith("unreadable jpeg header");
            assertThat(a.analyzedBy()).isEqualTo("IndexFunction");
            assertThat(a.expected()).isEmpty();
        }

        @Test
        void aTruncatedPngFails() {
            byte[] png = TestImages.encode(TestImages.picture(30, 20, BufferedImage.TYPE_INT_RGB), "png");
            Analysis a = analyze("bad/truncated.png", Arrays.copyOf(png, 20), false);
            assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.reason()).startsWith("unreadable png header");
        }

        @Test
        void anEmptyFileFails() {
            Analysis a = analyze("bad/empty.jpg", new byte[0], false);
            assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.reason()).isEqualTo("the file is empty (0 bytes)");
        }

        @Test
        void textIsUnsupportedWhateverItsName() {
            Analysis a = analyze("bad/notes.jpg", "shopping list\n- milk\n".getBytes(StandardCharsets.UTF_8), false);
            assertThat(a.outcome()).isEqualTo(Outcome.UNSUPPORTED);
            assertThat(a.reason()).startsWith("not an image or video");
            assertThat(a.format()).isEqualTo(MediaFormat.UNKNOWN);
        }

        @Test
        void heifHeaderWithoutItemsFails() {
            byte[] heic = new byte[64];
            byte[] box = "\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(box, 0, heic, 0, box.length);
            Analysis a = analyze("bad/phone.heic", heic, false);
            assertThat(a.outcome()).as("outcome").isEqualTo(Outcome.FAILED);
            assertThat(a.reason()).as("reason").contains("no 'meta' box");
        }
    }

    static Directory twelveMonkeysExif(byte[] jpeg) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            assertThat(segments).hasSize(1);
            byte[] data = segments.get(0).data().readAllBytes();
            int start = 0;
            while (start < 8 && !(data[start] == 'M' && data[start + 1] == 'M') && !(data[start] == 'I' && data[start + 1] == 'I')) {
                start++; // past the "Exif" identifier and its padding, however much of it the segment data includes
            }
            try (ImageInputStream tiff = ImageIO.createImageInputStream(new ByteArrayInputStream(data, start, data.length - start))) {
                return new TIFFReader().read(tiff);
            }
        }
    }

    static Directory subDirectory(Directory parent, int pointerTag) {
        Entry e = parent.getEntryById(pointerTag);
        assertThat(e).as("pointer %x", pointerTag).isNotNull();
        Object v = e.getValue();
        assertThat(v).isInstanceOf(Directory.class);
        return (Directory) v;
    }

    static Object value(Directory d, int tag) {
        Entry e = d.getEntryById(tag);
        return e == null ? null : e.getValueAsString();
    }
}
