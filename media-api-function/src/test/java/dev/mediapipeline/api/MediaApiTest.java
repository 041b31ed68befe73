package dev.mediapipeline.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.aws.MediaTable;
import dev.mediapipeline.aws.S3ObjectStore;
import dev.mediapipeline.model.AssetFailure;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.AssetStatus;
import dev.mediapipeline.model.Config;
import dev.mediapipeline.model.DeviceProfiles;
import dev.mediapipeline.model.ExpectedRenditions;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.MediaAsset;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.MediaKind;
import dev.mediapipeline.model.ObjectInfo;
import dev.mediapipeline.model.Rendition;
import dev.mediapipeline.model.WriteOptions;
import dev.mediapipeline.testing.EmbeddedDynamoDb;
import dev.mediapipeline.testing.EmbeddedS3;
import dev.mediapipeline.testing.TemplateTables;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The media API on real APIs: DynamoDB Local (table from template.yaml, items written in MediaTable's layout, as the
 * index writes them), S3Proxy (presigned POST uploads and GETs exercised over HTTP), API Gateway payload 2.0 events.
 */
class MediaApiTest {

    static final String UPLOADS = "media-pipeline-uploads-000000000000";
    static final String RENDITIONS = "media-pipeline-renditions-000000000000";
    static final String TABLE = "media-pipeline-media";
    static final long MAX_UPLOAD = 50_000;
    static final ObjectMapper JSON = new ObjectMapper();

    static EmbeddedS3 s3Server;
    static EmbeddedDynamoDb dynamoServer;
    static S3Client s3;
    static DynamoDbClient dynamo;
    static S3ObjectStore store;
    static final List<S3UrlSigner> signers = new ArrayList<>();
    static MediaApi api;
    static MediaApiHandler handler;
    /** Listed assets written by the listing tests, by id. */
    static final Map<String, MediaAsset> listed = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        s3Server = EmbeddedS3.start();
        dynamoServer = EmbeddedDynamoDb.start();
        s3Server.createBucket(UPLOADS);
        s3Server.createBucket(RENDITIONS);
        TemplateTables.create(dynamoServer, TemplateTables.projectTemplate(), "MediaTable", TABLE);
        s3 = s3Server.client();
        dynamo = dynamoServer.client();
        store = new S3ObjectStore(s3);
        api = api("*", MAX_UPLOAD);
        handler = new MediaApiHandler(api("*", 1024L * 1024 * 1024));
        seedListing();
    }

    static MediaApi api(String origins, long maxUpload) {
        MediaApiConfig config = MediaApiConfig.from(new Config(Map.of("UPLOAD_BUCKET", UPLOADS, "RENDITIONS_BUCKET", RENDITIONS,
                "MEDIA_TABLE", TABLE, "MAX_UPLOAD_BYTES", Long.toString(maxUpload), "ALLOWED_ORIGINS", origins,
                "S3_PUBLIC_ENDPOINT", s3Server.endpoint().toString())));
        S3UrlSigner signer = new S3UrlSigner(Region.US_EAST_1, StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY,
                EmbeddedS3.SECRET_KEY)), config.publicS3Endpoint(), Clock.systemUTC());
        signers.add(signer);
        return new MediaApi(config, new DynamoDbMediaCatalog(dynamo, TABLE), signer, store, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        signers.forEach(S3UrlSigner::close);
        s3.close();
        dynamo.close();
        s3Server.close();
        dynamoServer.close();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    record Reply(int status, Map<String, String> headers, JsonNode json, String text) {
    }

    static Reply call(String method, String path, Map<String, String> query, String body) {
        return call(api, method, path, query, body, Map.of("host", "localhost:8080"));
    }

    static Reply call(MediaApi target, String method, String path, Map<String, String> query, String body, Map<String, String> headers) {
        ApiResponse r = target.handle(new ApiRequest(method, path, query, headers, body));
        JsonNode json = null;
        if (r.body() != null && "application/json".equals(r.headers().get("Content-Type"))) {
            try {
                json = JSON.readTree(r.body());
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + r.body(), e);
            }
        }
        return new Reply(r.status(), r.headers(), json, r.body());
    }

    static void assertError(Reply r, int status, String field) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().path("error").path("status").asInt()).isEqualTo(status);
        assertThat(r.json().path("error").path("message").asText()).isNotBlank();
        if (field != null) {
            assertThat(r.json().path("error").path("field").asText()).as(r.text()).isEqualTo(field);
        }
    }

    static MediaAsset asset(String key, MediaKind kind, AssetStatus status, Instant uploadedAt, Map<String, Rendition> renditions) {
        AssetId id = AssetId.of(UPLOADS, key);
        MediaFormat format = kind == MediaKind.VIDEO ? MediaFormat.MP4 : kind == MediaKind.IMAGE ? MediaFormat.JPEG : MediaFormat.UNKNOWN;
        List<String> expected = ExpectedRenditions.forKind(kind, DeviceProfiles.parse("phone:640x1280,square:256x256:crop"));
        return new MediaAsset(id, UPLOADS, key, kind, format, format.mimeType(), 1234, "etag-" + id.value().substring(0, 6),
                uploadedAt, status, status == AssetStatus.FAILED ? "boom" : status == AssetStatus.UNSUPPORTED ? "not an image or video" : null,
                status == AssetStatus.FAILED ? new AssetFailure("ThumbnailFunction", "boom", "java.io.IOException", uploadedAt.plusSeconds(5)) : null,
                status == AssetStatus.READY ? uploadedAt.plusSeconds(3) : null,
                kind == MediaKind.IMAGE ? Map.of("width", 4000L, "height", 3000L, "cameraMake", "Acme <b>", "frameRate", new java.math.BigDecimal("29.97")) : Map.of(),
                status == AssetStatus.UNSUPPORTED ? List.of() : expected, renditions);
    }

    static void put(MediaAsset a) {
        dynamo.putItem(b -> b.tableName(TABLE).item(MediaTable.toItem(a)));
    }

    static void seedListing() {
        Random r = new Random(11);
        Instant base = Instant.parse("2026-10-01T00:00:00.000Z");
        MediaKind[] kinds = {MediaKind.IMAGE, MediaKind.IMAGE, MediaKind.VIDEO, MediaKind.OTHER};
        AssetStatus[] statuses = AssetStatus.values();
        for (int i = 0; i < 53; i++) {
            // every third asset shares its upload time with the previous one: the id breaks the tie
            Instant t = base.plusSeconds(60L * (i - i % 3 / 2));
            MediaKind kind = kinds[r.nextInt(kinds.length)];
            AssetStatus status = kind == MediaKind.OTHER ? AssetStatus.UNSUPPORTED : statuses[r.nextInt(3)];
            MediaAsset a = asset("listing/" + i + ".bin", kind, status, t, Map.of());
            put(a);
            listed.put(a.id().value(), a);
        }
        // a deleted asset's tombstone: no status, no listing keys
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of(MediaTable.ID, MediaTable.s(AssetId.of(UPLOADS, "listing/deleted").value()),
                "src", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(Map.of("type", MediaTable.s("removed"))))));
    }

    /** Walks every page of a listing; returns the ids in order. */
    static List<String> walk(Map<String, String> filters, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            Map<String, String> q = new HashMap<>(filters);
            q.put("limit", Integer.toString(limit));
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            Reply page = call("GET", "/media", q, null);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.json().path("items").size()).isLessThanOrEqualTo(limit);
            page.json().path("items").forEach(item -> ids.add(item.path("id").asText()));
            JsonNode next = page.json().path("nextCursor");
            if (next.isNull() || next.isMissingNode()) {
                return ids;
            }
            cursor = next.asText();
        }
        throw new AssertionError("more than 100 pages");
    }

    static List<String> expectedIds(Predicate<MediaAsset> filter) {
        return listed.values().stream().filter(filter)
                .sorted(Comparator.comparing((MediaAsset a) -> MediaTable.listSort(a.uploadedAt(), a.id())).reversed())
                .map(a -> a.id().value()).toList();
    }

    // ---- tests ------------------------------------------------------------------------------------------------------

    @Nested
    class Listing {
        @Test
        void paginationWalksEveryItemExactlyOnceNewestFirst() {
            for (int limit : new int[] {1, 7, 20, 100}) {
                List<String> ids = walk(Map.of(), limit);
                assertThat(ids).as("limit %d", limit).doesNotHaveDuplicates();
                assertThat(ids.stream().filter(listed::containsKey).toList()).as("limit %d", limit).isEqualTo(expectedIds(a -> true));
            }
        }

        @Test
        void filtersByKindStatusAndBoth() {
            assertThat(walk(Map.of("kind", "video"), 4).stream().filter(listed::containsKey).toList())
                    .isEqualTo(expectedIds(a -> a.kind() == MediaKind.VIDEO)).isNotEmpty();
            assertThat(walk(Map.of("status", "failed"), 5).stream().filter(listed::containsKey).toList())
                    .isEqualTo(expectedIds(a -> a.status() == AssetStatus.FAILED)).isNotEmpty();
            assertThat(walk(Map.of("kind", "IMAGE", "status", "ready"), 3).stream().filter(listed::containsKey).toList())
                    .isEqualTo(expectedIds(a -> a.kind() == MediaKind.IMAGE && a.status() == AssetStatus.READY)).isNotEmpty();
            assertThat(walk(Map.of("kind", "audio"), 10).stream().filter(listed::containsKey).toList()).isEmpty();
        }

        @Test
        void aListedItemCarriesTheSameFieldsAsItsDetails() {
            Reply page = call("GET", "/media", Map.of("limit", "1"), null);
            JsonNode first = page.json().path("items").get(0);
            Reply details = call("GET", "/media/" + first.path("id").asText(), Map.of(), null);
            assertThat(first.path("status")).isEqualTo(details.json().path("status"));
            assertThat(first.path("metadata")).isEqualTo(details.json().path("metadata"));
            assertThat(page.json().path("limit").asInt()).isEqualTo(1);
        }

        @ParameterizedTest(name = "{0}={1}")
        @CsvSource({"limit,0", "limit,101", "limit,-3", "limit,ten", "limit,99999999999", "kind,banana", "status,done",
                "cursor,not-a-cursor", "cursor,eyJ2IjoxfQ"})
        void malformedParametersAre400NamingTheParameter(String name, String value) {
            assertError(call("GET", "/media", Map.of(name, value), null), 400, name);
        }

        @Test
        void aCursorOfAnotherListingIsRejected() {
            String cursor = call("GET", "/media", Map.of("limit", "2", "kind", "image"), null).json().path("nextCursor").asText();
            assertError(call("GET", "/media", Map.of("limit", "2", "kind", "video", "cursor", cursor), null), 400, "cursor");
            assertThat(call("GET", "/media", Map.of("limit", "2", "kind", "image", "cursor", cursor), null).status()).isEqualTo(200);
        }
    }

    @Nested
    class Uploads {
        @Test
        void aGrantedUploadIsAcceptedForTheRightTypeAndSize() throws Exception {
            Reply grant = call("POST", "/uploads", Map.of(), "{\"fileName\":\"My Photo (1).jpg\",\"contentType\":\"image/jpeg\",\"size\":3000}");
            assertThat(grant.status()).as(grant.text()).isEqualTo(201);
            String key = grant.json().path("key").asText();
            assertThat(key).matches("uploads/\\d{4}/\\d{2}/\\d{2}/[0-9a-f-]{36}/My Photo \\(1\\)\\.jpg");
            assertThat(grant.json().path("assetId").asText()).isEqualTo(AssetId.of(UPLOADS, key).value());
            assertThat(grant.json().path("statusUrl").asText()).isEqualTo("http://localhost:8080/media/" + grant.json().path("assetId").asText());
            assertThat(grant.json().path("maxSize").asLong()).isEqualTo(MAX_UPLOAD);

            byte[] photo = new byte[3000];
            new Random(1).nextBytes(photo);
            HttpResponse<String> posted = upload(grant, "image/jpeg", photo);
            assertThat(posted.statusCode()).as(posted.body()).isBetween(200, 204);
            ObjectInfo stored = store.head(UPLOADS, key).orElseThrow();
            assertThat(stored.size()).isEqualTo(3000);
            assertThat(stored.contentType()).isEqualTo("image/jpeg");
        }

        @Test
        void s3RefusesAnotherContentTypeThanGranted() throws Exception {
            Reply grant = call("POST", "/uploads", Map.of(), "{\"fileName\":\"a.jpg\",\"contentType\":\"image/jpeg\",\"size\":10}");
            HttpResponse<String> posted = upload(grant, "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(403);
            assertThat(store.head(UPLOADS, grant.json().path("key").asText())).isEmpty();
        }

        @Test
        void s3RefusesABodyOverTheMaximumSize() throws Exception {
            Reply grant = call("POST", "/uploads", Map.of(), "{\"fileName\":\"a.jpg\",\"contentType\":\"image/jpeg\",\"size\":10}");
            HttpResponse<String> posted = upload(grant, "image/jpeg", new byte[(int) MAX_UPLOAD + 1]);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(400);
            assertThat(posted.body()).contains("EntityTooLarge");
            assertThat(store.head(UPLOADS, grant.json().path("key").asText())).isEmpty();
        }

        @Test
        void s3RefusesAnotherKeyThanGranted() throws Exception {
            Reply grant = call("POST", "/uploads", Map.of(), "{\"fileName\":\"a.jpg\",\"contentType\":\"image/jpeg\",\"size\":10}");
            Map<String, String> fields = fields(grant);
            fields.put("key", "uploads/elsewhere.jpg");
            HttpResponse<String> posted = Multipart.post(URI.create(grant.json().path("upload").path("url").asText()), fields, "a.jpg",
                    "image/jpeg", new byte[10]);
            assertThat(posted.statusCode()).isEqualTo(403);
            assertThat(store.head(UPLOADS, "uploads/elsewhere.jpg")).isEmpty();
        }

        @Test
        void theGrantKeepsAHostileFileNameHarmlessButReadable() {
            Reply grant = call("POST", "/uploads", Map.of(), "{\"fileName\":\"../../<img src=x onerror=alert(1)>.jpg\",\"contentType\":\"image/jpeg\",\"size\":10}");
            assertThat(grant.json().path("key").asText()).startsWith("uploads/").doesNotContain("..", "<", ">", "=")
                    .endsWith("_img src_x onerror_alert(1)_.jpg");
        }

        @Test
        void oversizedDeclarationsAre413() {
            assertError(call("POST", "/uploads", Map.of(), "{\"fileName\":\"a.mp4\",\"contentType\":\"video/mp4\",\"size\":" + (MAX_UPLOAD + 1) + "}"), 413, "size");
        }

        @ParameterizedTest(name = "{1}")
        @CsvSource(delimiter = '|', value = {
                "{\"fileName\":\"a.txt\",\"contentType\":\"text/plain\",\"size\":10}|contentType",
                "{\"fileName\":\"a.jpg\",\"size\":10}|contentType",
                "{\"contentType\":\"image/jpeg\",\"size\":10}|fileName",
                "{\"fileName\":\"   \",\"contentType\":\"image/jpeg\",\"size\":10}|fileName",
                "{\"fileName\":42,\"contentType\":\"image/jpeg\",\"size\":10}|fileName",
                "{\"fileName\":\"a.jpg\",\"contentType\":\"image/jpeg\",\"size\":-1}|size",
                "{\"fileName\":\"a.jpg\",\"contentType\":\"image/jpeg\",\"size\":\"10\"}|size",
                "{\"fileName\":\"a.jpg\",\"contentType\":\"image/jpeg\",\"size\":1.5}|size",
                "{\"fileName\":\"a.jpg\",\"contentType\":\"image/jpeg\"}|size",
                "{\"fileName\": \"a.jpg\",|body",
                "[1,2,3]|body",
                "''|body"})
        void malformedRequestsAre400NamingTheField(String body, String field) {
            assertError(call("POST", "/uploads", Map.of(), body.equals("''") ? "" : body), 400, field);
        }

        @Test
        void limitsTellTheWebsiteWhatTheServerEnforces() {
            Reply r = call("GET", "/limits", Map.of(), null);
            assertThat(r.json().path("maxSize").asLong()).isEqualTo(MAX_UPLOAD);
            assertThat(r.json().path("allowedContentTypes").toString()).contains("image/jpeg", "video/mp4");
        }

        HttpResponse<String> upload(Reply grant, String type, byte[] bytes) throws Exception {
            return Multipart.post(URI.create(grant.json().path("upload").path("url").asText()), fieldsWithType(grant, type), "file", type, bytes);
        }

        Map<String, String> fields(Reply grant) {
            Map<String, String> fields = new LinkedHashMap<>();
            grant.json().path("upload").path("fields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
            return fields;
        }

        Map<String, String> fieldsWithType(Reply grant, String type) {
            Map<String, String> f = fields(grant);
            f.put("Content-Type", type);
            return f;
        }
    }

    @Nested
    class Details {
        @Test
        void anAssetWithPresignedUrlsThatWork() throws Exception {
            String key = "uploads/2026/11/21/abc/sunset.jpg";
            AssetId id = AssetId.of(UPLOADS, key);
            byte[] original = "original bytes".getBytes(StandardCharsets.UTF_8);
            byte[] phone = "phone thumbnail bytes".getBytes(StandardCharsets.UTF_8);
            store.put(UPLOADS, key, original, WriteOptions.of("image/jpeg"));
            String phoneKey = KeyLayout.thumbnailKey(id, "phone", "jpg");
            store.put(RENDITIONS, phoneKey, phone, WriteOptions.of("image/jpeg"));
            Map<String, Rendition> renditions = new TreeMap<>();
            renditions.put("thumbnails/phone", new Rendition("thumbnails/phone", phoneKey, phone.length, 640, 480, "image/jpeg", "e", Instant.now()));
            put(asset(key, MediaKind.IMAGE, AssetStatus.PROCESSING, Instant.parse("2026-11-21T10:00:00Z"), renditions));

            Reply r = call("GET", "/media/" + id.value(), Map.of(), null);
            assertThat(r.status()).isEqualTo(200);
            JsonNode a = r.json();
            assertThat(a.path("fileName").asText()).isEqualTo("sunset.jpg");
            assertThat(a.path("status").asText()).isEqualTo("processing");
            assertThat(a.path("kind").asText()).isEqualTo("image");
            assertThat(a.path("metadata").path("cameraMake").asText()).as("text, never markup: the website escapes").isEqualTo("Acme <b>");
            assertThat(a.path("metadata").path("frameRate").decimalValue()).isEqualByComparingTo("29.97");
            assertThat(a.path("missingRenditions").toString()).contains("thumbnails/square");
            JsonNode rendition = a.path("renditions").get(0);
            assertThat(rendition.path("profile").asText()).isEqualTo("phone");
            assertThat(rendition.path("width").asInt()).isEqualTo(640);
            assertThat(Multipart.get(rendition.path("url").asText()).body()).isEqualTo(phone);
            assertThat(Multipart.get(a.path("original").path("url").asText()).body()).isEqualTo(original);
            assertThat(a.has("hls")).isFalse();
        }

        @Test
        void unknownIdIs404AndAMalformedOneIs400() {
            assertError(call("GET", "/media/" + AssetId.of(UPLOADS, "never/uploaded").value(), Map.of(), null), 404, null);
            assertError(call("GET", "/media/" + AssetId.of(UPLOADS, "listing/deleted").value(), Map.of(), null), 404, null);
            assertError(call("GET", "/media/NOT-AN-ID", Map.of(), null), 400, "id");
            assertError(call("DELETE", "/media/" + AssetId.of(UPLOADS, "never/uploaded").value(), Map.of(), null), 404, null);
        }

        @Test
        void deleteRemovesTheUploadAndLeavesTheCascadeToTheIndex() {
            String key = "uploads/2026/11/21/def/delete-me.jpg";
            AssetId id = AssetId.of(UPLOADS, key);
            store.put(UPLOADS, key, new byte[] {1}, WriteOptions.of("image/jpeg"));
            put(asset(key, MediaKind.IMAGE, AssetStatus.READY, Instant.now(), Map.of()));
            Reply r = call("DELETE", "/media/" + id.value(), Map.of(), null);
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.json().path("status").asText()).isEqualTo("deleting");
            assertThat(store.head(UPLOADS, key)).isEmpty();
        }

        @Test
        void hlsPlaylistsAreServedWithPresignedSegments() throws Exception {
            String key = "uploads/2026/11/21/vid/clip.mp4";
            AssetId id = AssetId.of(UPLOADS, key);
            String master = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS=\"avc1.64001e,mp4a.40.2\"\n360p/playlist.m3u8\n";
            String media = "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4.000,\nsegment_000.m4s\n#EXTINF:2.000,\nsegment_001.m4s\n#EXT-X-ENDLIST\n";
            store.put(RENDITIONS, KeyLayout.hlsMasterKey(id), master.getBytes(StandardCharsets.UTF_8), WriteOptions.of("application/vnd.apple.mpegurl"));
            store.put(RENDITIONS, KeyLayout.hlsPlaylistKey(id, "360p"), media.getBytes(StandardCharsets.UTF_8), WriteOptions.of("application/vnd.apple.mpegurl"));
            store.put(RENDITIONS, KeyLayout.hlsFileKey(id, "360p", "segment_000.m4s"), "seg0".getBytes(StandardCharsets.UTF_8), WriteOptions.of("video/iso.segment"));
            store.put(RENDITIONS, KeyLayout.hlsFileKey(id, "360p", "init.mp4"), "init".getBytes(StandardCharsets.UTF_8), WriteOptions.of("video/mp4"));
            Map<String, Rendition> renditions = Map.of(ExpectedRenditions.HLS_MASTER,
                    new Rendition(ExpectedRenditions.HLS_MASTER, KeyLayout.hlsMasterKey(id), master.length(), null, null, "application/vnd.apple.mpegurl", "e", Instant.now()));
            put(asset(key, MediaKind.VIDEO, AssetStatus.PROCESSING, Instant.now(), renditions));

            Reply details = call(api, "GET", "/api/media/" + id.value(), Map.of(), null, Map.of("host", "localhost:8080"));
            String masterUrl = details.json().path("hls").path("url").asText();
            assertThat(masterUrl).isEqualTo("http://localhost:8080/api/media/" + id.value() + "/hls/master.m3u8");

            Reply m = call("GET", "/api/media/" + id.value() + "/hls/master.m3u8", Map.of(), null);
            assertThat(m.status()).isEqualTo(200);
            assertThat(m.headers().get("Content-Type")).isEqualTo("application/vnd.apple.mpegurl");
            assertThat(m.text()).as("playlists stay relative: they resolve to this route").isEqualTo(master);

            Reply p = call("GET", "/api/media/" + id.value() + "/hls/360p/playlist.m3u8", Map.of(), null);
            String[] lines = p.text().split("\n");
            assertThat(lines[4]).startsWith(s3Server.endpoint() + "/" + RENDITIONS + "/" + id.value() + "/hls/360p/segment_000.m4s?");
            assertThat(Multipart.get(lines[4]).body()).isEqualTo("seg0".getBytes(StandardCharsets.UTF_8));
            String init = lines[2].substring(lines[2].indexOf("URI=\"") + 5, lines[2].length() - 1);
            assertThat(Multipart.get(init).body()).isEqualTo("init".getBytes(StandardCharsets.UTF_8));
            assertThat(lines[lines.length - 1]).isEqualTo("#EXT-X-ENDLIST");

            assertError(call("GET", "/media/" + id.value() + "/hls/720p/playlist.m3u8", Map.of(), null), 404, null);
            assertError(call("GET", "/media/" + id.value() + "/hls/360p/segment_000.m4s", Map.of(), null), 404, null);
        }

        @Test
        void theTranscodersMpegTsPlaylistsWithRunIdSegmentNamesArePlayableThroughTheApi() throws Exception {
            String key = "uploads/2026/11/22/ts/holiday clip + été.mp4";
            AssetId id = AssetId.of(UPLOADS, key);
            // the shapes transcode-function writes: protocol 3, MPEG-TS segments named {runId}-{index}.ts
            String master = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                    + "#EXT-X-STREAM-INF:BANDWIDTH=612345,AVERAGE-BANDWIDTH=501234,RESOLUTION=640x360,FRAME-RATE=29.970,CODECS=\"avc1.42c01e,mp4a.40.2\"\n"
                    + "360p/playlist.m3u8\n"
                    + "#EXT-X-STREAM-INF:BANDWIDTH=312345,AVERAGE-BANDWIDTH=251234,RESOLUTION=426x240,FRAME-RATE=29.970,CODECS=\"avc1.42c015,mp4a.40.2\"\n"
                    + "240p/playlist.m3u8\n";
            String run = "0f1e2d3c4b5a6978";
            for (String rung : List.of("360p", "240p")) {
                String media = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n"
                        + "#EXT-X-INDEPENDENT-SEGMENTS\n#EXTINF:6.006000,\n" + run + "-00000.ts\n#EXTINF:2.002000,\n" + run + "-00001.ts\n#EXT-X-ENDLIST\n";
                store.put(RENDITIONS, KeyLayout.hlsPlaylistKey(id, rung), media.getBytes(StandardCharsets.UTF_8), WriteOptions.of("application/vnd.apple.mpegurl"));
                for (int i = 0; i < 2; i++) {
                    store.put(RENDITIONS, KeyLayout.hlsFileKey(id, rung, String.format("%s-%05d.ts", run, i)),
                            (rung + "/" + i).getBytes(StandardCharsets.UTF_8), WriteOptions.of("video/mp2t"));
                }
            }
            store.put(RENDITIONS, KeyLayout.hlsMasterKey(id), master.getBytes(StandardCharsets.UTF_8), WriteOptions.of("application/vnd.apple.mpegurl"));
            put(asset(key, MediaKind.VIDEO, AssetStatus.READY, Instant.now(), Map.of(ExpectedRenditions.HLS_MASTER,
                    new Rendition(ExpectedRenditions.HLS_MASTER, KeyLayout.hlsMasterKey(id), master.length(), 640, 360,
                            "application/vnd.apple.mpegurl", "e", Instant.now()))));

            Reply m = call("GET", "/api/media/" + id.value() + "/hls/master.m3u8", Map.of(), null);
            assertThat(m.status()).isEqualTo(200);
            List<String> variants = m.text().lines().filter(l -> !l.startsWith("#")).toList();
            assertThat(variants).as("rendition playlists stay relative").containsExactly("360p/playlist.m3u8", "240p/playlist.m3u8");
            for (String variant : variants) {
                Reply p = call("GET", "/api/media/" + id.value() + "/hls/" + variant, Map.of(), null);
                assertThat(p.status()).as(variant).isEqualTo(200);
                List<String> segments = p.text().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
                assertThat(segments).hasSize(2);
                String rung = variant.substring(0, variant.indexOf('/'));
                for (int i = 0; i < segments.size(); i++) {
                    assertThat(segments.get(i)).as("presigned segment URL")
                            .startsWith(s3Server.endpoint() + "/" + RENDITIONS + "/" + id.value() + "/hls/" + rung + "/" + run + "-0000" + i + ".ts?");
                    assertThat(Multipart.get(segments.get(i)).body()).isEqualTo((rung + "/" + i).getBytes(StandardCharsets.UTF_8));
                }
                assertThat(p.text()).contains("#EXTINF:6.006000,", "#EXT-X-PLAYLIST-TYPE:VOD").endsWith("#EXT-X-ENDLIST\n");
            }
        }
    }

    @Nested
    class Http {
        @Test
        void corsAllowsTheConfiguredOriginsOnly() {
            MediaApi restricted = api("https://media.example.com,http://localhost:8080", MAX_UPLOAD);
            Reply allowed = call(restricted, "GET", "/limits", Map.of(), null, Map.of("origin", "https://media.example.com"));
            assertThat(allowed.headers()).containsEntry("Access-Control-Allow-Origin", "https://media.example.com").containsEntry("Vary", "Origin");
            Reply other = call(restricted, "GET", "/limits", Map.of(), null, Map.of("origin", "https://evil.example"));
            assertThat(other.headers()).doesNotContainKey("Access-Control-Allow-Origin");
            Reply any = call("GET", "/limits", Map.of(), null);
            assertThat(any.headers()).containsEntry("Access-Control-Allow-Origin", "*");
        }

        @Test
        void unknownRoutesAre404AndWrongMethods405() {
            assertError(call("GET", "/nothing/here", Map.of(), null), 404, null);
            Reply wrong = call("PUT", "/media", Map.of(), null);
            assertError(wrong, 405, null);
            assertThat(wrong.headers()).containsEntry("Allow", "GET");
        }

        @Test
        void apiGatewayEventsFromTheFixtures() {
            APIGatewayV2HTTPResponse preflight = handler.handleRequest(event("api-options-preflight.json"), null);
            assertThat(preflight.getStatusCode()).isEqualTo(204);
            assertThat(preflight.getHeaders()).containsEntry("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
                    .containsEntry("Access-Control-Allow-Origin", "*");

            APIGatewayV2HTTPResponse grant = handler.handleRequest(event("api-post-uploads.json"), null);
            assertThat(grant.getStatusCode()).as(grant.getBody()).isEqualTo(201);
            assertThat(grant.getBody()).contains("Beach day (1).jpg", "\"statusUrl\":\"https://abcdef1234.execute-api.us-east-1.amazonaws.com/media/");

            APIGatewayV2HTTPResponse list = handler.handleRequest(event("api-get-media.json"), null);
            assertThat(list.getStatusCode()).isEqualTo(200);
            assertThat(list.getHeaders()).containsEntry("Content-Type", "application/json");

            assertThat(handler.handleRequest(event("api-get-media-id.json"), null).getStatusCode()).isEqualTo(404);
            assertThat(handler.handleRequest(event("api-delete-media-id.json"), null).getStatusCode()).isEqualTo(404);
        }

        APIGatewayV2HTTPEvent event(String fixture) {
            Path file = TemplateTables.projectTemplate().resolveSibling("events").resolve(fixture);
            return EventLoader.loadApiGatewayHttpEvent(file.toString());
        }
    }
}
