package dev.mediapipeline.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.model.KeyLayout.RenditionKey;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KeyLayoutTest {

    private final AssetId asset = AssetId.of("uploads", "holiday photos/été + ½ 100%.jpg");

    @Nested
    class AssetIds {
        @Test
        void deterministicAndDistinctPerBucketAndKey() {
            assertThat(AssetId.of("uploads", "a.jpg")).isEqualTo(AssetId.of("uploads", "a.jpg"));
            assertThat(AssetId.of("uploads", "a.jpg")).isNotEqualTo(AssetId.of("uploads", "A.jpg"));
            assertThat(AssetId.of("uploads", "a.jpg")).isNotEqualTo(AssetId.of("other", "a.jpg"));
            assertThat(AssetId.of("ab", "c")).as("no ambiguity between bucket and key").isNotEqualTo(AssetId.of("a", "bc"));
        }
    }

    @Nested
    class Renditions {
        @Test
        void keysArePlainAsciiWhateverTheSourceKey() {
            String key = KeyLayout.thumbnailKey(asset, "phone", "jpg");
            assertThat(key).matches("[0-9a-f]{24}/thumbnails/phone\\.jpg");
            String longSource = "x".repeat(1024);
            assertThat(KeyLayout.thumbnailKey(AssetId.of("b", longSource), "desktop", "jpg").getBytes(StandardCharsets.UTF_8))
                    .hasSizeLessThan(KeyLayout.MAX_KEY_BYTES);
        }

        @Test
        void parseInvertsEveryRenditionKind() {
            assertThat(KeyLayout.parseRendition(KeyLayout.thumbnailKey(asset, "phone", "png")))
                    .contains(new RenditionKey(asset, RenditionKey.Role.THUMBNAIL, "phone", "phone.png"));
            assertThat(KeyLayout.parseRendition(KeyLayout.hlsMasterKey(asset)))
                    .contains(new RenditionKey(asset, RenditionKey.Role.HLS_MASTER, null, "master.m3u8"));
            assertThat(KeyLayout.parseRendition(KeyLayout.hlsPlaylistKey(asset, "720p")))
                    .contains(new RenditionKey(asset, RenditionKey.Role.HLS_PLAYLIST, "720p", "playlist.m3u8"));
            assertThat(KeyLayout.parseRendition(KeyLayout.hlsFileKey(asset, "720p", "segment-00003.ts")))
                    .contains(new RenditionKey(asset, RenditionKey.Role.HLS_SEGMENT, "720p", "segment-00003.ts"));
        }

        @Test
        void parseRejectsForeignKeys() {
            assertThat(KeyLayout.parseRendition("photos/cat.jpg")).isEmpty();
            assertThat(KeyLayout.parseRendition(asset.value() + "/thumbnails/")).isEmpty();
            assertThat(KeyLayout.parseRendition(asset.value() + "/other/phone.jpg")).isEmpty();
            assertThat(KeyLayout.parseRendition(KeyLayout.workPrefix(asset) + "chunk-0.mp4")).isEmpty();
        }
    }

    @Nested
    class WorkArea {
        @Test
        void aWorkKeyNamesItsAsset() {
            String key = KeyLayout.workPrefix(asset) + "0123456789abcdef/tasks/chunk-0002.task.json";
            assertThat(KeyLayout.assetOfWorkKey(key)).contains(asset);
            assertThat(KeyLayout.assetOfWorkKey("work/not-an-asset/x")).isEmpty();
            assertThat(KeyLayout.assetOfWorkKey(KeyLayout.workPrefix(asset))).as("the prefix alone is no object").isEmpty();
            assertThat(KeyLayout.assetOfWorkKey(KeyLayout.hlsMasterKey(asset))).isEmpty();
        }
    }

    @Nested
    class Uploads {
        @Test
        void keepTheOriginalNameReadable() {
            UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
            assertThat(KeyLayout.uploadKey(LocalDate.of(2026, 11, 21), id, "Été à Paris (2).JPG"))
                    .isEqualTo("uploads/2026/11/21/00000000-0000-0000-0000-000000000001/Été à Paris (2).JPG");
        }

        @Test
        void neutraliseHostileNames() {
            assertThat(KeyLayout.safeFileName("../../etc/passwd")).isEqualTo("passwd");
            assertThat(KeyLayout.safeFileName("<img src=x onerror=alert(1)>.jpg")).isEqualTo("_img src_x onerror_alert(1)_.jpg");
            assertThat(KeyLayout.safeFileName("...")).isEqualTo("file");
            assertThat(KeyLayout.safeFileName(null)).isEqualTo("file");
            assertThat(KeyLayout.safeFileName("a\u0000b\nc.png")).isEqualTo("a_b_c.png");
            String longName = "n".repeat(500) + ".jpeg";
            assertThat(KeyLayout.safeFileName(longName)).hasSize(200).endsWith(".jpeg");
        }

        @Test
        void folderMarkers() {
            assertThat(KeyLayout.isFolderMarker("photos/")).isTrue();
            assertThat(KeyLayout.isFolderMarker("photos/a.jpg")).isFalse();
        }
    }
}
