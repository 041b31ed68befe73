package dev.mediapipeline.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediapipeline.local.template.NotificationConfiguration.FunctionTarget;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A function's Events: S3 notifications with filters, SNS subscriptions, HTTP routes, async-invoke settings. */
class EventSourceReaderTest extends TemplateFixture {

    @Nested
    class S3AndHttpEvents {

        @Test
        void samS3EventsBecomeBucketNotificationsWithFilters() {
            StackTemplate t = parse("""
                    Resources:
                      Photos:
                        Type: AWS::S3::Bucket
                        Properties:
                          NotificationConfiguration:
                            LambdaConfigurations:
                              - Event: s3:ObjectRemoved:*
                                Function: !GetAtt Fn.Arn
                      Fn:
                        Type: AWS::Serverless::Function
                        Properties:
                          CodeUri: fn.jar
                          Handler: example.Handler
                          Runtime: java21
                          Events:
                            Jpegs:
                              Type: S3
                              Properties:
                                Bucket: !Ref Photos
                                Events: [s3:ObjectCreated:*]
                                Filter:
                                  S3Key:
                                    Rules:
                                      - {Name: prefix, Value: incoming/}
                                      - {Name: suffix, Value: .jpg}
                            Api:
                              Type: HttpApi
                              Properties: {Path: '/media/{id}', Method: get}
                            Nightly:
                              Type: Schedule
                              Properties: {Schedule: rate(1 day)}
                          EventInvokeConfig:
                            MaximumRetryAttempts: 1
                            DestinationConfig:
                              OnFailure: {Type: Lambda, Destination: !GetAtt Fn.Arn}
                    """);
            BucketDefinition photos = t.buckets().getFirst();
            assertThat(photos.name()).as("generated name, lower case, stable")
                    .matches("media-pipeline-photos-[0-9a-f]{13}");
            assertThat(photos.notifications()).hasSize(2);
            NotificationConfiguration jpegs = photos.notifications().get(1);
            assertThat(jpegs.target()).isEqualTo(new FunctionTarget("Fn"));
            assertThat(jpegs.matches("ObjectCreated:Put", "incoming/a b.jpg")).isTrue();
            assertThat(jpegs.matches("ObjectCreated:CompleteMultipartUpload", "incoming/x.jpg")).isTrue();
            assertThat(jpegs.matches("ObjectCreated:Put", "other/a.jpg")).as("prefix").isFalse();
            assertThat(jpegs.matches("ObjectCreated:Put", "incoming/a.png")).as("suffix").isFalse();
            assertThat(jpegs.matches("ObjectRemoved:Delete", "incoming/a.jpg")).as("event type").isFalse();
            assertThat(photos.notifications().getFirst().matches("ObjectRemoved:Delete", "any")).isTrue();
            FunctionDefinition fn = t.function("Fn").orElseThrow();
            assertThat(fn.httpRoutes()).singleElement().isEqualTo(
                    new HttpRoute("Api", "GET", "/media/{id}", "ServerlessHttpApi", false, "2.0"));
            assertThat(fn.eventInvokeConfig().maximumRetryAttempts()).isEqualTo(1);
            assertThat(fn.eventInvokeConfig().onFailure().orElseThrow().type()).isEqualTo(Destination.Type.LAMBDA);
            assertThat(t.warnings()).as("Schedule events are not emulated: said, not fatal")
                    .anySatisfy(w -> assertThat(w).contains("Resources.Fn.Properties.Events.Nightly").contains("Schedule"));
        }
    }

    @Nested
    class SnsEvents {

        @Test
        void snsSubscriptionsWithFilterPolicies() {
            StackTemplate t = parse("""
                    Resources:
                      Topic: {Type: AWS::SNS::Topic}
                      Fn:
                        Type: AWS::Serverless::Function
                        Properties:
                          CodeUri: fn.jar
                          Handler: example.Handler
                          Runtime: java21
                          Events:
                            Big:
                              Type: SNS
                              Properties:
                                Topic: !Ref Topic
                                FilterPolicyScope: MessageBody
                                FilterPolicy: {size: [{numeric: ['>', 100]}]}
                      Explicit:
                        Type: AWS::SNS::Subscription
                        Properties: {Protocol: lambda, TopicArn: !GetAtt Topic.Arn, Endpoint: !GetAtt Fn.Arn}
                    """);
            assertThat(t.warnings()).as("GetAtt Topic.Arn works locally, not on AWS: said")
                    .anySatisfy(w -> assertThat(w).contains("Resources.Explicit.Properties.TopicArn").contains("TopicArn"));
            assertThat(t.topics().getFirst().name()).matches("media-pipeline-Topic-[0-9A-F]{13}");
            assertThat(t.subscriptions()).hasSize(2).allSatisfy(s -> assertThat(s.functionName()).isEqualTo("Fn"));
            Subscription filtered = t.subscriptions().getFirst();
            assertThat(filtered.filterOnBody()).isTrue();
            assertThat(filtered.filterPolicy()).isPresent();
        }
    }
}
