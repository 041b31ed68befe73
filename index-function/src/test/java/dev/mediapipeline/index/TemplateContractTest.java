package dev.mediapipeline.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mediapipeline.model.Config;
import dev.mediapipeline.testing.TemplateTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** template.yaml deploys what this module is: handler, package, the variables IndexConfig needs, the three triggers. */
class TemplateContractTest {

    static JsonNode function() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(TemplateTables.projectTemplate().toFile()).path("Resources").path("IndexFunction");
    }

    @Test
    void handlerPackageAndEnvironment() throws Exception {
        JsonNode p = function().path("Properties");
        assertThat(p.path("Handler").asText()).isEqualTo(IndexHandler.class.getName() + "::handleRequest");
        assertThat(p.path("CodeUri").asText()).isEqualTo("index-function/target/index-function.jar");
        Map<String, String> env = new HashMap<>();
        p.path("Environment").path("Variables").properties().forEach(e -> env.put(e.getKey(), "x"));
        assertThat(env).containsKeys("UPLOAD_BUCKET", "RENDITIONS_BUCKET", "FAILURES_BUCKET", "WORK_BUCKET", "MEDIA_TABLE", "THUMBNAIL_PROFILES",
                "STORE_GPS_METADATA");
        env.put("THUMBNAIL_PROFILES", "phone:640x1280");
        env.put("STORE_GPS_METADATA", "false");
        env.put("METADATA_READ_BUDGET_MB", p.path("Environment").path("Variables").path("METADATA_READ_BUDGET_MB").asText());
        assertThat(IndexConfig.from(new Config(env)).table()).isEqualTo("x");
    }

    @Test
    void triggeredByUploadsRenditionsAndFailureRecords() throws Exception {
        JsonNode events = function().path("Properties").path("Events");
        List<String> suffixes = new ArrayList<>();
        boolean sns = false;
        boolean failures = false;
        for (JsonNode e : events) {
            String type = e.path("Type").asText();
            JsonNode props = e.path("Properties");
            if (type.equals("SNS")) {
                sns = props.path("Topic").asText().equals("UploadEventsTopic");
            } else if (type.equals("S3") && props.path("Bucket").asText().equals("RenditionsBucket")) {
                assertThat(props.path("Events").toString()).contains("s3:ObjectCreated:*", "s3:ObjectRemoved:*");
                props.path("Filter").path("S3Key").path("Rules").forEach(r -> suffixes.add(r.path("Value").asText()));
            } else if (type.equals("S3") && props.path("Bucket").asText().equals("FailedInvocationsBucket")) {
                failures = true;
            }
        }
        assertThat(sns).as("uploads through the SNS topic").isTrue();
        assertThat(failures).as("failure records").isTrue();
        assertThat(suffixes).as("thumbnails, posters and playlists; not segments").containsExactlyInAnyOrder(".jpg", ".png", ".m3u8");
    }

    @Test
    void agreesWithTheTranscoderOnPostersAndTheWorkBucket() throws Exception {
        JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(TemplateTables.projectTemplate().toFile()).path("Resources");
        JsonNode index = resources.path("IndexFunction").path("Properties").path("Environment").path("Variables");
        JsonNode transcoder = resources.path("TranscodeFunction").path("Properties").path("Environment").path("Variables");
        JsonNode thumbnails = resources.path("ThumbnailFunction").path("Properties").path("Environment").path("Variables");
        assertThat(index.path("THUMBNAIL_PROFILES").asText()).as("a video waits for a poster at every profile the transcoder renders")
                .isEqualTo(transcoder.path("THUMBNAIL_PROFILES").asText())
                .isEqualTo(thumbnails.path("THUMBNAIL_PROFILES").asText())
                .isEqualTo("ThumbnailProfiles");
        assertThat(index.path("WORK_BUCKET").asText()).as("failed chunk tasks are mapped from the transcoder's work bucket")
                .isEqualTo(transcoder.path("WORK_BUCKET").asText())
                .isNotBlank();
    }
}
