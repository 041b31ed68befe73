package dev.mediapipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.local.template.FunctionDefinition;
import dev.mediapipeline.local.template.StackTemplate;
import dev.mediapipeline.local.template.TemplateLoader;
import dev.mediapipeline.transcode.natives.LambdaPackageNatives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Every package template.yaml deploys would load on Lambda: it fits the quota of 250 MB unzipped for a function's
 * code (sam deploy uploads through S3, so the 50 MB direct-upload limit does not apply), and every native library in
 * it loads on the java21 runtime (Amazon Linux 2023). The FFmpeg natives make the image and video functions large
 * and are the part a version bump breaks; that fails here, not at {@code sam deploy} or the first invocation.
 */
class LambdaPackagesIT {

    static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    /** Lambda's deployment package quota, unzipped, in bytes (250 MB as AWS counts: MiB). */
    static final long UNZIPPED_LIMIT = 250L * 1024 * 1024;

    @Test
    void everyFunctionPackageOfTheTemplateFitsLambdasUnzippedQuota() throws IOException {
        StackTemplate template = TemplateLoader.load(PROJECT.resolve("template.yaml"), Map.of());
        assertThat(template.functions()).as("functions in template.yaml").hasSizeGreaterThanOrEqualTo(5);
        for (FunctionDefinition function : template.functions()) {
            Path jar = function.codeUri();
            assertThat(jar).as("%s's CodeUri, built by package", function.logicalId()).isRegularFile();
            long unzipped = 0;
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : zip.stream().toList()) {
                    unzipped += Math.max(0, entry.getSize());
                }
            }
            System.out.printf("%-20s %4d MB zipped, %4d MB unzipped (quota 250)%n", function.logicalId(),
                    Files.size(jar) >> 20, unzipped >> 20);
            assertThat(unzipped).as("%s unzipped bytes of %s", function.logicalId(), jar.getFileName())
                    .isLessThan(UNZIPPED_LIMIT);
        }
    }

    @Test
    void everyNativeInEveryPackageLoadsOnLambda() throws IOException {
        StackTemplate template = TemplateLoader.load(PROJECT.resolve("template.yaml"), Map.of());
        List<String> withNatives = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            LambdaPackageNatives.Report report = LambdaPackageNatives.inspect(function.codeUri());
            assertThat(report.problems()).as("%s: natives that would not load on Lambda", function.logicalId()).isEmpty();
            if (report.hasNatives()) {
                withNatives.add(function.logicalId());
            }
        }
        assertThat(withNatives).as("the functions that decode media carry FFmpeg's natives")
                .contains("ThumbnailFunction", "TranscodeFunction", "IndexFunction");
    }
}
