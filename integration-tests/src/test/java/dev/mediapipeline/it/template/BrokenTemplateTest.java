package dev.mediapipeline.it.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.testing.SamTools;
import dev.mediapipeline.testing.SamTools.LintResult;
import dev.mediapipeline.testing.SamTools.Refused;
import dev.mediapipeline.testing.SamTools.Translation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template checks can fail: a copy of template.yaml with a mistake we once made is reported by both of AWS's
 * tools, the way {@link TemplateLintTest} and {@link TemplateTranslationTest} would report it; a parameter value
 * that breaks a property is reported by cfn-lint, so the cases' values are really checked.
 */
class BrokenTemplateTest {

    /** The on-failure destination type before the fix: CloudFormation's name for it, not SAM's ({@code S3Bucket}). */
    @Test
    void anOnFailureDestinationOfTypeS3IsReportedByCfnLintAndRefusedByTheTranslator(@TempDir Path dir) {
        Path broken = TemplateCases.copyWith(dir, "Type: S3Bucket", "Type: S3");

        LintResult lint = SamTools.cfnLint(broken, Map.of());
        assertThat(lint.clean()).as("cfn-lint on a template with 'Type: S3' (exit %d):%n%s", lint.exitCode(),
                lint.output()).isFalse();
        assertThat(lint.output()).as("cfn-lint's report").contains("Type: S3").contains("S3Bucket");

        Translation translation = SamTools.translate(broken, Map.of());
        assertThat(translation).as("the translation of a template with 'Type: S3'").isInstanceOf(Refused.class);
        assertThat(((Refused) translation).message()).as("the translator's message")
                .contains("Type: S3").contains("S3Bucket");
    }

    /**
     * The parameter values of a case reach cfn-lint's rules (cfn-lint alone drops them after the SAM transform):
     * 5 MB is below the parameter's minimum and Lambda's.
     */
    @Test
    void aParameterValueThatBreaksAPropertyIsReportedByCfnLint() {
        LintResult lint = SamTools.cfnLint(TemplateCases.projectTemplate(), Map.of("TranscodeMemorySize", "5"));
        assertThat(lint.clean()).as("cfn-lint with TranscodeMemorySize=5 (exit %d):%n%s", lint.exitCode(),
                lint.output()).isFalse();
        assertThat(lint.output()).as("cfn-lint's report").contains("TranscodeMemorySize");
    }
}
