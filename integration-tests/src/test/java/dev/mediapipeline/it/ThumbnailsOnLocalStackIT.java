package dev.mediapipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.it.harness.LocalStackPipeline;
import dev.mediapipeline.it.harness.Pipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.DockerClientFactory;

/**
 * {@link ThumbnailsContract} on LocalStack: the real function jars deployed as java21 Lambda functions, wired as
 * the template wires them (S3 → SNS → Lambda). It needs a Docker engine, so it runs only in the {@code localstack}
 * Maven profile ({@code ./mvnw verify -Plocalstack}), and there it fails without Docker: nothing skips silently.
 */
class ThumbnailsOnLocalStackIT extends ThumbnailsContract {

    static LocalStackPipeline pipeline;

    @BeforeAll
    static void start() {
        assertThat(DockerClientFactory.instance().isDockerAvailable())
                .as("a Docker engine for LocalStack (the localstack profile runs this tier; without Docker, leave it off)")
                .isTrue();
        pipeline = LocalStackPipeline.start();
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
}
