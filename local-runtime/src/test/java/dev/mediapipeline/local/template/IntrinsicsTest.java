package dev.mediapipeline.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Intrinsic functions, conditions, mappings, pseudo parameters, and SAM Globals. */
class IntrinsicsTest extends TemplateFixture {

    @Nested
    class ShortAndLongForms {

        @Test
        void shortAndLongFormsConditionsMappingsAndPseudoParameters() {
            StackTemplate t = parse("""
                    Parameters:
                      Stage: {Type: String, Default: prod, AllowedValues: [dev, prod]}
                      Sizes: {Type: CommaDelimitedList, Default: 'a,b,c'}
                    Mappings:
                      Memory: {prod: {mb: 1024}, dev: {mb: 256}}
                    Conditions:
                      IsProd: !Equals [!Ref Stage, prod]
                      IsDev: !Not [!Condition IsProd]
                      Both: !And [!Condition IsProd, !Equals [a, a]]
                      Either: {'Fn::Or': [{Condition: IsDev}, {'Fn::Equals': [x, y]}]}
                    Resources:
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketName: !Join ['-', [!Ref 'AWS::StackName', !Select [1, !Ref Sizes], !Ref 'AWS::Region']]
                      DevOnly:
                        Type: AWS::S3::Bucket
                        Condition: IsDev
                      Fn:
                        Type: AWS::Serverless::Function
                        Properties:
                          CodeUri: fn.jar
                          Handler: example.Handler::handleRequest
                          Runtime: java21
                          MemorySize: !FindInMap [Memory, !Ref Stage, mb]
                          Timeout: !If [IsProd, 30, 5]
                          Environment:
                            Variables:
                              BUCKET_ARN: !GetAtt Bucket.Arn
                              LONG_ARN: {'Fn::GetAtt': [Bucket, Arn]}
                              SUB: !Sub '${AWS::AccountId}/${AWS::Partition}/${AWS::URLSuffix}/${Bucket}/${!Literal}/${Extra}'
                              SUB_LONG: {'Fn::Sub': ['${A}-${Stage}', {A: !Ref Stage}]}
                              SPLIT: !Select [2, !Split [',', 'x,y,z']]
                              JOINED: {'Fn::Join': ['', [a, {Ref: Stage}]]}
                              BOTH: !If [Both, 'yes', 'no']
                              EITHER: !If [Either, 'yes', 'no']
                              GONE: !If [IsDev, here, !Ref 'AWS::NoValue']
                              FN_ARN: !GetAtt Fn.Arn
                              SELF: !Ref Fn
                              ROLE: !GetAtt FnRole.Arn
                    Outputs:
                      Base64: {Value: !Base64 hi}
                    """.replace("${Extra}", "${Stage}"));
            assertThat(t.buckets()).extracting(BucketDefinition::name).as("DevOnly left out by its Condition")
                    .containsExactly("media-pipeline-b-us-east-1");
            FunctionDefinition fn = t.function("Fn").orElseThrow();
            assertThat(fn.memorySizeMb()).isEqualTo(1024);
            assertThat(fn.timeoutSeconds()).isEqualTo(30);
            assertThat(fn.environment())
                    .containsEntry("BUCKET_ARN", "arn:aws:s3:::media-pipeline-b-us-east-1")
                    .containsEntry("LONG_ARN", "arn:aws:s3:::media-pipeline-b-us-east-1")
                    .containsEntry("SUB", "000000000000/aws/amazonaws.com/media-pipeline-b-us-east-1/${Literal}/prod")
                    .containsEntry("SUB_LONG", "prod-prod")
                    .containsEntry("SPLIT", "z")
                    .containsEntry("JOINED", "aprod")
                    .containsEntry("BOTH", "yes")
                    .containsEntry("EITHER", "no")
                    .containsEntry("FN_ARN", "arn:aws:lambda:us-east-1:000000000000:function:Fn")
                    .containsEntry("SELF", "Fn")
                    .doesNotContainKey("GONE");
            assertThat(fn.environment().get("ROLE")).startsWith("arn:aws:iam::000000000000:role/media-pipeline-FnRole-");
            assertThat(t.outputs()).containsEntry("Base64", "aGk=");
        }
    }

    @Nested
    class Globals {

        @Test
        void globalsMergeTheSamWay() {
            StackTemplate t = parse("""
                    Globals:
                      Function:
                        Runtime: java21
                        Timeout: 10
                        MemorySize: !If [Never, 1, 512]
                        Environment:
                          Variables: {SHARED: global, OVERRIDDEN: global}
                    Conditions:
                      Never: !Equals [a, b]
                    Resources:
                      Fn:
                        Type: AWS::Serverless::Function
                        Properties:
                          CodeUri: fn.jar
                          Handler: example.Handler
                          Timeout: 20
                          Environment:
                            Variables: {OWN: mine, OVERRIDDEN: function}
                      Other:
                        Type: AWS::Serverless::Function
                        Properties:
                          CodeUri: other.jar
                          Handler: example.Other
                          MemorySize: 256
                    """);
            FunctionDefinition fn = t.function("Fn").orElseThrow();
            assertThat(fn.timeoutSeconds()).as("function wins over Globals").isEqualTo(20);
            assertThat(fn.memorySizeMb()).as("Globals' intrinsic used when the function has none").isEqualTo(512);
            assertThat(fn.environment()).as("maps merged, function wins")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("SHARED", "global", "OVERRIDDEN", "function", "OWN", "mine"));
            FunctionDefinition other = t.function("Other").orElseThrow();
            assertThat(other.memorySizeMb()).as("function's scalar replaces Globals' intrinsic").isEqualTo(256);
            assertThat(other.timeoutSeconds()).isEqualTo(10);
        }
    }
}
