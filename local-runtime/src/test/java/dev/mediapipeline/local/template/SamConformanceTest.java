package dev.mediapipeline.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.testing.SamTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The local runtime reads a SAM template exactly as aws-sam-translator does: for each template, every function as
 * the runtime reads it equals the same function read back from the translator's CloudFormation (intrinsics resolved
 * on both sides with the runtime's settings): handler, runtime, memory, timeout, environment, layers, architecture,
 * SNS subscriptions, S3 notifications, HTTP routes, retries and destinations, and the role's statements and managed
 * policies. Needs the translator (skips on a laptop without it, fails under CI=true).
 */
class SamConformanceTest extends TemplateFixture {

    @BeforeEach
    void tools() {
        SamTools.requireTools();
    }

    private void conforms(String yaml, Map<String, String> parameters) {
        Path file = write(yaml);
        StackTemplate loaded = TemplateLoader.load(file, parameters);
        TranslatedStack translated = new TranslatedStack(SamTools.cloudFormation(file, parameters), parameters);
        assertThat(loaded.functions()).extracting(FunctionDefinition::logicalId)
                .as("the functions the runtime runs are the translator's")
                .containsExactlyInAnyOrderElementsOf(translated.functionIds());
        for (FunctionDefinition f : loaded.functions()) {
            assertThat(FunctionView.of(f, loaded))
                    .as("%s as the local runtime reads it, against aws-sam-translator's CloudFormation", f.logicalId())
                    .usingRecursiveComparison()
                    .isEqualTo(translated.function(f.logicalId()));
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SamConformanceTest.class.getResourceAsStream("conformance/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Nested
    class TheProjectTemplate {

        @Test
        void withItsDefaults() throws IOException {
            conforms(projectTemplate(), Map.of());
        }

        @Test
        void withOtherParameters() throws IOException {
            conforms(projectTemplate(), Map.of("NamePrefix", "demo", "JpegQuality", "90",
                    "TranscodeMemorySize", "3008", "ParallelThresholdSeconds", "20", "ChunkSeconds", "12"));
        }
    }

    @Nested
    class PolicyTemplatesManagedPoliciesAndGlobals {

        @Test
        void conform() throws IOException {
            conforms(resource("policy-templates.yaml"), Map.of());
            conforms(resource("policy-templates.yaml"), Map.of("Prefix", "other"));
        }
    }

    @Nested
    class ExplicitRoles {

        @Test
        void conform() throws IOException {
            conforms(resource("explicit-role.yaml"), Map.of());
        }
    }

    @Nested
    class DestinationsEventsAndLayers {

        @Test
        void conform() throws IOException {
            conforms(resource("destinations-and-events.yaml"), Map.of());
        }
    }
}
