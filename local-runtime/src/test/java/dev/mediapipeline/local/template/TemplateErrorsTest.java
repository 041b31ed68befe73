package dev.mediapipeline.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the runtime cannot run fails with the place in the template named. */
class TemplateErrorsTest extends TemplateFixture {

    @Nested
    class Errors {

        @Test
        void aMissingHandlerIsNamed() {
            assertThatThrownBy(() -> parse(FUNCTION.replace("      Handler: example.Handler::handleRequest\n", "")))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageStartingWith("Resources.Fn.Properties.Handler: missing");
        }

        @Test
        void aCodeUriPointingNowhereIsNamed() {
            assertThatThrownBy(() -> parse(FUNCTION.replace("fn.jar", "nowhere/fn.jar")))
                    .hasMessageStartingWith("Resources.Fn.Properties.CodeUri: nowhere/fn.jar does not exist");
        }

        @Test
        void anUnresolvableRefIsNamed() {
            assertThatThrownBy(() -> parse(FUNCTION + """
                          Environment:
                            Variables:
                              BUCKET: !Ref MissingBucket
                    """)).hasMessageStartingWith("Resources.Fn.Properties.Environment.Variables.BUCKET.Ref:")
                    .hasMessageContaining("'MissingBucket'");
            assertThatThrownBy(() -> parse(FUNCTION + """
                          Environment:
                            Variables:
                              BUCKET: !Sub '${Nope}-x'
                    """)).hasMessageContaining("Resources.Fn.Properties.Environment.Variables.BUCKET.Fn::Sub")
                    .hasMessageContaining("'Nope'");
            assertThatThrownBy(() -> parse(FUNCTION + """
                          Environment:
                            Variables:
                              ARN: !GetAtt Fn.Colour
                    """)).hasMessageContaining("Resources.Fn.Properties.Environment.Variables.ARN.Fn::GetAtt")
                    .hasMessageContaining("no attribute 'Colour'");
        }

        @Test
        void aBadIntrinsicIsNamed() {
            assertThatThrownBy(() -> parse(FUNCTION + """
                          MemorySize: !Select [5, [1, 2]]
                    """)).hasMessageContaining("Resources.Fn.Properties.MemorySize.Fn::Select")
                    .hasMessageContaining("index 5");
            assertThatThrownBy(() -> parse(FUNCTION + """
                          Timeout: !Join [',', notalist]
                    """)).hasMessageContaining("Resources.Fn.Properties.Timeout.Fn::Join");
            assertThatThrownBy(() -> parse(FUNCTION + """
                          Timeout: !ImportValue shared-timeout
                    """)).hasMessageContaining("Resources.Fn.Properties.Timeout.Fn::ImportValue").hasMessageContaining("not supported");
            assertThatThrownBy(() -> parse(FUNCTION + """
                          Timeout: !If [NoSuchCondition, 1, 2]
                    """)).hasMessageContaining("no condition named 'NoSuchCondition'");
        }

        @Test
        void outOfRangeAndReservedValuesAreNamed() {
            assertThatThrownBy(() -> parse(FUNCTION + "      Timeout: 901\n"))
                    .hasMessageStartingWith("Resources.Fn.Properties.Timeout: 901 is outside 1 to 900");
            assertThatThrownBy(() -> parse(FUNCTION + "      MemorySize: lots\n"))
                    .hasMessageStartingWith("Resources.Fn.Properties.MemorySize: 'lots' is not a whole number");
            assertThatThrownBy(() -> parse(FUNCTION + """
                          Environment:
                            Variables: {AWS_REGION: eu-west-1}
                    """)).hasMessageStartingWith("Resources.Fn.Properties.Environment.Variables.AWS_REGION: is reserved");
            assertThatThrownBy(() -> parse(FUNCTION.replace("java21", "python3.12")))
                    .hasMessageStartingWith("Resources.Fn.Properties.Runtime: python3.12 is not a Java runtime");
            assertThatThrownBy(() -> parse(FUNCTION.replace("example.Handler::handleRequest", "'not a handler'")))
                    .hasMessageStartingWith("Resources.Fn.Properties.Handler:");
        }

        @Test
        void overlappingNotificationsAreRejectedLikeS3Does() {
            assertThatThrownBy(() -> parse("""
                    Resources:
                      Topic: {Type: AWS::SNS::Topic}
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          NotificationConfiguration:
                            TopicConfigurations:
                              - {Event: 's3:ObjectCreated:*', Topic: !Ref Topic}
                              - Event: s3:ObjectCreated:Put
                                Topic: !Ref Topic
                                Filter: {S3Key: {Rules: [{Name: suffix, Value: .jpg}]}}
                    """)).hasMessageStartingWith("Resources.Bucket: S3 rejects overlapping notification configurations");
        }

        @Test
        void notAYamlTemplateOrNoResources() {
            assertThatThrownBy(() -> parse("Resources: [unclosed")).hasMessageContaining("not valid YAML").hasMessageContaining("line 1");
            assertThatThrownBy(() -> parse("Description: nothing")).hasMessageStartingWith("Resources: missing");
            assertThatThrownBy(() -> parse("Resources:\n  A: {Type: AWS::S3::Bucket}\n  A: {Type: AWS::S3::Bucket}\n"))
                    .hasMessageContaining("duplicate key");
        }

        @Test
        void unknownResourceTypesAreWarnedAboutAndLeftOut() {
            StackTemplate t = parse(FUNCTION + """
                      Queue: {Type: AWS::SQS::Queue}
                      Role: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {}}}
                    """);
            assertThat(t.warnings()).singleElement().asString().contains("Resources.Queue").contains("AWS::SQS::Queue");
        }
    }
}
