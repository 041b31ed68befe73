package dev.mediapipeline.transcode.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Entry point to rewrite {@code sample-media/video/}: runs only when asked,
 * {@code ./mvnw -q -pl transcode-function -am test -Dtest=RegenerateSampleVideosTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsample-media.regenerate=true}.
 */
class RegenerateSampleVideosTest {

    @Test
    @EnabledIfSystemProperty(named = "sample-media.regenerate", matches = "true")
    void regenerate() throws IOException {
        SampleVideos.main(new String[] {Path.of("..", "sample-media", "video").toString()});
    }
}
