package dev.mediapipeline.thumbnail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediapipeline.model.Config;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ThumbnailConfigTest {

    static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("UPLOAD_BUCKET", "uploads");
        env.put("RENDITIONS_BUCKET", "renditions");
        return env;
    }

    @Nested
    class Defaults {

        @Test
        void onlyTheBucketsAreRequired() {
            ThumbnailConfig c = ThumbnailConfig.from(new Config(minimal()));
            assertThat(c.profiles().names()).containsExactly("phone", "tablet", "desktop", "square");
            assertThat(c.jpegQuality()).isEqualTo(82);
            assertThat(c.maxImagePixels()).isEqualTo(100_000_000L);
            assertThat(c.renderOptions().jpegQuality()).isEqualTo(82);
        }

        @Test
        void everySettingIsReadFromItsVariable() {
            Map<String, String> env = minimal();
            env.put("THUMBNAIL_PROFILES", "phone:640x1136,square:128x128:crop");
            env.put("JPEG_QUALITY", "90");
            env.put("MAX_IMAGE_PIXELS", "5000000");
            ThumbnailConfig c = ThumbnailConfig.from(new Config(env));
            assertThat(c.profiles().spec()).isEqualTo("phone:640x1136,square:128x128:crop");
            assertThat(c.renderOptions().jpegQuality()).isEqualTo(90);
            assertThat(c.renderOptions().maxPixels()).isEqualTo(5_000_000L);
        }
    }

    @Nested
    class Errors {

        @Test
        void missingVariableIsNamed() {
            for (String name : new String[] {"UPLOAD_BUCKET", "RENDITIONS_BUCKET"}) {
                Map<String, String> env = minimal();
                env.remove(name);
                assertThatThrownBy(() -> ThumbnailConfig.from(new Config(env)))
                        .as("without %s", name)
                        .isInstanceOf(Config.MissingConfigurationException.class)
                        .hasMessageContaining(name);
            }
        }

        @Test
        void theLambdaConstructorFailsNamingTheVariable() {
            // the test JVM's environment has no UPLOAD_BUCKET: exactly what a mis-deployed function sees
            assertThat(System.getenv("UPLOAD_BUCKET")).isNull();
            assertThatThrownBy(ThumbnailHandler::new)
                    .isInstanceOf(Config.MissingConfigurationException.class)
                    .hasMessageContaining("UPLOAD_BUCKET");
        }

        @Test
        void invalidValuesAreNamed() {
            Map<String, String> env = minimal();
            env.put("JPEG_QUALITY", "101");
            assertThatThrownBy(() -> ThumbnailConfig.from(new Config(env))).hasMessageContaining("JPEG_QUALITY");
            env.put("JPEG_QUALITY", "80");
            env.put("THUMBNAIL_PROFILES", "phone:640");
            assertThatThrownBy(() -> ThumbnailConfig.from(new Config(env))).hasMessageContaining("THUMBNAIL_PROFILES");
        }

        @Test
        void writingThumbnailsIntoTheUploadBucketIsRefused() {
            Map<String, String> env = minimal();
            env.put("RENDITIONS_BUCKET", "uploads");
            assertThatThrownBy(() -> ThumbnailConfig.from(new Config(env)))
                    .isInstanceOf(Config.InvalidConfigurationException.class)
                    .hasMessageContaining("RENDITIONS_BUCKET");
        }
    }
}
