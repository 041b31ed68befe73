package dev.mediapipeline.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediapipeline.lambda.S3EventEnvelope;
import dev.mediapipeline.local.Fixtures;
import dev.mediapipeline.local.aws.ObjectEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3EventFactoryTest {

    private static final Instant TIME = Instant.parse("2026-11-21T10:15:30.123Z");
    private static final String UPLOADS = "media-pipeline-uploads-000000000000";
    private final S3EventFactory factory = new S3EventFactory("us-east-1", "000000000000");

    private static ObjectEvent created(String key, long size, String eTag, String sequencer) {
        return new ObjectEvent("ObjectCreated:Put", UPLOADS, key, size, eTag, sequencer, TIME, "C3D13FE58DE4C810",
                "203.0.113.10");
    }

    /** Reparsed, so numbers compare by value as in the parsed fixture. */
    private static JsonNode reparsed(JsonNode node) {
        try {
            return S3EventFactory.JSON.readTree(node.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The fixture, with the fields that identify the account and request host replaced by ours. */
    private static JsonNode expected(String fixture, JsonNode actual) {
        ObjectNode expected = (ObjectNode) Fixtures.eventJson(fixture).deepCopy();
        for (int i = 0; i < expected.get("Records").size(); i++) {
            ObjectNode e = (ObjectNode) expected.get("Records").get(i);
            JsonNode a = actual.get("Records").get(i);
            ((ObjectNode) e.get("userIdentity")).set("principalId", a.at("/userIdentity/principalId"));
            ((ObjectNode) e.get("responseElements")).set("x-amz-id-2", a.at("/responseElements/x-amz-id-2"));
            ((ObjectNode) e.at("/s3/bucket/ownerIdentity")).set("principalId", a.at("/s3/bucket/ownerIdentity/principalId"));
        }
        return expected;
    }

    @Nested
    class MatchesTheFixtures {

        @Test
        void aPutOfAKeyWithSpacesPlusPercentAndUnicode() {
            ObjectNode actual = factory.event(created("holiday photos/été + ½ 100%.jpg", 298311,
                    "\"9b1e0c2d3f4a5b6c7d8e9f0a1b2c3d4e\"", "0062A1B2C3D4E5F602"), "UploadNotifications");
            assertThat(reparsed(actual)).as("exactly events/s3-put-odd-key.json, field for field")
                    .isEqualTo(expected("s3-put-odd-key.json", actual));
        }

        @Test
        void aPut() {
            ObjectNode actual = factory.event(created("photos/landscape.jpg", 312456,
                    "3f2a6b1c9d8e7f6a5b4c3d2e1f0a9b8c", "0062A1B2C3D4E5F601"), "UploadNotifications");
            assertThat(reparsed(actual)).isEqualTo(expected("s3-put-photo.json", actual));
            assertThat(actual.at("/Records/0/responseElements/x-amz-id-2").asText()).hasSize(64);
        }

        @Test
        void aRemovalCarriesNoSizeNorETag() {
            ObjectNode actual = factory.event(new ObjectEvent("ObjectRemoved:Delete", UPLOADS, "photos/landscape.jpg",
                    0, null, "0062A1B2C3D4E5F607", TIME, "C3D13FE58DE4C810", "203.0.113.10"), "UploadNotifications");
            assertThat(reparsed(actual)).isEqualTo(expected("s3-delete-photo.json", actual));
            assertThat(actual.at("/Records/0/s3/object").has("size")).isFalse();
        }

        @Test
        void theStructureIsTheFixturesForEveryKind() {
            ObjectNode actual = factory.event(created("folder/", 0, "d41d8cd98f00b204e9800998ecf8427e",
                    "0062A1B2C3D4E5F606"), "UploadNotifications");
            assertThat(Fixtures.shape(actual)).isEqualTo(Fixtures.shape(Fixtures.eventJson("s3-put-folder-marker.json")));
        }
    }

    @Nested
    class KeyEncoding {

        @Test
        void encodesLikeS3() {
            assertThat(S3EventFactory.encodeKey("a b.jpg")).isEqualTo("a+b.jpg");
            assertThat(S3EventFactory.encodeKey("a+b.jpg")).isEqualTo("a%2Bb.jpg");
            assertThat(S3EventFactory.encodeKey("100%.jpg")).isEqualTo("100%25.jpg");
            assertThat(S3EventFactory.encodeKey("été/½.jpg")).isEqualTo("%C3%A9t%C3%A9/%C2%BD.jpg");
            assertThat(S3EventFactory.encodeKey("a/b/c.jpg")).as("slashes stay").isEqualTo("a/b/c.jpg");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a b.jpg", "a+b.jpg", "100%.jpg", "100%25.jpg", "été/ünï code ½.jpg", "emoji 📷.png",
                "tilde~star*(paren)!'.jpg", "q?x=1&y=2#frag.jpg", "photos/", "back\\slash\ttab.jpg", "<img src=x onerror=alert(1)>.jpg"})
        void whatFunctionsDecodeIsTheKeyAsStored(String key) {
            ObjectNode json = factory.event(created(key, 1, "e", "01"), "c");
            S3Event event = S3EventEnvelope.read(json.toString());
            assertThat(event.getRecords().getFirst().getS3().getObject().getUrlDecodedKey())
                    .as("aws-lambda-java-events decodes what we encoded").isEqualTo(key);
        }
    }

    @Test
    void theSnsEnvelopeHasTheFixturesStructureAndCarriesTheS3EventAsText() throws Exception {
        JsonNode s3Event = factory.event(created("photos/landscape.jpg", 312456, "3f2a6b1c9d8e7f6a5b4c3d2e1f0a9b8c",
                "0062A1B2C3D4E5F608"), "UploadNotifications");
        String topic = "arn:aws:sns:us-east-1:000000000000:media-pipeline-upload-events";
        ObjectNode envelope = SnsEnvelope.wrap(topic, topic + ":2bcfbf39-05c3-41de-beaa-fcfcc21c8f55",
                "95df01b4-ee98-5cb9-9903-4c221d41eb5e", "Amazon S3 Notification", s3Event.toString(),
                Instant.parse("2026-11-21T10:15:30.200Z"), java.util.Map.of(), "us-east-1");
        JsonNode fixture = Fixtures.eventJson("sns-s3-put-photo.json");
        assertThat(Fixtures.shape(envelope)).isEqualTo(Fixtures.shape(fixture));
        for (String field : List.of("EventSource", "EventVersion", "EventSubscriptionArn")) {
            assertThat(envelope.at("/Records/0/" + field)).as(field).isEqualTo(fixture.at("/Records/0/" + field));
        }
        for (String field : List.of("Type", "MessageId", "TopicArn", "Subject", "Timestamp", "SignatureVersion",
                "MessageAttributes")) {
            assertThat(envelope.at("/Records/0/Sns/" + field)).as(field).isEqualTo(fixture.at("/Records/0/Sns/" + field));
        }
        JsonNode message = S3EventFactory.JSON.readTree(envelope.at("/Records/0/Sns/Message").asText());
        assertThat(message).isEqualTo(reparsed(s3Event));
        assertThat(S3EventEnvelope.read(envelope.toString()).getRecords().getFirst().getS3().getObject().getUrlDecodedKey())
                .isEqualTo("photos/landscape.jpg");
    }
}
