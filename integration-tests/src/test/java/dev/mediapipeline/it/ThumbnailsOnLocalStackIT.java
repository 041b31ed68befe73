package dev.mediapipeline.it;

import dev.mediapipeline.it.harness.LocalStackPipeline;
import dev.mediapipeline.it.harness.Pipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link ThumbnailsContract} on LocalStack, where Docker is available: the real function jars deployed as java21
 * Lambda functions, wired as the template wires them (S3 → SNS → Lambda). Skipped, quickly, without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class ThumbnailsOnLocalStackIT extends ThumbnailsContract {

    static LocalStackPipeline pipeline;

    @BeforeAll
    static void start() {
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
