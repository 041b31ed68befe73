package dev.mediapipeline.image.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rewrites sample-media/heif when asked ({@code -Dsample-media.regenerate-heif=true}; needs heif-enc from the
 * Debian package libheif-examples); skipped in normal builds, which read the committed files.
 */
class RegenerateHeifSamplesTest {

    @Test
    @EnabledIfSystemProperty(named = "sample-media.regenerate-heif", matches = "true")
    void regenerate() throws Exception {
        Path dir = Path.of("..", "sample-media", "heif").toAbsolutePath().normalize();
        HeifSampleGenerator.main(new String[] {dir.toString()});
        for (String name : HeifSampleGenerator.samples()) {
            assertThat(dir.resolve(name)).as(name).exists();
        }
    }
}
