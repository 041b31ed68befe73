package dev.mediapipeline.it.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.testing.SamTools;
import dev.mediapipeline.testing.SamTools.LintResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cfn-lint}, the linter AWS publishes, on template.yaml: no error and no warning, with the defaults and with
 * every value of every parameter that changes the template's shape ({@link TemplateCases}). Without cfn-lint it
 * skips on a developer's machine and fails under {@code CI=true} ({@link SamTools#requireTools()}). That it can
 * fail: {@link BrokenTemplateTest}.
 */
class TemplateLintTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mediapipeline.it.template.TemplateCases#ofProjectTemplate")
    void templateLintsCleanly(TemplateCases.Case c) {
        LintResult result = SamTools.cfnLint(TemplateCases.projectTemplate(), c.parameters());
        assertThat(result.exitCode()).as("cfn-lint exit code on template.yaml with %s (0: no error, no warning):%n%s",
                c, result.output()).isZero();
    }
}
