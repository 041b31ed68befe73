package dev.mediapipeline.it.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.testing.SamTools;
import dev.mediapipeline.testing.SamTools.LintResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cfn-lint}, the linter AWS publishes, on template.yaml: no error and no warning, with the defaults and with
 * every value of every parameter that changes the template's shape ({@link TemplateCases}). Without cfn-lint it
 * skips on a developer's machine and fails under {@code CI=true} ({@link SamTools#requireTools()}).
 */
class TemplateLintTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mediapipeline.it.template.TemplateCases#ofProjectTemplate")
    void templateLintsCleanly(TemplateCases.Case c) {
        LintResult result = SamTools.cfnLint(TemplateCases.projectTemplate(), c.parameters());
        assertThat(result.exitCode()).as("cfn-lint exit code on template.yaml with %s (0: no error, no warning):%n%s",
                c, result.output()).isZero();
    }

    @Nested
    class ABrokenTemplate {

        /** The on-failure destination type before the fix: CloudFormation's name for it, not SAM's ({@code S3Bucket}). */
        @Test
        void anS3DestinationOfTypeS3IsAnError(@TempDir Path dir) {
            Path broken = TemplateCases.copyWith(dir, "Type: S3Bucket", "Type: S3");
            LintResult result = SamTools.cfnLint(broken, Map.of());
            assertThat(result.clean()).as("cfn-lint on a template with 'Type: S3' (exit %d):%n%s", result.exitCode(),
                    result.output()).isFalse();
            assertThat(result.output()).as("cfn-lint's report").contains("Type: S3").contains("S3Bucket");
        }
    }
}
