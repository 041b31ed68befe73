package dev.mediapipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.it.harness.EmbeddedPipeline;
import dev.mediapipeline.it.harness.Pipeline;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** {@link ThumbnailsContract} on the local runtime, in this JVM: always. */
class ThumbnailsOnLocalRuntimeIT extends ThumbnailsContract {

    static EmbeddedPipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = EmbeddedPipeline.start(EmbeddedPipeline.Options.named("thumbnails"));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Override
    Pipeline pipeline() {
        return pipeline;
    }

    @AfterEach
    void nothingFailed() {
        assertThat(pipeline.awaitIdle(Duration.ofSeconds(60))).as("every event delivered").isTrue();
        var thumbnails = pipeline.runtime().cloud().functions().get("ThumbnailFunction").stats();
        assertThat(thumbnails.failed()).as("no thumbnail invocation failed: %s", thumbnails).isZero();
    }
}
