package dev.mediapipeline.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediapipeline.local.template.NotificationConfiguration.FunctionTarget;
import dev.mediapipeline.local.template.NotificationConfiguration.TopicTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

class TemplateLoaderTest {

    @TempDir
    Path dir;

    @BeforeEach
    void jars() throws IOException {
        List<String> jars = new java.util.ArrayList<>(List.of("fn.jar", "other.jar"));
        var codeUri = java.util.regex.Pattern.compile("(?m)^\\s*CodeUri:\\s*(\\S+)\\s*$").matcher(projectTemplate());
        while (codeUri.find()) {
            jars.add(codeUri.group(1));
        }
        for (String jar : jars) {
            Path p = dir.resolve(jar);
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[]{'P', 'K'});
        }
    }

    private StackTemplate parse(String yaml) {
        return TemplateLoader.parse(yaml, dir, Map.of());
    }

    private StackTemplate parse(String yaml, Map<String, String> overrides) {
        return TemplateLoader.parse(yaml, dir, overrides);
    }

    private static String projectTemplate() throws IOException {
        Path here = Path.of("").toAbsolutePath();
        Path file = Files.exists(here.resolve("template.yaml")) ? here.resolve("template.yaml") : here.getParent().resolve("template.yaml");
        return Files.readString(file);
    }

    private static final String FUNCTION = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: fn.jar
                  Handler: example.Handler::handleRequest
                  Runtime: java21
            """;

    @Nested
    class TheProjectTemplate {

        @Test
        void resolvesEveryResourceTheRuntimeEmulates() throws IOException {
            StackTemplate t = parse(projectTemplate());
            assertThat(t.buckets()).extracting(BucketDefinition::name).as("bucket names from !Sub")
                    .containsExactly("media-pipeline-uploads-000000000000", "media-pipeline-renditions-000000000000",
                            "media-pipeline-failures-000000000000", "media-pipeline-website-000000000000",
                            "media-pipeline-work-000000000000");
            TopicDefinition topic = t.topics().getFirst();
            assertThat(topic.name()).isEqualTo("media-pipeline-upload-events");
            assertThat(topic.arn()).isEqualTo("arn:aws:sns:us-east-1:000000000000:media-pipeline-upload-events");
            BucketDefinition uploads = t.buckets().getFirst();
            assertThat(uploads.notifications()).as("upload bucket notifies the topic")
                    .extracting(NotificationConfiguration::event, NotificationConfiguration::target)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("s3:ObjectCreated:*", new TopicTarget(topic.arn())),
                            org.assertj.core.groups.Tuple.tuple("s3:ObjectRemoved:*", new TopicTarget(topic.arn())));
            assertThat(uploads.corsRules()).singleElement().satisfies(rule -> {
                assertThat(rule.allowedMethods()).containsExactly("PUT", "POST");
                assertThat(rule.exposedHeaders()).containsExactly("ETag");
                assertThat(rule.maxAgeSeconds()).contains(3000);
            });
            assertThat(t.bucket("media-pipeline-renditions-000000000000").orElseThrow().notifications())
                    .as("renditions bucket notifies the index only, never the functions that write it: no recursion")
                    .extracting(n -> ((FunctionTarget) n.target()).functionName()).containsOnly("IndexFunction");
            assertThat(t.bucket("media-pipeline-renditions-000000000000").orElseThrow().notifications())
                    .extracting(NotificationConfiguration::suffix).containsOnly(".jpg", ".png", ".m3u8");
            assertThat(t.bucket("media-pipeline-failures-000000000000").orElseThrow().notifications())
                    .as("failure records reach the index").singleElement()
                    .satisfies(n -> assertThat(n.target()).isEqualTo(new FunctionTarget("IndexFunction")));
            assertThat(t.bucket("media-pipeline-work-000000000000").orElseThrow().notifications())
                    .as("chunk task objects in the work bucket fan out to the transcoder").singleElement()
                    .satisfies(n -> {
                        assertThat(n.target()).isEqualTo(new FunctionTarget("TranscodeFunction"));
                        assertThat(n.prefix()).isEqualTo("work/");
                        assertThat(n.suffix()).isEqualTo(".task.json");
                    });
            assertThat(t.tables()).extracting(TableDefinition::name).containsExactly("media-pipeline-media");
            assertThat(t.httpApis()).singleElement().satisfies(api -> {
                assertThat(api.logicalId()).isEqualTo("MediaHttpApi");
                assertThat(api.cors()).as("CORS is left to the function").isEmpty();
                assertThat(api.routes()).extracting(HttpApiDefinition.Route::routeKey).containsExactly("POST /uploads",
                        "GET /limits", "GET /media", "GET /media/{id}", "DELETE /media/{id}",
                        "GET /media/{id}/hls/{proxy+}", "OPTIONS /{proxy+}", "$default");
                assertThat(api.routes()).extracting(HttpApiDefinition.Route::functionName).containsOnly("MediaApiFunction");
            });

            FunctionDefinition thumbnails = t.function("ThumbnailFunction").orElseThrow();
            assertThat(thumbnails.name()).isEqualTo("ThumbnailFunction");
            assertThat(thumbnails.handler()).isEqualTo("dev.mediapipeline.thumbnail.ThumbnailHandler::handleRequest");
            assertThat(thumbnails.codeUri()).isEqualTo(dir.resolve("thumbnail-function/target/thumbnail-function.jar"));
            assertThat(thumbnails.memorySizeMb()).isEqualTo(1769);
            assertThat(thumbnails.timeoutSeconds()).isEqualTo(60);
            assertThat(thumbnails.runtime()).as("from Globals").isEqualTo("java21");
            assertThat(thumbnails.environment())
                    .containsEntry("LOG_LEVEL", "INFO")
                    .containsEntry("UPLOAD_BUCKET", "media-pipeline-uploads-000000000000")
                    .containsEntry("RENDITIONS_BUCKET", "media-pipeline-renditions-000000000000")
                    .containsEntry("JPEG_QUALITY", "82")
                    .containsEntry("MAX_IMAGE_PIXELS", "100000000")
                    .containsEntry("THUMBNAIL_PROFILES", "phone:640x1280,tablet:1280x2560,desktop:1920x3840,square:256x256:crop");
            assertThat(thumbnails.environment().get("JAVA_TOOL_OPTIONS")).contains("-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp");
            assertThat(thumbnails.eventInvokeConfig().maximumRetryAttempts()).isEqualTo(2);
            assertThat(thumbnails.eventInvokeConfig().onFailure())
                    .contains(new Destination(Destination.Type.S3, "arn:aws:s3:::media-pipeline-failures-000000000000"));
            assertThat(t.subscriptions()).extracting(Subscription::functionName).as("the upload topic's subscribers")
                    .containsExactlyInAnyOrder("ThumbnailFunction", "IndexFunction", "TranscodeFunction");
            assertThat(t.subscriptions()).allSatisfy(s -> {
                assertThat(s.topicArn()).isEqualTo(topic.arn());
                assertThat(s.subscriptionArn()).startsWith(topic.arn() + ":");
            });
            assertThat(t.outputs()).containsEntry("UploadBucketName", "media-pipeline-uploads-000000000000")
                    .containsEntry("FailedInvocationsBucketName", "media-pipeline-failures-000000000000")
                    .containsEntry("ThumbnailFunctionName", "ThumbnailFunction");
            assertThat(t.warnings()).as("only the upload page's deployment (CloudFront, the custom resource that"
                    + " publishes the site) is ignored: locally the web port serves the site")
                    .allSatisfy(w -> assertThat(w).containsAnyOf("AWS::CloudFront::", "Custom::WebsiteContent",
                            "AWS::S3::BucketPolicy"));
            assertThat(t.outputs()).containsEntry("MediaTableName", "media-pipeline-media");
        }

        @Test
        void parameterOverridesChangeNamesAndAreChecked() throws IOException {
            StackTemplate t = parse(projectTemplate(), Map.of("NamePrefix", "demo", "JpegQuality", "90",
                    "ParallelThresholdSeconds", "20", "ChunkSeconds", "12"));
            assertThat(t.buckets().getFirst().name()).isEqualTo("demo-uploads-000000000000");
            assertThat(t.function("ThumbnailFunction").orElseThrow().environment()).containsEntry("JPEG_QUALITY", "90");
            assertThat(t.function("TranscodeFunction").orElseThrow().environment()).as("segment-parallel mode lowered locally")
                    .containsEntry("PARALLEL_THRESHOLD_SECONDS", "20").containsEntry("CHUNK_SECONDS", "12");
            assertThat(t.function("IndexFunction").orElseThrow().environment()).containsEntry("WORK_BUCKET", "demo-work-000000000000");
            assertThat(t.parameters()).containsEntry("NamePrefix", "demo");

            assertThatThrownBy(() -> parse(projectTemplate(), Map.of("NamePrefix", "Bad_Prefix")))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageContaining("Parameters.NamePrefix").hasMessageContaining("AllowedPattern");
            assertThatThrownBy(() -> parse(projectTemplate(), Map.of("JpegQuality", "101")))
                    .hasMessageContaining("Parameters.JpegQuality").hasMessageContaining("MaxValue 100");
            assertThatThrownBy(() -> parse(projectTemplate(), Map.of("JpegQuality", "high")))
                    .hasMessageContaining("Parameters.JpegQuality").hasMessageContaining("not a number");
            assertThatThrownBy(() -> parse(projectTemplate(), Map.of("Colour", "blue")))
                    .hasMessageContaining("'Colour'").hasMessageContaining("NamePrefix");
        }
    }

    @Nested
    class Intrinsics {

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

    @Nested
    class Events {

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

        @Test
        void tablesBecomeCreateTableRequests() {
            StackTemplate t = parse("""
                    Resources:
                      Media:
                        Type: AWS::DynamoDB::Table
                        Properties:
                          TableName: !Sub '${AWS::StackName}-media'
                          BillingMode: PAY_PER_REQUEST
                          PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
                          AttributeDefinitions:
                            - {AttributeName: pk, AttributeType: S}
                            - {AttributeName: createdAt, AttributeType: S}
                            - {AttributeName: kind, AttributeType: S}
                          KeySchema: [{AttributeName: pk, KeyType: HASH}]
                          GlobalSecondaryIndexes:
                            - IndexName: byKind
                              KeySchema: [{AttributeName: kind, KeyType: HASH}, {AttributeName: createdAt, KeyType: RANGE}]
                              Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [status]}
                          TimeToLiveSpecification: {AttributeName: expiresAt, Enabled: true}
                      Simple: {Type: AWS::Serverless::SimpleTable}
                    """);
            TableDefinition media = t.tables().getFirst();
            CreateTableRequest r = media.createTableRequest();
            assertThat(r.tableName()).isEqualTo("media-pipeline-media");
            assertThat(r.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
            assertThat(r.keySchema()).singleElement().satisfies(k -> assertThat(k.keyType()).isEqualTo(KeyType.HASH));
            assertThat(r.globalSecondaryIndexes()).singleElement().satisfies(g -> {
                assertThat(g.indexName()).isEqualTo("byKind");
                assertThat(g.keySchema()).hasSize(2);
                assertThat(g.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
                assertThat(g.projection().nonKeyAttributes()).containsExactly("status");
            });
            assertThat(media.timeToLiveAttribute()).contains("expiresAt");
            assertThat(t.tables().get(1).createTableRequest().keySchema().getFirst().attributeName()).isEqualTo("id");
        }
    }

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
