package dev.mediapipeline.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A function's architecture and layers, read as the translator's output has them once resolved. */
class FunctionReaderTest extends TemplateFixture {

    @Nested
    class Architectures {

        @Test
        void defaultToX8664AndComeFromGlobalsOrTheFunction() throws IOException {
            assertThat(parse(FUNCTION).function("Fn").orElseThrow().architecture()).isEqualTo("x86_64");
            assertThat(parse(projectTemplate()).functions()).as("template.yaml's Globals")
                    .extracting(FunctionDefinition::architecture).containsOnly("x86_64");
            assertThat(parse(FUNCTION + "      Architectures: [arm64]\n").function("Fn").orElseThrow().architecture())
                    .isEqualTo("arm64");
        }
    }

    @Nested
    class Layers {

        @Test
        void areVersionArnsInOrderTheTemplatesOwnAsTheirRefResolves() {
            FunctionDefinition fn = parse(FUNCTION + """
                          Layers:
                            - !Ref Lib
                            - !Ref Raw
                            - arn:aws:lambda:eu-west-1:123456789012:layer:shared:12
                      Lib:
                        Type: AWS::Serverless::LayerVersion
                        Properties: {ContentUri: lib.zip}
                      Raw:
                        Type: AWS::Lambda::LayerVersion
                        Properties: {LayerName: raw-layer, Content: {S3Bucket: b, S3Key: k}}
                    """).function("Fn").orElseThrow();
            assertThat(fn.layers()).containsExactly(
                    "arn:aws:lambda:us-east-1:000000000000:layer:Lib:1",
                    "arn:aws:lambda:us-east-1:000000000000:layer:raw-layer:1",
                    "arn:aws:lambda:eu-west-1:123456789012:layer:shared:12");
        }
    }
}
