package dev.mediapipeline.it.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.local.template.CloudFormationYaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which parameter values the template tools run with, derived from a template (no tool needed). */
class TemplateCasesTest {

    static final String PARAMETERS = """
            Parameters:
              Architecture:
                Type: String
                Default: x86_64
                AllowedValues: [x86_64, arm64]
              AuthMode:
                Type: String
                Default: cognito
                AllowedValues: [cognito, jwt, none]
              StoreGpsMetadata:
                Type: String
                Default: 'false'
                AllowedValues: ['true', 'false']
              NamePrefix:
                Type: String
                Default: media
            """;

    static List<String> names(String yaml) {
        return TemplateCases.of(CloudFormationYaml.parse(PARAMETERS + yaml, "template.yaml")).stream()
                .map(TemplateCases.Case::name).toList();
    }

    @Nested
    class ShapeParameters {

        @Test
        void aParameterInAConditionOrAPropertyGetsOneCasePerAllowedValue() {
            List<String> names = names("""
                    Conditions:
                      WithAuth: !Not [!Equals [!Ref AuthMode, none]]
                    Globals:
                      Function:
                        Architectures: [!Ref Architecture]
                    Resources:
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketName: !Sub '${NamePrefix}-uploads'
                    """);
            assertThat(names).as("cases").containsExactly("defaults", "Architecture=x86_64", "Architecture=arm64",
                    "AuthMode=cognito", "AuthMode=jwt", "AuthMode=none");
        }

        @Test
        void aParameterInASubOfAResourcePropertyCounts() {
            List<String> names = names("""
                    Resources:
                      Fn:
                        Type: AWS::Serverless::Function
                        Properties:
                          Layers:
                            - !Sub 'arn:aws:lambda:${AWS::Region}:1:layer:ffmpeg-${Architecture}:1'
                    """);
            assertThat(names).as("cases").containsExactly("defaults", "Architecture=x86_64", "Architecture=arm64");
        }

        @Test
        void aParameterReadOnlyAsAnEnvironmentVariableChangesNoShape() {
            List<String> names = names("""
                    Globals:
                      Function:
                        Environment:
                          Variables:
                            STORE_GPS: !Ref StoreGpsMetadata
                    Resources:
                      Fn:
                        Type: AWS::Serverless::Function
                        Properties:
                          Environment:
                            Variables:
                              AUTH: !Sub 'mode-${AuthMode}'
                    """);
            assertThat(names).as("cases").containsExactly("defaults");
        }

        @Test
        void aParameterWithoutAllowedValuesHasNoCasesOfItsOwn() {
            List<String> names = names("""
                    Conditions:
                      Default: !Equals [!Ref NamePrefix, media]
                    Resources: {}
                    """);
            assertThat(names).as("cases").containsExactly("defaults");
        }
    }

    @Nested
    class TheProjectTemplate {

        @Test
        void hasTheDefaultsAndOnlyAllowedValuesOfItsOwnParameters() {
            Map<String, Object> template = CloudFormationYaml.read(TemplateCases.projectTemplate());
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> parameters = (Map<String, Map<String, Object>>) template.get("Parameters");
            List<TemplateCases.Case> cases = TemplateCases.ofProjectTemplate();
            assertThat(cases.getFirst()).as("first case").isEqualTo(new TemplateCases.Case("defaults", Map.of()));
            for (TemplateCases.Case c : cases.subList(1, cases.size())) {
                assertThat(c.parameters()).as("%s", c).hasSize(1);
                c.parameters().forEach((name, value) -> assertThat((List<?>) parameters.get(name).get("AllowedValues"))
                        .as("allowed values of %s", name).map(String::valueOf).contains(value));
            }
        }
    }
}
