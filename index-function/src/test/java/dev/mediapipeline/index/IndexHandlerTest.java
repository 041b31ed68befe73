package dev.mediapipeline.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediapipeline.aws.MediaTable;
import dev.mediapipeline.aws.S3ObjectStore;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.AssetStatus;
import dev.mediapipeline.model.Config;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.MediaAsset;
import dev.mediapipeline.model.MediaKind;
import dev.mediapipeline.model.ObjectInfo;
import dev.mediapipeline.model.Rendition;
import dev.mediapipeline.model.RenditionMetadata;
import dev.mediapipeline.model.VideoSummary;
import dev.mediapipeline.model.WriteOptions;
import dev.mediapipeline.testing.EmbeddedDynamoDb;
import dev.mediapipeline.testing.EmbeddedS3;
import dev.mediapipeline.testing.TemplateTables;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * IndexFunction's handler end to end on real APIs: S3 (S3Proxy) and DynamoDB (DynamoDB Local), the table created
 * from template.yaml, events in the exact shapes S3 and SNS deliver.
 */
class IndexHandlerTest {

    static final String UPLOADS = "media-pipeline-uploads-000000000000";
    static final String RENDITIONS = "media-pipeline-renditions-000000000000";
    static final String FAILURES = "media-pipeline-failures-000000000000";
    static final String WORK = "media-pipeline-work-000000000000";
    static final String TABLE = "media-pipeline-media";

    static EmbeddedS3 s3Server;
    static EmbeddedDynamoDb dynamoServer;
    static S3Client s3;
    static DynamoDbClient dynamo;
    static S3ObjectStore store;
    static IndexConfig config;
    static IndexHandler handler;

    @BeforeAll
    static void start() {
        s3Server = EmbeddedS3.start();
        dynamoServer = EmbeddedDynamoDb.start();
        for (String b : List.of(UPLOADS, RENDITIONS, FAILURES)) {
            s3Server.createBucket(b);
        }
        TemplateTables.create(dynamoServer, TemplateTables.projectTemplate(), "MediaTable", TABLE);
        s3 = s3Server.client();
        dynamo = dynamoServer.client();
        store = new S3ObjectStore(s3);
        config = IndexConfig.from(new Config(Map.of("UPLOAD_BUCKET", UPLOADS, "RENDITIONS_BUCKET", RENDITIONS, "FAILURES_BUCKET", FAILURES,
                "WORK_BUCKET", WORK, "MEDIA_TABLE", TABLE, "THUMBNAIL_PROFILES", "phone:640x1280,square:256x256:crop", "AWS_LAMBDA_FUNCTION_NAME", "media-pipeline-IndexFunction")));
        handler = new IndexHandler(config, store, dynamo);
    }

    @AfterAll
    static void stop() {
        s3.close();
        dynamo.close();
        s3Server.close();
        dynamoServer.close();
    }

    static String invoke(String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static Optional<MediaAsset> asset(AssetId id) {
        return MediaTable.fromItem(dynamo.getItem(b -> b.tableName(TABLE).consistentRead(true)
                .key(Map.of(MediaTable.ID, MediaTable.s(id.value())))).item());
    }

    static byte[] jpeg(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts an upload and returns the event S3 would send for it (through the SNS topic). */
    static String upload(String key, byte[] bytes) {
        ObjectInfo info = store.put(UPLOADS, key, bytes, WriteOptions.of("application/octet-stream"));
        return S3Events.sns(S3Events.created(UPLOADS, key, bytes.length, info.eTag(), S3Events.nextSequencer(), Instant.now()));
    }

    /** Writes a rendition the way the thumbnail function does, and returns its (direct) S3 event. */
    static String rendition(String sourceKey, String sourceETag, String profile, int w, int h) {
        AssetId id = AssetId.of(UPLOADS, sourceKey);
        String key = KeyLayout.thumbnailKey(id, profile, "jpg");
        byte[] bytes = jpeg(w, h);
        ObjectInfo info = store.put(RENDITIONS, key, bytes, WriteOptions.of("image/jpeg")
                .withMetadata(RenditionMetadata.WIDTH, Integer.toString(w)).withMetadata(RenditionMetadata.HEIGHT, Integer.toString(h))
                .withMetadata(RenditionMetadata.SOURCE_KEY, WriteOptions.headerSafe(sourceKey))
                .withMetadata(RenditionMetadata.SOURCE_ETAG, sourceETag));
        return S3Events.created(RENDITIONS, key, bytes.length, info.eTag(), S3Events.nextSequencer(), Instant.now());
    }

    static String eTag(String bucket, String key) {
        return store.head(bucket, key).orElseThrow().eTag();
    }

    @Nested
    class Lifecycle {
        @Test
        void anImageGoesFromProcessingToReadyWithEveryRendition() {
            String key = "uploads/2026/11/21/4e1d/Été à Paris + 100%.jpg";
            AssetId id = AssetId.of(UPLOADS, key);
            invoke(upload(key, jpeg(1200, 800)));

            MediaAsset processing = asset(id).orElseThrow();
            assertThat(processing.status()).isEqualTo(AssetStatus.PROCESSING);
            assertThat(processing.key()).as("the decoded key").isEqualTo(key);
            assertThat(processing.fileName()).isEqualTo("Été à Paris + 100%.jpg");
            assertThat(processing.kind()).isEqualTo(MediaKind.IMAGE);
            assertThat(processing.contentType()).isEqualTo("image/jpeg");
            assertThat(processing.metadata()).containsEntry("width", 1200L).containsEntry("height", 800L);
            assertThat(processing.expectedRenditions()).containsExactly("thumbnails/phone", "thumbnails/square");

            String eTag = eTag(UPLOADS, key);
            invoke(rendition(key, eTag, "phone", 640, 427));
            assertThat(asset(id).orElseThrow().status()).isEqualTo(AssetStatus.PROCESSING);
            invoke(rendition(key, eTag, "square", 256, 256));

            MediaAsset ready = asset(id).orElseThrow();
            assertThat(ready.status()).isEqualTo(AssetStatus.READY);
            Rendition phone = ready.renditions().get("thumbnails/phone");
            assertThat(phone.width()).isEqualTo(640);
            assertThat(phone.height()).isEqualTo(427);
            assertThat(phone.key()).isEqualTo(id.value() + "/thumbnails/phone.jpg");
            assertThat(phone.size()).isEqualTo(store.head(RENDITIONS, phone.key()).orElseThrow().size());
            assertThat(phone.contentType()).isEqualTo("image/jpeg");
            assertThat(ready.readyAt()).isNotNull();
        }

        @Test
        void aRenditionBeforeItsUploadIsNotLost() {
            String key = "uploads/early/bird.jpg";
            AssetId id = AssetId.of(UPLOADS, key);
            byte[] photo = jpeg(300, 300);
            String uploadEvent = upload(key, photo);
            String eTag = eTag(UPLOADS, key);
            invoke(rendition(key, eTag, "square", 256, 256));
            invoke(rendition(key, eTag, "phone", 300, 300));
            assertThat(asset(id)).as("not visible before its upload is indexed").isEmpty();
            invoke(uploadEvent);
            assertThat(asset(id).orElseThrow().status()).isEqualTo(AssetStatus.READY);
        }

        @Test
        void aTextFileIsUnsupportedWithAReason() {
            String key = "uploads/notes/todo.txt";
            invoke(upload(key, "buy milk\n".getBytes(StandardCharsets.UTF_8)));
            MediaAsset a = asset(AssetId.of(UPLOADS, key)).orElseThrow();
            assertThat(a.status()).isEqualTo(AssetStatus.UNSUPPORTED);
            assertThat(a.reason()).startsWith("not an image or video");
            assertThat(a.expectedRenditions()).isEmpty();
        }

        @Test
        void aCorruptImageFailsWithTheReasonAndTheIndexNamedAsTheFunction() {
            String key = "uploads/bad/corrupt.jpg";
            byte[] corrupt = new byte[500];
            corrupt[0] = (byte) 0xFF;
            corrupt[1] = (byte) 0xD8;
            corrupt[2] = (byte) 0xFF;
            invoke(upload(key, corrupt));
            MediaAsset a = asset(AssetId.of(UPLOADS, key)).orElseThrow();
            assertThat(a.status()).isEqualTo(AssetStatus.FAILED);
            assertThat(a.reason()).startsWith("unreadable jpeg header");
            assertThat(a.failure().function()).isEqualTo("media-pipeline-IndexFunction");
        }

        @Test
        void aFailureRecordOfTheThumbnailFunctionFailsTheAsset() {
            String key = "uploads/bad/truncated.jpg";
            byte[] photo = jpeg(400, 300);
            String event = upload(key, photo);
            invoke(event);
            assertThat(asset(AssetId.of(UPLOADS, key)).orElseThrow().status()).isEqualTo(AssetStatus.PROCESSING);

            String record = S3Events.failureRecord("media-pipeline-ThumbnailFunction-Ab12", "5a8f-req", Instant.now(), event,
                    "javax.imageio.IIOException", "Premature end of JPEG file");
            String recordKey = "aws/lambda/async/media-pipeline-ThumbnailFunction-Ab12/2026/11/21/5a8f-req";
            ObjectInfo info = store.put(FAILURES, recordKey, record.getBytes(StandardCharsets.UTF_8), WriteOptions.of("application/json"));
            invoke(S3Events.created(FAILURES, recordKey, record.length(), info.eTag(), S3Events.nextSequencer(), Instant.now()));

            MediaAsset failed = asset(AssetId.of(UPLOADS, key)).orElseThrow();
            assertThat(failed.status()).isEqualTo(AssetStatus.FAILED);
            assertThat(failed.failure().function()).isEqualTo("media-pipeline-ThumbnailFunction-Ab12");
            assertThat(failed.failure().errorType()).isEqualTo("javax.imageio.IIOException");
            assertThat(failed.reason()).isEqualTo("Premature end of JPEG file");
        }

        @Test
        void aFailureRecordOfTheIndexItselfMakesTheUploadVisibleAsFailed() {
            String key = "uploads/bad/never-indexed.mp4";
            ObjectInfo info = store.put(UPLOADS, key, new byte[] {1, 2, 3}, WriteOptions.of("video/mp4"));
            String event = S3Events.sns(S3Events.created(UPLOADS, key, 3, info.eTag(), S3Events.nextSequencer(), Instant.now()));
            String record = S3Events.failureRecord("media-pipeline-IndexFunction", "idx-1", Instant.now(), event,
                    "java.lang.OutOfMemoryError", "Java heap space");
            ObjectInfo r = store.put(FAILURES, "rec/idx-1", record.getBytes(StandardCharsets.UTF_8), WriteOptions.of("application/json"));
            invoke(S3Events.created(FAILURES, "rec/idx-1", record.length(), r.eTag(), S3Events.nextSequencer(), Instant.now()));

            MediaAsset a = asset(AssetId.of(UPLOADS, key)).orElseThrow();
            assertThat(a.status()).isEqualTo(AssetStatus.FAILED);
            assertThat(a.reason()).isEqualTo("Java heap space");
            assertThat(a.size()).isEqualTo(3);
        }

        @Test
        void anUnreadableFailureRecordIsLoggedNotRetried() {
            ObjectInfo r = store.put(FAILURES, "rec/garbage", "not json".getBytes(StandardCharsets.UTF_8), WriteOptions.of("text/plain"));
            assertThat(invoke(S3Events.created(FAILURES, "rec/garbage", 8, r.eTag(), S3Events.nextSequencer(), Instant.now())))
                    .isEqualTo("{\"records\":1}");
        }
    }

    @Nested
    class Deletion {
        @Test
        void removingTheUploadDeletesRenditionsAndHidesTheItemIdempotently() {
            String key = "uploads/gone/soon.jpg";
            AssetId id = AssetId.of(UPLOADS, key);
            String createdEvent = upload(key, jpeg(200, 100));
            invoke(createdEvent);
            String eTag = eTag(UPLOADS, key);
            invoke(rendition(key, eTag, "phone", 200, 100));
            invoke(rendition(key, eTag, "square", 100, 100));
            assertThat(asset(id).orElseThrow().status()).isEqualTo(AssetStatus.READY);
            // a work file of the transcoder under the asset prefix goes too
            store.put(RENDITIONS, KeyLayout.hlsFileKey(id, "360p", "segment0.ts"), new byte[10], WriteOptions.of("video/mp2t"));

            store.delete(UPLOADS, key);
            String removedEvent = S3Events.sns(S3Events.removed(UPLOADS, key, S3Events.nextSequencer(), Instant.now()));
            invoke(removedEvent);
            assertThat(store.list(RENDITIONS, KeyLayout.assetPrefix(id))).as("renditions deleted").isEmpty();
            assertThat(asset(id)).as("item hidden").isEmpty();

            invoke(removedEvent);
            assertThat(asset(id)).as("a duplicate removal changes nothing").isEmpty();
            invoke(createdEvent);
            assertThat(asset(id)).as("a late, older creation cannot bring it back").isEmpty();
        }

        @Test
        void aRenditionWrittenAfterTheCascadeIsDeletedAsAnOrphan() {
            String key = "uploads/gone/slow-thumbnail.jpg";
            AssetId id = AssetId.of(UPLOADS, key);
            invoke(upload(key, jpeg(100, 100)));
            String eTag = eTag(UPLOADS, key);
            store.delete(UPLOADS, key);
            invoke(S3Events.sns(S3Events.removed(UPLOADS, key, S3Events.nextSequencer(), Instant.now())));

            String late = rendition(key, eTag, "phone", 100, 100);
            invoke(late);
            assertThat(store.list(RENDITIONS, KeyLayout.assetPrefix(id))).isEmpty();
            assertThat(asset(id)).isEmpty();
        }

        @Test
        void aStaleRemovalKeepsANewerUploadAndItsRenditions() {
            String key = "uploads/again/photo.jpg";
            AssetId id = AssetId.of(UPLOADS, key);
            String oldRemoval = S3Events.sns(S3Events.removed(UPLOADS, key, S3Events.nextSequencer(), Instant.now()));
            invoke(upload(key, jpeg(120, 90)));
            String eTag = eTag(UPLOADS, key);
            invoke(rendition(key, eTag, "phone", 120, 90));
            invoke(oldRemoval);
            assertThat(asset(id)).isPresent();
            assertThat(store.list(RENDITIONS, KeyLayout.assetPrefix(id))).hasSize(1);
        }
    }

    /** Videos, with their renditions written the way the transcoder writes them. */
    @Nested
    class Video {
        static final String RUN = "0f1e2d3c4b5a6978";

        static byte[] sample() {
            try {
                return Files.readAllBytes(TemplateTables.projectTemplate().resolveSibling("sample-media")
                        .resolve("video").resolve("landscape-640x360.mp4"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** An object of the video's HLS tree or a poster, with the transcoder's metadata; returns its (direct) S3 event. */
        static String transcoderOutput(String renditionKey, String sourceKey, String sourceETag, int w, int h,
                                       Map<String, String> extra, String contentType) {
            WriteOptions options = RenditionMetadata.withSize(
                    RenditionMetadata.withSource(WriteOptions.of(contentType), UPLOADS, sourceKey, sourceETag), w, h);
            for (Map.Entry<String, String> e : extra.entrySet()) {
                options = options.withMetadata(e.getKey(), e.getValue());
            }
            byte[] body = contentType.startsWith("image/") ? jpeg(w, h) : "#EXTM3U\n".getBytes(StandardCharsets.UTF_8);
            ObjectInfo info = store.put(RENDITIONS, renditionKey, body, options);
            return S3Events.created(RENDITIONS, renditionKey, body.length, info.eTag(), S3Events.nextSequencer(), Instant.now());
        }

        static VideoSummary summary() {
            return new VideoSummary(8008, 640, 360, "30", "h264", Optional.of("aac"), List.of("360p", "240p"),
                    "avc1.42c01e,mp4a.40.2", RUN);
        }

        static String poster(AssetId id, String sourceKey, String eTag, String profile, int w, int h) {
            return transcoderOutput(KeyLayout.thumbnailKey(id, profile, "jpg"), sourceKey, eTag, w, h,
                    Map.of(RenditionMetadata.PROFILE, profile), "image/jpeg");
        }

        static String master(AssetId id, String sourceKey, String eTag) {
            return transcoderOutput(KeyLayout.hlsMasterKey(id), sourceKey, eTag, 640, 360, summary().toUserMetadata(),
                    "application/vnd.apple.mpegurl");
        }

        @Test
        void aVideoIsReadyWhenItsPostersAndThenItsMasterPlaylistExistAndShowsTheTranscodersSummary() {
            String key = "uploads/2026/11/22/5f0c/Holiday clip + été 100%.mp4";
            AssetId id = AssetId.of(UPLOADS, key);
            invoke(upload(key, sample()));

            MediaAsset processing = asset(id).orElseThrow();
            assertThat(processing.status()).isEqualTo(AssetStatus.PROCESSING);
            assertThat(processing.kind()).isEqualTo(MediaKind.VIDEO);
            assertThat(processing.expectedRenditions()).as("posters at every profile, and the master playlist")
                    .containsExactly("hls/master", "thumbnails/phone", "thumbnails/square");
            String eTag = eTag(UPLOADS, key);

            invoke(poster(id, key, eTag, "phone", 640, 360));
            invoke(poster(id, key, eTag, "square", 256, 256));
            invoke(transcoderOutput(KeyLayout.hlsPlaylistKey(id, "360p"), key, eTag, 640, 360, Map.of(), "application/vnd.apple.mpegurl"));
            invoke(transcoderOutput(KeyLayout.hlsPlaylistKey(id, "240p"), key, eTag, 426, 240, Map.of(), "application/vnd.apple.mpegurl"));
            MediaAsset playlistsOnly = asset(id).orElseThrow();
            assertThat(playlistsOnly.status()).as("media playlists come before the master: not ready yet")
                    .isEqualTo(AssetStatus.PROCESSING);
            assertThat(playlistsOnly.renditions().get("hls/240p")).satisfies(r -> {
                assertThat(r.width()).isEqualTo(426);
                assertThat(r.height()).isEqualTo(240);
            });
            assertThat(playlistsOnly.metadata()).as("no summary before the master").doesNotContainKey("hls");

            invoke(master(id, key, eTag));
            MediaAsset ready = asset(id).orElseThrow();
            assertThat(ready.status()).isEqualTo(AssetStatus.READY);
            assertThat(ready.renditions().get("hls/master").width()).as("the largest rendition's").isEqualTo(640);
            assertThat(ready.metadata()).as("the header's fields stay").containsKeys("durationSeconds", "videoCodec", "audioCodec");
            @SuppressWarnings("unchecked")
            Map<String, Object> hls = (Map<String, Object>) ready.metadata().get("hls");
            assertThat(hls).as("the transcoder's summary")
                    .containsEntry("durationSeconds", new java.math.BigDecimal("8.008"))
                    .containsEntry("frameRate", "30")
                    .containsEntry("codecs", "avc1.42c01e,mp4a.40.2")
                    .containsEntry("renditions", List.of("360p", "240p"))
                    .containsEntry("audio", true);
        }

        @Test
        void aMasterIndexedBeforeItsMediaPlaylistsWaitsForThemSoAReadyVideoListsEveryRendition() {
            String key = "uploads/2026/11/22/3c9d/events out of order.mp4";
            AssetId id = AssetId.of(UPLOADS, key);
            invoke(upload(key, sample()));
            String eTag = eTag(UPLOADS, key);
            invoke(poster(id, key, eTag, "phone", 640, 360));
            invoke(poster(id, key, eTag, "square", 256, 256));
            String playlist360 = transcoderOutput(KeyLayout.hlsPlaylistKey(id, "360p"), key, eTag, 640, 360, Map.of(),
                    "application/vnd.apple.mpegurl");
            String playlist240 = transcoderOutput(KeyLayout.hlsPlaylistKey(id, "240p"), key, eTag, 426, 240, Map.of(),
                    "application/vnd.apple.mpegurl");

            invoke(master(id, key, eTag));
            invoke(playlist360);
            MediaAsset waiting = asset(id).orElseThrow();
            assertThat(waiting.status()).as("the master names 360p and 240p; 240p's event is still on the way")
                    .isEqualTo(AssetStatus.PROCESSING);
            assertThat(waiting.expectedRenditions()).as("the master's media playlists join what is expected")
                    .containsExactly("hls/240p", "hls/360p", "hls/master", "thumbnails/phone", "thumbnails/square");
            assertThat(waiting.missingRenditions()).containsExactly("hls/240p");

            invoke(playlist240);
            MediaAsset ready = asset(id).orElseThrow();
            assertThat(ready.status()).isEqualTo(AssetStatus.READY);
            assertThat(ready.renditions()).as("every rendition of the ladder listed")
                    .containsKeys("hls/master", "hls/360p", "hls/240p", "thumbnails/phone", "thumbnails/square");
        }

        @Test
        void theMasterOfAnEarlierVersionDoesNotMakeTheNewOneReady() {
            String key = "uploads/2026/11/22/77aa/replaced.mp4";
            AssetId id = AssetId.of(UPLOADS, key);
            invoke(upload(key, sample()));
            String eTag = eTag(UPLOADS, key);
            invoke(poster(id, key, eTag, "phone", 640, 360));
            invoke(poster(id, key, eTag, "square", 256, 256));
            invoke(master(id, key, "0123456789abcdef0123456789abcdef"));
            MediaAsset a = asset(id).orElseThrow();
            assertThat(a.status()).isEqualTo(AssetStatus.PROCESSING);
            assertThat(a.missingRenditions()).containsExactly("hls/master");
            assertThat(a.metadata()).doesNotContainKey("hls");
        }

        @Test
        void aChunkThatFailedEveryAttemptFailsItsVideoWithTheTranscodersMessage() {
            String key = "uploads/2026/11/22/9b1e/long film.mp4";
            AssetId id = AssetId.of(UPLOADS, key);
            invoke(upload(key, sample()));
            String taskKey = KeyLayout.workPrefix(id) + RUN + "/tasks/chunk-0002.task.json";
            String chunkEvent = S3Events.created(WORK, taskKey, 2381, "4a1c8e0f2b3d5e6f7a8b9c0d1e2f3a4b", S3Events.nextSequencer(), Instant.now());
            String record = S3Events.failureRecord("media-pipeline-TranscodeFunction-Q1w2", "chunk-req-1", Instant.now(), chunkEvent,
                    "dev.mediapipeline.transcode.CorruptVideoException", "chunk 2 cannot be decoded: Invalid data found when processing input");
            String recordKey = "aws/lambda/async/media-pipeline-TranscodeFunction-Q1w2/2026/11/22/chunk-req-1";
            ObjectInfo info = store.put(FAILURES, recordKey, record.getBytes(StandardCharsets.UTF_8), WriteOptions.of("application/json"));
            invoke(S3Events.created(FAILURES, recordKey, record.length(), info.eTag(), S3Events.nextSequencer(), Instant.now()));

            MediaAsset failed = asset(id).orElseThrow();
            assertThat(failed.status()).isEqualTo(AssetStatus.FAILED);
            assertThat(failed.reason()).isEqualTo("chunk 2 cannot be decoded: Invalid data found when processing input");
            assertThat(failed.failure().function()).isEqualTo("media-pipeline-TranscodeFunction-Q1w2");
            assertThat(failed.failure().errorType()).isEqualTo("dev.mediapipeline.transcode.CorruptVideoException");
            assertThat(dynamo.getItem(b -> b.tableName(TABLE).consistentRead(true)
                    .key(Map.of(MediaTable.ID, MediaTable.s(AssetId.of(WORK, taskKey).value())))).hasItem())
                    .as("no item for the work key itself").isFalse();
        }

        @Test
        void deletingAVideoDeletesItsWholeHlsTree() {
            String key = "uploads/2026/11/22/d3d3/an hour.mp4";
            AssetId id = AssetId.of(UPLOADS, key);
            invoke(upload(key, sample()));
            String eTag = eTag(UPLOADS, key);
            invoke(poster(id, key, eTag, "phone", 640, 360));
            invoke(poster(id, key, eTag, "square", 256, 256));
            for (String rung : List.of("360p", "240p", "144p")) {
                invoke(transcoderOutput(KeyLayout.hlsPlaylistKey(id, rung), key, eTag, 640, 360, Map.of(), "application/vnd.apple.mpegurl"));
                for (int i = 0; i < 40; i++) {
                    store.put(RENDITIONS, KeyLayout.hlsFileKey(id, rung, String.format("%s-%05d.ts", RUN, i)), new byte[188],
                            WriteOptions.of("video/mp2t"));
                }
            }
            invoke(master(id, key, eTag));
            assertThat(asset(id).orElseThrow().status()).isEqualTo(AssetStatus.READY);
            assertThat(store.list(RENDITIONS, KeyLayout.assetPrefix(id))).hasSize(2 + 3 + 120 + 1);

            store.delete(UPLOADS, key);
            invoke(S3Events.sns(S3Events.removed(UPLOADS, key, S3Events.nextSequencer(), Instant.now())));
            assertThat(store.list(RENDITIONS, KeyLayout.assetPrefix(id))).as("posters, playlists and every segment").isEmpty();
            assertThat(asset(id)).isEmpty();

            invoke(master(id, key, eTag));
            assertThat(store.list(RENDITIONS, KeyLayout.assetPrefix(id)))
                    .as("a master published by a run still in flight during the cascade is deleted as an orphan").isEmpty();
        }
    }

    @Nested
    class Delivery {
        @Test
        void theCommittedSnsFixtureIsUnderstood() throws IOException {
            String fixture = Files.readString(TemplateTables.projectTemplate().resolveSibling("events").resolve("sns-s3-put-photo.json"));
            var root = S3Events.JSON.readTree(fixture);
            var message = (com.fasterxml.jackson.databind.node.ObjectNode) S3Events.JSON.readTree(root.path("Records").get(0).path("Sns").path("Message").asText());
            String key = java.net.URLDecoder.decode(message.path("Records").get(0).path("s3").path("object").path("key").asText(), StandardCharsets.UTF_8);
            String bucket = message.path("Records").get(0).path("s3").path("bucket").path("name").asText();
            assertThat(bucket).isEqualTo(UPLOADS);
            byte[] photo = jpeg(64, 64);
            ObjectInfo info = store.put(UPLOADS, key, photo, WriteOptions.of("image/jpeg"));
            var object = (com.fasterxml.jackson.databind.node.ObjectNode) message.path("Records").get(0).path("s3").path("object");
            object.put("eTag", info.eTag()).put("size", photo.length);
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("Records").get(0).path("Sns")).put("Message", message.toString());
            invoke(root.toString());
            assertThat(asset(AssetId.of(UPLOADS, key)).orElseThrow().status()).isEqualTo(AssetStatus.PROCESSING);
        }

        @Test
        void anEventForAnObjectOverwrittenSinceIsSkipped() {
            String key = "uploads/overwrite/x.jpg";
            String first = upload(key, jpeg(10, 10));
            String second = upload(key, jpeg(20, 20));
            invoke(second);
            invoke(first);
            assertThat(asset(AssetId.of(UPLOADS, key)).orElseThrow().metadata()).containsEntry("width", 20L);
        }

        @Test
        void aFolderMarkerAndAnotherBucketAreIgnoredWithoutFailing() {
            invoke(S3Events.sns(S3Events.created(UPLOADS, "uploads/folder/", 0, "d41d8cd98f00b204e9800998ecf8427e", S3Events.nextSequencer(), Instant.now())));
            invoke(S3Events.created("someone-elses-bucket", "x.jpg", 1, "e", S3Events.nextSequencer(), Instant.now()));
            assertThat(asset(AssetId.of(UPLOADS, "uploads/folder/"))).isEmpty();
        }

        @Test
        void aRecordThatCannotBeStoredFailsTheInvocationAfterTheOthers() {
            IndexConfig broken = new IndexConfig(UPLOADS, RENDITIONS, FAILURES, WORK, "no-such-table", config.profiles(), false, 32L << 20, "f");
            IndexHandler failing = new IndexHandler(broken, store, dynamo);
            String key = "uploads/retry/me.jpg";
            String event = upload(key, jpeg(10, 10));
            assertThatThrownBy(() -> failing.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), null)).isInstanceOf(MediaIndex.IndexStoreException.class).hasMessageContaining("no-such-table");
        }
    }
}
