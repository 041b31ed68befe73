package dev.mediapipeline.transcode.natives;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every native library inside the function's Lambda package ({@code target/transcode-function.jar}, built by the
 * shade plugin in {@code package}) loads on the Lambda java21 runtime ({@link LambdaPackageNatives}). Runs in
 * {@code integration-test}, after {@code package}, so {@code ./mvnw verify} fails on a bad natives bump.
 */
class LambdaPackageNativesIT {

    @Test
    void everyNativeInThePackageLoadsOnLambda() throws IOException {
        Path jar = Path.of("target", "transcode-function.jar");
        assertThat(jar).as("the Lambda package (run after package)").exists();
        LambdaPackageNatives.Report report = LambdaPackageNatives.inspect(jar);

        assertThat(report.problems()).as("natives that would not load on Lambda").isEmpty();
        assertThat(report.byPlatform().keySet()).as("platforms in the package")
                .containsExactlyInAnyOrderElementsOf(LambdaNativesPolicy.PLATFORMS);
    }
}
