package dev.mediapipeline.thumbnail;

import static dev.mediapipeline.thumbnail.Fixtures.ODD_KEY;
import static dev.mediapipeline.thumbnail.Fixtures.OTHER_BUCKET;
import static dev.mediapipeline.thumbnail.Fixtures.RENDITIONS;
import static dev.mediapipeline.thumbnail.Fixtures.UPLOADS;
import static dev.mediapipeline.thumbnail.Fixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.aws.S3ObjectStore;
import dev.mediapipeline.image.CorruptImageException;
import dev.mediapipeline.image.PixelBudgetExceededException;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.DeviceProfiles;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.ObjectInfo;
import dev.mediapipeline.model.WriteOptions;
import dev.mediapipeline.testing.EmbeddedS3;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The handler driven by the events/ fixtures, against a real S3 API (S3Proxy over HTTP on loopback): upload the
 * object the fixture names, invoke through {@code handleRequest} exactly as Lambda does, inspect the renditions
 * bucket.
 */
class ThumbnailHandlerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static EmbeddedS3 server;
    static S3Client s3;
    static S3ObjectStore store;
    static ThumbnailConfig config;
    static ThumbnailHandler handler;

    @BeforeAll
    static void start() {
        server = EmbeddedS3.start();
        server.createBucket(UPLOADS);
        server.createBucket(RENDITIONS);
        server.createBucket(OTHER_BUCKET);
        s3 = server.client();
        store = new S3ObjectStore(s3);
        config = new ThumbnailConfig(UPLOADS, RENDITIONS, DeviceProfiles.defaults(), 82, 100_000_000L,
                ThumbnailConfig.DEFAULT_MAX_SOURCE_BYTES);
        handler = new ThumbnailHandler(config, store);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @BeforeEach
    void emptyBuckets() {
        for (String bucket : List.of(UPLOADS, RENDITIONS, OTHER_BUCKET)) {
            store.list(bucket, "").forEach(o -> store.delete(bucket, o.key()));
        }
    }

    static void upload(String bucket, String key, byte[] content) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("image/jpeg"), RequestBody.fromBytes(content));
    }

    static JsonNode invoke(String fixture) {
        try (InputStream in = Files.newInputStream(Fixtures.event(fixture))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(in, out, new TestContext());
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ObjectInfo> renditions() {
        return store.list(RENDITIONS, "");
    }

    static List<String> renditionKeys() {
        return renditions().stream().map(ObjectInfo::key).toList();
    }

    static String thumb(String key, String profile, String ext) {
        return KeyLayout.thumbnailKey(AssetId.of(UPLOADS, key), profile, ext);
    }

    static BufferedImage image(String key) {
        try (InputStream in = s3.getObject(b -> b.bucket(RENDITIONS).key(key))) {
            return ImageIO.read(new ByteArrayInputStream(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HeadObjectResponse head(String key) {
        return s3.headObject(b -> b.bucket(RENDITIONS).key(key));
    }

    @Nested
    class PhotoUpload {

        @Test
        void everyProfileIsWrittenWithSizeTypeCacheAndLinkToTheSource() {
            upload(UPLOADS, "photos/landscape.jpg", sample("landscape.jpg"));
            String sourceETag = ObjectInfo.unquote(s3.headObject(b -> b.bucket(UPLOADS).key("photos/landscape.jpg")).eTag());

            JsonNode summary = invoke("s3-put-photo.json");

            assertThat(summary.get("rendered").asInt()).as("summary: %s", summary).isEqualTo(1);
            Map<String, String> expected = Map.of("phone", "640x427", "tablet", "1280x853", "desktop", "1920x1280", "square", "256x256");
            assertThat(renditionKeys()).as("exactly the four thumbnails")
                    .containsExactlyInAnyOrderElementsOf(expected.keySet().stream().map(p -> thumb("photos/landscape.jpg", p, "jpg")).toList());
            expected.forEach((profile, size) -> {
                String key = thumb("photos/landscape.jpg", profile, "jpg");
                BufferedImage img = image(key);
                assertThat(img.getWidth() + "x" + img.getHeight()).as("%s size", profile).isEqualTo(size);
                HeadObjectResponse h = head(key);
                assertThat(h.contentType()).as("%s Content-Type", profile).isEqualTo("image/jpeg");
                assertThat(h.cacheControl()).as("%s Cache-Control", profile).isEqualTo(WriteOptions.IMMUTABLE_CACHE);
                assertThat(h.metadata()).as("%s metadata", profile)
                        .containsEntry("source-bucket", UPLOADS)
                        .containsEntry("source-key", "photos/landscape.jpg")
                        .containsEntry("source-etag", sourceETag)
                        .containsEntry("profile", profile)
                        .containsEntry("profile-set", "phone,tablet,desktop,square")
                        .containsEntry("width", size.split("x")[0])
                        .containsEntry("height", size.split("x")[1]);
            });
            assertThat(summary.get("thumbnails")).as("summary lists the keys").hasSize(4);
        }

        @Test
        void phoneHeicGridGetsUprightThumbnails() {
            // a 2x2 grid of HEVC tiles cut to 1000x900 and turned by irot (900x1000 upright), plus thumbnail and depth items
            upload(UPLOADS, "photos/landscape.jpg", sample("heif/phone-grid.heic"));

            JsonNode summary = invoke("s3-put-photo.json");

            assertThat(summary.get("rendered").asInt()).as("summary: %s", summary).isEqualTo(1);
            Map<String, String> expected = Map.of("phone", "640x711", "tablet", "900x1000", "desktop", "900x1000", "square", "256x256");
            expected.forEach((profile, size) -> {
                BufferedImage img = image(thumb("photos/landscape.jpg", profile, "jpg"));
                assertThat(img.getWidth() + "x" + img.getHeight()).as("%s size: portrait, from the primary grid", profile)
                        .isEqualTo(size);
            });
            BufferedImage tablet = image(thumb("photos/landscape.jpg", "tablet", "jpg"));
            java.awt.Color topRight = new java.awt.Color(tablet.getRGB(644, 256));
            assertThat(topRight.getRed()).as("the stored top-left (red) quadrant is top-right once upright: %s", topRight)
                    .isGreaterThan(200);
            assertThat(topRight.getBlue()).as("red, not blue: %s", topRight).isLessThan(80);
        }

        @Test
        void avifWithAlphaGetsPngThumbnails() {
            upload(UPLOADS, "photos/landscape.jpg", sample("heif/alpha.avif"));

            invoke("s3-put-photo.json");

            assertThat(renditionKeys()).as("PNG thumbnails for a source with transparency")
                    .contains(thumb("photos/landscape.jpg", "phone", "png"));
            assertThat(head(thumb("photos/landscape.jpg", "phone", "png")).contentType()).as("type").isEqualTo("image/png");
        }

        @Test
        void snsWrappedEventWorksTheSame() {
            upload(UPLOADS, "photos/landscape.jpg", sample("landscape.jpg"));

            invoke("sns-s3-put-photo.json");

            assertThat(renditionKeys()).hasSize(4).contains(thumb("photos/landscape.jpg", "square", "jpg"));
        }

        @Test
        void everyRecordOfAnEventIsProcessed() {
            upload(UPLOADS, "photos/landscape.jpg", sample("landscape.jpg"));
            upload(UPLOADS, "photos/portrait.jpg", sample("portrait.jpg"));

            JsonNode summary = invoke("s3-put-two-photos.json");

            assertThat(summary.get("rendered").asInt()).isEqualTo(2);
            assertThat(renditionKeys()).hasSize(8).contains(thumb("photos/portrait.jpg", "phone", "jpg"));
            BufferedImage phone = image(thumb("photos/portrait.jpg", "phone", "jpg"));
            assertThat(phone.getWidth() + "x" + phone.getHeight()).isEqualTo("640x853");
        }

        @Test
        void aMislabelledWebpIsReadByContent() {
            upload(UPLOADS, "photos/landscape.jpg", sample("photo.webp"));

            invoke("s3-put-photo.json");

            assertThat(image(thumb("photos/landscape.jpg", "phone", "jpg")).getWidth()).isEqualTo(640);
        }
    }

    @Nested
    class OddKey {

        @Test
        void spacesPlusPercentAndUnicodeSurviveTheRoundTrip() {
            upload(UPLOADS, ODD_KEY, sample("portrait.jpg"));

            invoke("s3-put-odd-key.json");

            String phone = thumb(ODD_KEY, "phone", "jpg");
            assertThat(renditionKeys()).as("renditions under the decoded key's asset id").hasSize(4).contains(phone);
            String stored = head(phone).metadata().get("source-key");
            assertThat(stored).as("header-safe").matches("\\p{ASCII}+");
            assertThat(URLDecoder.decode(stored.replace("+", "%2B"), StandardCharsets.UTF_8)).as("decodes back to the key").isEqualTo(ODD_KEY);
        }
    }

    @Nested
    class Repeats {

        @Test
        void aDuplicateEventLeavesExactlyTheSameObjects() {
            upload(UPLOADS, "photos/landscape.jpg", sample("landscape.jpg"));
            invoke("s3-put-photo.json");
            Map<String, String> first = eTags();

            invoke("s3-put-photo.json");

            assertThat(eTags()).as("same keys, same bytes (ETags)").isEqualTo(first).hasSize(4);
        }

        @Test
        void aTransparentReplacementSwitchesToPngAndRemovesTheJpegs() {
            upload(UPLOADS, "photos/landscape.jpg", sample("landscape.jpg"));
            invoke("s3-put-photo.json");
            upload(UPLOADS, "photos/landscape.jpg", sample("alpha.png"));

            invoke("s3-put-photo.json");

            assertThat(renditionKeys()).as("only PNG thumbnails remain")
                    .containsExactlyInAnyOrder(thumb("photos/landscape.jpg", "phone", "png"), thumb("photos/landscape.jpg", "tablet", "png"),
                            thumb("photos/landscape.jpg", "desktop", "png"), thumb("photos/landscape.jpg", "square", "png"));
            assertThat(head(thumb("photos/landscape.jpg", "phone", "png")).contentType()).isEqualTo("image/png");
            assertThat(image(thumb("photos/landscape.jpg", "phone", "png")).getColorModel().hasAlpha()).isTrue();
        }

        Map<String, String> eTags() {
            Map<String, String> m = new TreeMap<>();
            renditions().forEach(o -> m.put(o.key(), o.eTag()));
            return m;
        }
    }

    @Nested
    class Failures {

        @Test
        void corruptImageFailsNamingBucketKeyAndReasonAndWritesNothing() {
            upload(UPLOADS, "photos/landscape.jpg", sample("corrupt.jpg"));

            assertThatThrownBy(() -> invoke("s3-put-photo.json"))
                    .isInstanceOfSatisfying(UnprocessableImageException.class, e -> {
                        assertThat(e.bucket()).isEqualTo(UPLOADS);
                        assertThat(e.key()).isEqualTo("photos/landscape.jpg");
                        assertThat(e.reason()).as("reason").contains("JPEG");
                    })
                    .hasMessageContaining("s3://" + UPLOADS + "/photos/landscape.jpg")
                    .hasCauseInstanceOf(CorruptImageException.class);
            assertThat(renditionKeys()).as("no partial set").isEmpty();
        }

        @Test
        void truncatedImageFailsAndWritesNothing() {
            upload(UPLOADS, "photos/landscape.jpg", sample("truncated.jpg"));

            assertThatThrownBy(() -> invoke("s3-put-photo.json"))
                    .isInstanceOf(UnprocessableImageException.class)
                    .hasMessageContaining("truncated");
            assertThat(renditionKeys()).isEmpty();
        }

        @Test
        void pixelBudgetRefusalFailsLoudly() {
            ThumbnailHandler strict = new ThumbnailHandler(new ThumbnailConfig(UPLOADS, RENDITIONS, DeviceProfiles.defaults(),
                    82, 1_000_000L, ThumbnailConfig.DEFAULT_MAX_SOURCE_BYTES), store);
            upload(UPLOADS, "photos/landscape.jpg", sample("landscape.jpg"));

            assertThatThrownBy(() -> strict.handleRequest(Files.newInputStream(Fixtures.event("s3-put-photo.json")),
                    new ByteArrayOutputStream(), new TestContext()))
                    .isInstanceOf(UnprocessableImageException.class)
                    .hasCauseInstanceOf(PixelBudgetExceededException.class)
                    .hasMessageContaining("budget");
            assertThat(renditionKeys()).isEmpty();
        }

        @Test
        void heicWithADamagedTileFailsAndWritesNothing() {
            upload(UPLOADS, "photos/landscape.jpg", sample("heif/bad-tile.heic"));

            assertThatThrownBy(() -> invoke("s3-put-photo.json"))
                    .isInstanceOf(UnprocessableImageException.class)
                    .hasCauseInstanceOf(CorruptImageException.class)
                    .hasMessageContaining("grid tile 3 of 4 does not decode");
            assertThat(renditionKeys()).as("no partial set").isEmpty();
        }

        @Test
        void aFailingRecordDoesNotStopTheOthers() {
            upload(UPLOADS, "photos/landscape.jpg", sample("corrupt.jpg"));
            upload(UPLOADS, "photos/portrait.jpg", sample("portrait.jpg"));

            assertThatThrownBy(() -> invoke("s3-put-two-photos.json")).isInstanceOf(UnprocessableImageException.class);

            assertThat(renditionKeys()).as("the good photo still got its thumbnails").hasSize(4)
                    .allMatch(k -> k.startsWith(AssetId.of(UPLOADS, "photos/portrait.jpg").value()));
        }
    }

    @Nested
    class NothingToDo {

        void assertSkipped(String fixture) {
            JsonNode summary = invoke(fixture);
            assertThat(summary.get("rendered").asInt()).as("%s: nothing rendered (%s)", fixture, summary).isZero();
            assertThat(renditionKeys()).as("%s: no renditions", fixture).isEmpty();
        }

        @Test
        void recordFromAnotherBucketIsIgnored() {
            upload(OTHER_BUCKET, "photos/landscape.jpg", sample("landscape.jpg"));
            assertSkipped("s3-put-other-bucket.json");
        }

        @Test
        void folderMarkerIsSkipped() {
            upload(UPLOADS, "photos/", new byte[0]);
            assertSkipped("s3-put-folder-marker.json");
        }

        @Test
        void textFileNamedJpgIsSkipped() {
            upload(UPLOADS, "photos/landscape.jpg", sample("not-an-image.jpg"));
            assertSkipped("s3-put-photo.json");
        }

        @Test
        void emptyObjectIsSkipped() {
            upload(UPLOADS, "photos/landscape.jpg", sample("empty.jpg"));
            assertSkipped("s3-put-photo.json");
        }

        @Test
        void objectDeletedSinceTheEventIsSkipped() {
            assertSkipped("s3-put-photo.json");
        }

        @Test
        void deletionEventIsIgnored() {
            upload(UPLOADS, "photos/landscape.jpg", sample("landscape.jpg"));
            assertSkipped("s3-delete-photo.json");
        }

        @Test
        void s3TestEventHasNoRecords() {
            JsonNode summary = invoke("s3-test-event.json");
            assertThat(summary.get("records").asInt()).isZero();
        }
    }
}
