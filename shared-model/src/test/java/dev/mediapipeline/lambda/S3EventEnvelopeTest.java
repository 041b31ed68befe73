package dev.mediapipeline.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Reads the shared fixtures in events/ (the same files sam local invoke and the local runtime use). */
class S3EventEnvelopeTest {

    static S3Event fixture(String name) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("..", "events", name))) {
            return S3EventEnvelope.read(in);
        }
    }

    @Nested
    class DirectFromS3 {
        @Test
        void readsEveryField() throws IOException {
            S3EventNotificationRecord r = fixture("s3-put-photo.json").getRecords().getFirst();
            assertThat(r.getEventName()).isEqualTo("ObjectCreated:Put");
            assertThat(r.getEventVersion()).isEqualTo("2.1");
            assertThat(r.getS3().getBucket().getName()).isEqualTo("media-pipeline-uploads-000000000000");
            assertThat(r.getS3().getObject().getUrlDecodedKey()).isEqualTo("photos/landscape.jpg");
            assertThat(r.getS3().getObject().getSizeAsLong()).isEqualTo(312456L);
            assertThat(r.getS3().getObject().getSequencer()).isEqualTo("0062A1B2C3D4E5F601");
            assertThat(r.getS3().getObject().geteTag()).isEqualTo("3f2a6b1c9d8e7f6a5b4c3d2e1f0a9b8c");
        }

        @Test
        void decodesOddKeysLikeS3EncodesThem() throws IOException {
            S3EventNotificationRecord r = fixture("s3-put-odd-key.json").getRecords().getFirst();
            assertThat(r.getS3().getObject().getKey()).as("raw key as sent").contains("+").contains("%2B");
            assertThat(r.getS3().getObject().getUrlDecodedKey()).isEqualTo("holiday photos/été + ½ 100%.jpg");
        }

        @Test
        void keepsEveryRecordInOrder() throws IOException {
            assertThat(fixture("s3-put-two-photos.json").getRecords())
                    .extracting(x -> x.getS3().getObject().getUrlDecodedKey())
                    .containsExactly("photos/landscape.jpg", "photos/portrait.jpg");
        }

        @Test
        void deletionsHaveNoSizeOrEtag() throws IOException {
            S3EventNotificationRecord r = fixture("s3-delete-photo.json").getRecords().getFirst();
            assertThat(r.getEventName()).isEqualTo("ObjectRemoved:Delete");
            assertThat(r.getS3().getObject().getSizeAsLong()).isNull();
        }
    }

    @Nested
    class ThroughSns {
        @Test
        void unwrapsTheS3EventInTheMessage() throws IOException {
            S3Event event = fixture("sns-s3-put-photo.json");
            assertThat(event.getRecords()).hasSize(1);
            assertThat(event.getRecords().getFirst().getS3().getObject().getUrlDecodedKey()).isEqualTo("photos/landscape.jpg");
        }

        @Test
        void s3TestEventHasNoRecords() throws IOException {
            assertThat(fixture("s3-test-event.json").getRecords()).isEmpty();
        }
    }

    @Nested
    class BadInput {
        @Test
        void notJson() {
            assertThatThrownBy(() -> S3EventEnvelope.read("not json"))
                    .isInstanceOf(S3EventEnvelope.UnrecognizedEventException.class).hasMessageContaining("not JSON");
        }

        @Test
        void wrongShape() {
            assertThatThrownBy(() -> S3EventEnvelope.read("{\"detail\":{}}")).hasMessageContaining("no Records");
            assertThatThrownBy(() -> S3EventEnvelope.read("{\"Records\":[{\"eventSource\":\"aws:sqs\"}]}"))
                    .hasMessageContaining("aws:sqs");
            assertThatThrownBy(() -> S3EventEnvelope.read("{\"Records\":[{\"eventSource\":\"aws:s3\",\"s3\":{}}]}"))
                    .hasMessageContaining("s3.bucket.name");
        }
    }
}
