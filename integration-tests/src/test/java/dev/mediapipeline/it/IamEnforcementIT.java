package dev.mediapipeline.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mediapipeline.it.harness.EmbeddedPipeline;
import dev.mediapipeline.it.harness.MediaApiClient;
import dev.mediapipeline.it.harness.Poll;
import dev.mediapipeline.it.harness.Project;
import dev.mediapipeline.it.harness.TemplateVariant;
import dev.mediapipeline.it.harness.TestImages;
import dev.mediapipeline.it.harness.Videos;
import dev.mediapipeline.model.AssetId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * IAM is enforced locally as on AWS: a copy of template.yaml with one grant taken out of a function's role makes
 * the pipeline fail locally, with AWS's access-denied message in the asset's reason (or in the S3 answer to an
 * upload the media API signed). Two runtimes: one whose thumbnail, transcode and API roles each lack a grant
 * (independent paths), one whose index role lacks one (the index records every outcome, so it runs alone).
 */
class IamEnforcementIT {

    private static final String DENIED = "is not authorized to perform: ";

    /** Polls the asset until it is FAILED; fails early if it settles on READY. */
    static JsonNode awaitFailed(EmbeddedPipeline pipeline, MediaApiClient api, String id) {
        List<String> seen = new ArrayList<>();
        return Poll.until("asset " + id + " failed", pipeline.processingTimeout(), () -> {
            MediaApiClient.Response r = api.get("/media/" + id);
            String status = r.status() == 404 ? "not indexed" : r.json() == null ? "HTTP " + r.status()
                    : r.json().path("status").asText();
            if (seen.isEmpty() || !seen.getLast().equals(status)) {
                seen.add(status);
            }
            assertThat(status).as("asset %s settled on ready despite the missing grant", id).isNotEqualTo("ready");
            return status.equals("failed") ? Optional.of(r.json()) : Optional.empty();
        }, () -> String.join(" → ", seen));
    }

    static String put(EmbeddedPipeline pipeline, String key, byte[] bytes, String contentType) {
        pipeline.s3().putObject(b -> b.bucket(pipeline.uploadBucket()).key(key).contentType(contentType),
                RequestBody.fromBytes(bytes));
        return AssetId.of(pipeline.uploadBucket(), key).value();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ProcessingAndApiRoles {

        EmbeddedPipeline pipeline;
        MediaApiClient api;

        @BeforeAll
        void start() {
            Path template = TemplateVariant.ofProjectTemplate()
                    .withoutStatement("ThumbnailFunction", "WriteRenditions")
                    .withoutStatement("TranscodeFunction", "WriteRenditions")
                    .withoutStatement("MediaApiFunction", "GrantUploadsUnderTheServerPrefix")
                    .write("without-rendition-and-upload-grants");
            pipeline = EmbeddedPipeline.start(EmbeddedPipeline.Options.named("iam-processing").template(template));
            api = new MediaApiClient(pipeline.apiUri());
        }

        @AfterAll
        void stop() {
            if (pipeline != null) {
                pipeline.close();
            }
        }

        @Test
        void aThumbnailFunctionThatMayNotWriteRenditionsFailsTheImage() {
            String id = put(pipeline, "it/iam/photo.jpg", TestImages.jpeg(320, 240, 31), "image/jpeg");

            JsonNode asset = awaitFailed(pipeline, api, id);

            assertThat(asset.path("reason").asText()).as("reason").contains(DENIED + "s3:PutObject")
                    .contains("ThumbnailFunction");
        }

        @Test
        void aTranscodeFunctionThatMayNotWriteRenditionsFailsTheVideo() throws IOException {
            dev.mediapipeline.testing.FfmpegCli.require();
            Path clip = Videos.clip(Files.createDirectories(Project.target("iam-it")), "tiny-2s.mp4", 160, 120, 10,
                    2, false, 1, false);
            String id = put(pipeline, "it/iam/tiny.mp4", Files.readAllBytes(clip), "video/mp4");

            JsonNode asset = awaitFailed(pipeline, api, id);

            // its first call is a HEAD of the renditions' master playlist: a 403 without a body, as on AWS
            assertThat(asset.path("reason").asText()).as("reason").contains("renditions")
                    .contains("Status Code: 403").containsAnyOf("Forbidden", DENIED);
        }

        @Test
        void anUploadTheApiSignedWithoutTheGrantIsRefusedByS3() {
            byte[] photo = TestImages.jpeg(64, 48, 32);
            MediaApiClient.Response grant = api.grant("refused.jpg", "image/jpeg", photo.length);
            assertThat(grant.status()).as("grant: %s", grant.text()).isEqualTo(201);

            MediaApiClient.Response upload = MediaApiClient.upload(grant.json(), photo, "image/jpeg");

            assertThat(upload.status()).as("S3 POST: %s", upload.text()).isEqualTo(403);
            assertThat(upload.text()).as("S3 error").contains("<Code>AccessDenied</Code>")
                    .contains(DENIED + "s3:PutObject").contains("MediaApiFunction");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class IndexRole {

        EmbeddedPipeline pipeline;
        MediaApiClient api;

        @BeforeAll
        void start() {
            Path template = TemplateVariant.ofProjectTemplate()
                    .withoutStatement("IndexFunction", "ReadUploadHeaders")
                    .write("without-index-upload-reads");
            pipeline = EmbeddedPipeline.start(EmbeddedPipeline.Options.named("iam-index").template(template));
            api = new MediaApiClient(pipeline.apiUri());
        }

        @AfterAll
        void stop() {
            if (pipeline != null) {
                pipeline.close();
            }
        }

        @Test
        void anIndexThatMayNotReadUploadsFailsTheAsset() {
            String id = put(pipeline, "it/iam/unreadable.jpg", TestImages.jpeg(320, 240, 33), "image/jpeg");

            JsonNode asset = awaitFailed(pipeline, api, id);

            // it reads the upload's headers first: a HEAD, whose 403 has no body (as on AWS)
            assertThat(asset.path("reason").asText()).as("reason").contains("uploads")
                    .contains("Status Code: 403").containsAnyOf("Forbidden", DENIED);
        }
    }
}
