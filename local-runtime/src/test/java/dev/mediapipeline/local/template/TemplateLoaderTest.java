package dev.mediapipeline.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediapipeline.local.template.NotificationConfiguration.FunctionTarget;
import dev.mediapipeline.local.template.NotificationConfiguration.TopicTarget;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The project's template.yaml, read whole: what the runtime runs of it. */
class TemplateLoaderTest extends TemplateFixture {

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
}
