package dev.mediapipeline.image.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rewrites the committed files of sample-media/ when asked ({@code -Dsample-media.regenerate=true}); skipped in
 * normal builds. The Maven way to run {@link SampleMediaGenerator#main} without installing the modules:
 *
 * <pre>
 * ./mvnw -q -pl image-core -am test -Dtest=RegenerateSampleMediaTest -Dsurefire.failIfNoSpecifiedTests=false -Dsample-media.regenerate=true
 * </pre>
 */
class RegenerateSampleMediaTest {

    @Test
    @EnabledIfSystemProperty(named = "sample-media.regenerate", matches = "true")
    void regenerate() throws IOException {
        Path dir = Path.of("..", "sample-media").toAbsolutePath().normalize();
        assertThat(dir.resolve("README.md")).as("run from the image-core module directory").exists();
        SampleMediaGenerator.main(new String[] {dir.toString()});
        assertThat(Files.list(dir).count()).as("all samples written").isGreaterThanOrEqualTo(SampleMediaGenerator.samples().size());
    }
}
