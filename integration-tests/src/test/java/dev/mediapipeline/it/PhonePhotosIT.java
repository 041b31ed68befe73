package dev.mediapipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mediapipeline.it.harness.EmbeddedPipeline;
import dev.mediapipeline.it.harness.MediaApiClient;
import dev.mediapipeline.it.harness.Poll;
import dev.mediapipeline.it.harness.Project;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 end to end on the local runtime: what phones upload — a HEIC grid (2x2 HEVC tiles cut to 1000x900, turned
 * upright by irot to 900x1000, Display P3, Exif from an iPhone, with thumbnail and depth items) and an AVIF with
 * alpha — uploaded through the media API as the page does, becomes READY with upright thumbnails and its metadata;
 * an animated AVIF is UNSUPPORTED with a reason. The files are sample-media/heif's (see its README).
 */
class PhonePhotosIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static EmbeddedPipeline pipeline;
    static MediaApiClient api;

    @BeforeAll
    static void start() {
        pipeline = EmbeddedPipeline.start(EmbeddedPipeline.Options.named("phone-photos"));
        api = new MediaApiClient(pipeline.apiUri());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    static byte[] heif(String name) {
        try {
            return Files.readAllBytes(Project.sample("heif/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads through the API (grant, then the presigned POST); returns the asset id. */
    static String upload(String fileName, String contentType, byte[] file) {
        MediaApiClient.Response grant = api.grant(fileName, contentType, file.length);
        assertThat(grant.status()).as("grant for %s: %s", contentType, grant.text()).isEqualTo(201);
        MediaApiClient.Response upload = MediaApiClient.upload(grant.json(), file, contentType);
        assertThat(upload.status()).as("S3 POST: %s", upload.text()).isEqualTo(204);
        return grant.json().get("assetId").asText();
    }

    static JsonNode awaitStatus(String id, String wanted) {
        return Poll.until("asset " + id + " " + wanted, pipeline.processingTimeout(), () -> {
            MediaApiClient.Response r = api.get("/media/" + id);
            return r.status() == 200 && r.json().path("status").asText().equals(wanted) ? Optional.of(r.json()) : Optional.empty();
        }, () -> api.get("/media/" + id).text());
    }

    /** The asset's renditions, downloaded and decoded, by name. */
    static Map<String, BufferedImage> thumbnails(JsonNode asset) throws IOException, InterruptedException {
        Map<String, BufferedImage> out = new HashMap<>();
        for (JsonNode r : asset.get("renditions")) {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(r.get("url").asText())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("GET %s", r.get("name")).isEqualTo(200);
            out.put(r.get("name").asText(), ImageIO.read(new ByteArrayInputStream(response.body())));
        }
        return out;
    }

    @Nested
    class AnIphoneHeic {

        @Test
        void becomesReadyWithUprightThumbnailsAndItsMetadata() throws Exception {
            String id = upload("IMG_0001.HEIC", "image/heic", heif("phone-grid.heic"));

            JsonNode asset = awaitStatus(id, "ready");

            assertThat(asset.get("format").asText()).as("format").isEqualTo("heif");
            JsonNode m = asset.get("metadata");
            assertThat(m.get("displayWidth").asInt() + "x" + m.get("displayHeight").asInt()).as("shown size")
                    .isEqualTo("900x1000");
            assertThat(m.get("cameraMake").asText()).as("make").isEqualTo("Apple");
            assertThat(m.get("cameraModel").asText()).as("model").isEqualTo("iPhone 15 Pro");
            assertThat(m.get("dateTaken").asText()).as("date taken").isEqualTo("2024-06-01T12:34:56");
            assertThat(m.get("iccProfile").asText()).as("colour space").isEqualTo("Display P3");
            assertThat(m.has("gps")).as("GPS is not stored by default").isFalse();

            Map<String, BufferedImage> thumbnails = thumbnails(asset);
            BufferedImage tablet = thumbnails.get("thumbnails/tablet");
            assertThat(tablet.getWidth() + "x" + tablet.getHeight()).as("upright: portrait").isEqualTo("900x1000");
            assertThat(thumbnails.get("thumbnails/phone").getHeight()).as("phone: portrait")
                    .isGreaterThan(thumbnails.get("thumbnails/phone").getWidth());
            Color topRight = new Color(tablet.getRGB(644, 256));
            Color topLeft = new Color(tablet.getRGB(194, 256));
            assertThat(topRight.getRed()).as("the red quadrant is top-right once upright: %s", topRight).isGreaterThan(200);
            assertThat(topLeft.getBlue()).as("the blue quadrant is top-left: %s", topLeft).isGreaterThan(180);
        }
    }

    @Nested
    class AnAvif {

        @Test
        void withAlphaBecomesReadyWithPngThumbnails() throws Exception {
            String id = upload("sticker.avif", "image/avif", heif("alpha.avif"));

            JsonNode asset = awaitStatus(id, "ready");

            assertThat(asset.get("format").asText()).as("format").isEqualTo("avif");
            assertThat(asset.at("/metadata/hasAlpha").asBoolean()).as("alpha").isTrue();
            for (JsonNode r : asset.get("renditions")) {
                assertThat(r.get("contentType").asText()).as("%s keeps transparency", r.get("name")).isEqualTo("image/png");
            }
            BufferedImage phone = thumbnails(asset).get("thumbnails/phone");
            assertThat(new Color(phone.getRGB(phone.getWidth() / 2, phone.getHeight() * 3 / 4), true).getAlpha())
                    .as("the half-transparent half").isBetween(110, 146);
        }

        @Test
        void thatIsAnimatedIsUnsupportedWithAReason() {
            String id = upload("loop.avif", "image/avif", heif("animated.avif"));

            JsonNode asset = awaitStatus(id, "unsupported");

            assertThat(asset.get("reason").asText()).as("reason").contains("image sequence");
            assertThat(asset.get("renditions")).as("no renditions").isEmpty();
        }
    }
}
