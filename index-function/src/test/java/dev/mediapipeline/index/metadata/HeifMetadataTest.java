package dev.mediapipeline.index.metadata;

import static dev.mediapipeline.index.metadata.ImageMetadataTest.analyze;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.index.state.AssetState.Analysis;
import dev.mediapipeline.index.state.AssetState.Outcome;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.testing.TemplateTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * HEIF/HEIC and AVIF header fields read with ranged GETs from a real S3 API (S3Proxy), on the committed files of
 * sample-media/heif, against the values their generator wrote (HeifSampleGenerator: a 2x2 grid of 512x512 tiles cut
 * to 1000x900, turned by irot to 900x1000, a Display P3 profile, Exif from "Apple" "iPhone 15 Pro" with orientation
 * 6 and a GPS position, plus a thumbnail and a depth item).
 */
class HeifMetadataTest {

    @BeforeAll
    static void start() {
        ImageMetadataTest.start();
    }

    @AfterAll
    static void stop() {
        ImageMetadataTest.stop();
    }

    static byte[] heif(String name) {
        try {
            return Files.readAllBytes(TemplateTables.projectTemplate().resolveSibling("sample-media").resolve("heif").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class PhoneGrid {

        @Test
        void dimensionsCameraDateOrientationAndProfile() {
            Analysis a = analyze("phone/IMG_0001.HEIC", heif("phone-grid.heic"), false);
            Map<String, Object> m = a.metadata();

            assertThat(a.outcome()).as("outcome").isEqualTo(Outcome.PROCESSING);
            assertThat(a.format()).as("format").isEqualTo(MediaFormat.HEIF);
            assertThat(m.get("width") + "x" + m.get("height")).as("stored: the grid's output").isEqualTo("1000x900");
            assertThat(m.get("displayWidth") + "x" + m.get("displayHeight")).as("shown: after irot")
                    .isEqualTo("900x1000");
            assertThat(m).as("EXIF, informational for HEIF").containsEntry("orientation", 6L)
                    .containsEntry("cameraMake", "Apple").containsEntry("cameraModel", "iPhone 15 Pro")
                    .containsEntry("dateTaken", "2024-06-01T12:34:56")
                    .containsEntry("iccProfile", "Display P3").containsEntry("hasAlpha", false);
            assertThat(m).as("no GPS unless enabled").doesNotContainKey("gps");
        }

        @Test
        void gpsOnlyWhenEnabled() {
            Map<String, Object> m = analyze("phone/IMG_0002.HEIC", heif("phone-grid.heic"), true).metadata();

            assertThat(m).as("GPS enabled").containsKey("gps");
        }
    }

    @Nested
    class Avif {

        @Test
        void alphaAndSize() {
            Analysis a = analyze("web/alpha.avif", heif("alpha.avif"), false);

            assertThat(a.format()).as("format").isEqualTo(MediaFormat.AVIF);
            assertThat(a.metadata()).as("fields").containsEntry("width", 256L).containsEntry("height", 192L)
                    .containsEntry("hasAlpha", true).containsEntry("displayWidth", 256L);
        }

        @Test
        void animatedIsUnsupportedWithAReason() {
            Analysis a = analyze("web/animated.avif", heif("animated.avif"), false);

            assertThat(a.outcome()).as("outcome").isEqualTo(Outcome.UNSUPPORTED);
            assertThat(a.reason()).as("reason").startsWith("AVIF: an image sequence");
        }
    }

    @Nested
    class BadInput {

        @Test
        void depthMapOnlyIsUnsupported() {
            Analysis a = analyze("bad/depth.heic", heif("depth-only.heic"), false);

            assertThat(a.outcome()).as("outcome").isEqualTo(Outcome.UNSUPPORTED);
            assertThat(a.reason()).as("reason").contains("depth map");
        }

        @Test
        void truncatedMetaFails() {
            byte[] whole = heif("phone-grid.heic");
            Analysis a = analyze("bad/cut.heic", java.util.Arrays.copyOf(whole, 300), false);

            assertThat(a.outcome()).as("outcome").isEqualTo(Outcome.FAILED);
            assertThat(a.reason()).as("reason").contains("truncated");
        }

        @Test
        void missingTilesFail() {
            Analysis a = analyze("bad/missing.heic", heif("grid-missing-tiles.heic"), false);

            assertThat(a.outcome()).as("outcome").isEqualTo(Outcome.FAILED);
            assertThat(a.reason()).as("reason").contains("grid tile 99 is missing");
        }
    }
}
