package dev.mediapipeline.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediapipeline.index.state.Sequencers;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.Config;
import dev.mediapipeline.testing.TemplateTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lambda's on-failure records: parsing, and which assets a record concerns. */
class FailureRecordTest {

    static final IndexConfig CONFIG = IndexConfig.from(new Config(Map.of("UPLOAD_BUCKET", "media-pipeline-uploads-000000000000",
            "RENDITIONS_BUCKET", "media-pipeline-renditions-000000000000", "FAILURES_BUCKET", "media-pipeline-failures-000000000000",
            "WORK_BUCKET", "media-pipeline-work-000000000000", "MEDIA_TABLE", "t")));

    @Test
    void theCommittedFixtureParsesAndNamesTheUpload() throws Exception {
        byte[] json = Files.readAllBytes(TemplateTables.projectTemplate().resolveSibling("events").resolve("lambda-failure-record.json"));
        FailureRecord r = FailureRecord.parse(json, "fallback", Instant.EPOCH);
        assertThat(r.function()).isEqualTo("media-pipeline-ThumbnailFunction-AbCdEf123456");
        assertThat(r.requestId()).isEqualTo("e4b3c1d2-7a8f-4e2b-9c1d-0f5e6a7b8c9d");
        assertThat(r.condition()).isEqualTo("RetriesExhausted");
        assertThat(r.errorType()).isEqualTo("dev.mediapipeline.image.UnreadableImageException");
        assertThat(r.message()).isEqualTo("Premature end of JPEG file: the image is truncated");
        assertThat(r.timestamp()).isEqualTo(Instant.parse("2026-11-21T10:18:42.517Z"));

        List<FailureRecord.Attribution> assets = attribute(r);
        assertThat(assets).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(AssetId.of("media-pipeline-uploads-000000000000", "photos/landscape.jpg"));
            assertThat(a.sourceSequencer()).isEqualTo(Sequencers.normalize("0062A1B2C3D4E5F601"));
            assertThat(a.source().size()).isEqualTo(312456);
        });
    }

    @Test
    void aFailedTranscodeChunkNamesTheAssetOfItsWorkKeyNotOfTheWorkBucket() throws Exception {
        byte[] json = Files.readAllBytes(TemplateTables.projectTemplate().resolveSibling("events")
                .resolve("lambda-failure-record-transcode-chunk.json"));
        FailureRecord r = FailureRecord.parse(json, "fallback", Instant.EPOCH);
        assertThat(r.function()).isEqualTo("media-pipeline-TranscodeFunction-Q1w2E3r4T5y6");
        assertThat(r.message()).isEqualTo("chunk 1 cannot be decoded: Invalid data found when processing input");
        assertThat(attribute(r)).as("work/{assetId}/... maps back to its asset").singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(new AssetId("5d41402abc4b2a76b9719d91"));
            assertThat(a.id()).isNotEqualTo(AssetId.of(CONFIG.workBucket(),
                    "work/5d41402abc4b2a76b9719d91/0f1e2d3c4b5a6978/tasks/chunk-0001.task.json"));
            assertThat(a.source()).as("says nothing of the upload's version").isNull();
        });
        assertThat(r.attribute(CONFIG.uploadBucket(), CONFIG.renditionsBucket(), CONFIG.failuresBucket(), "another-bucket"))
                .as("keys of a bucket the index does not know are not followed").isEmpty();
    }

    @Test
    void aTimeoutWithoutMessageSaysWhatHappened() {
        String json = "{\"timestamp\":\"2026-11-21T10:00:00Z\",\"requestContext\":{\"requestId\":\"r\",\"functionArn\":\"arn:aws:lambda:us-east-1:1:function:F\","
                + "\"condition\":\"EventAgeExceeded\"},\"requestPayload\":{\"assetId\":\"0123456789abcdef01234567\",\"chunk\":3}}";
        FailureRecord r = FailureRecord.parse(json.getBytes(StandardCharsets.UTF_8), "k", Instant.EPOCH);
        assertThat(r.function()).isEqualTo("F");
        assertThat(r.message()).isEqualTo("the invocation failed (EventAgeExceeded)");
        assertThat(attribute(r)).as("a fan-out payload names its asset").extracting(FailureRecord.Attribution::id)
                .containsExactly(new AssetId("0123456789abcdef01234567"));
    }

    @Test
    void aHugeMessageIsCut() {
        String json = "{\"timestamp\":\"2026-11-21T10:00:00Z\",\"requestContext\":{\"requestId\":\"r\",\"functionArn\":\"F\"},"
                + "\"responsePayload\":{\"errorMessage\":\"" + "x".repeat(5000) + "\"}}";
        assertThat(FailureRecord.parse(json.getBytes(StandardCharsets.UTF_8), "k", Instant.EPOCH).message()).hasSize(FailureRecord.MAX_MESSAGE);
    }

    @Test
    void somethingElseIsRejected() {
        assertThatThrownBy(() -> FailureRecord.parse("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8), "k", Instant.EPOCH))
                .isInstanceOf(FailureRecord.MalformedFailureRecordException.class);
        assertThatThrownBy(() -> FailureRecord.parse("nope".getBytes(StandardCharsets.UTF_8), "k", Instant.EPOCH))
                .isInstanceOf(FailureRecord.MalformedFailureRecordException.class);
    }

    static List<FailureRecord.Attribution> attribute(FailureRecord r) {
        return r.attribute(CONFIG.uploadBucket(), CONFIG.renditionsBucket(), CONFIG.failuresBucket(), CONFIG.workBucket());
    }
}
