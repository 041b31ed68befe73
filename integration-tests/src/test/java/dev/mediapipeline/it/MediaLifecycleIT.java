package dev.mediapipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.it.harness.EmbeddedPipeline;
import dev.mediapipeline.it.harness.MediaApiClient;
import dev.mediapipeline.it.harness.Poll;
import dev.mediapipeline.it.harness.Project;
import dev.mediapipeline.it.harness.TestImages;
import dev.mediapipeline.local.lambda.FunctionRuntime;
import dev.mediapipeline.model.AssetId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue 4 end to end on the local runtime: every function in its own JVM, the real AWS endpoint, the media API
 * behind the emulated API Gateway, all wired by template.yaml (the index function's triggers, the table, the API
 * routes). What a user sees through the API: uploads become PROCESSING then READY with every rendition; a corrupt
 * image ends FAILED with the thumbnail function's reason (after its retries, through the on-failure destination and
 * the index); text is UNSUPPORTED; a deletion removes the renditions and the item. The media API's contract
 * around uploads, listing and errors.
 */
class MediaLifecycleIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final long MAX_UPLOAD = 1024 * 1024;
    static final List<String> THUMBNAILS = List.of("thumbnails/desktop", "thumbnails/phone", "thumbnails/square",
            "thumbnails/tablet");

    static EmbeddedPipeline pipeline;
    static MediaApiClient api;

    @BeforeAll
    static void start() {
        pipeline = EmbeddedPipeline.start(EmbeddedPipeline.Options.named("lifecycle")
                .parameter("MaxUploadBytes", Long.toString(MAX_UPLOAD)));
        api = new MediaApiClient(pipeline.apiUri());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** Uploads through the API as the page does; returns the grant. */
    static JsonNode uploadThroughTheApi(String fileName, String contentType, byte[] file) {
        MediaApiClient.Response grant = api.grant(fileName, contentType, file.length);
        assertThat(grant.status()).as("grant: %s", grant.text()).isEqualTo(201);
        MediaApiClient.Response upload = MediaApiClient.upload(grant.json(), file, contentType);
        assertThat(upload.status()).as("S3 POST: %s", upload.text()).isEqualTo(204);
        return grant.json();
    }

    static String put(String key, byte[] bytes, String contentType) {
        pipeline.s3().putObject(b -> b.bucket(pipeline.uploadBucket()).key(key).contentType(contentType),
                RequestBody.fromBytes(bytes));
        return AssetId.of(pipeline.uploadBucket(), key).value();
    }

    /** Polls the asset until its status is {@code wanted}; every status seen on the way, in order, ends up in {@code seen}. */
    static JsonNode awaitStatus(String id, String wanted, List<String> seen) {
        return Poll.until("asset " + id + " " + wanted, pipeline.processingTimeout(), () -> {
            MediaApiClient.Response r = api.get("/media/" + id);
            String status = r.status() == 404 ? "not indexed" : r.json() == null ? "HTTP " + r.status()
                    : r.json().path("status").asText();
            if (seen.isEmpty() || !seen.getLast().equals(status)) {
                seen.add(status);
            }
            return status.equals(wanted) ? Optional.of(r.json()) : Optional.empty();
        }, () -> String.join(" → ", seen));
    }

    static JsonNode awaitStatus(String id, String wanted) {
        return awaitStatus(id, wanted, new ArrayList<>());
    }

    static byte[] download(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("GET %s", url).isEqualTo(200);
        return r.body();
    }

    static List<String> renditionKeys(String id) {
        return pipeline.s3().listObjectsV2(b -> b.bucket(pipeline.renditionsBucket()).prefix(id + "/")).contents()
                .stream().map(S3Object::key).toList();
    }

    static FunctionRuntime.Stats stats(String function) {
        return pipeline.runtime().cloud().functions().get(function).stats();
    }

    @Nested
    class AnImage {

        @Test
        void uploadedThroughTheApiBecomesProcessingThenReadyWithEveryRendition() throws Exception {
            byte[] photo = TestImages.jpeg(1600, 1200, 11);
            JsonNode grant = uploadThroughTheApi("Holiday été (1).jpg", "image/jpeg", photo);
            String id = grant.get("assetId").asText();
            assertThat(grant.get("statusUrl").asText()).isEqualTo(api.base() + "/media/" + id);

            List<String> seen = new ArrayList<>();
            JsonNode asset = awaitStatus(id, "ready", seen);
            assertThat(seen).as("statuses only move forward").isSubsetOf("not indexed", "processing", "ready")
                    .endsWith("ready");
            assertThat(seen.indexOf("processing")).as("processing (if seen) before ready")
                    .isLessThan(seen.indexOf("ready"));

            assertThat(asset.get("fileName").asText()).isEqualTo("Holiday été (1).jpg");
            assertThat(asset.get("kind").asText()).isEqualTo("image");
            assertThat(asset.get("format").asText()).isEqualTo("jpeg");
            assertThat(asset.get("contentType").asText()).isEqualTo("image/jpeg");
            assertThat(asset.get("size").asLong()).isEqualTo(photo.length);
            assertThat(asset.at("/metadata/width").asInt()).isEqualTo(1600);
            assertThat(asset.at("/metadata/height").asInt()).isEqualTo(1200);
            assertThat(asset.get("readyAt").asText()).isNotBlank();
            assertThat(asset.get("missingRenditions")).isEmpty();
            List<String> expected = new ArrayList<>();
            asset.get("expectedRenditions").forEach(n -> expected.add(n.asText()));
            assertThat(expected).containsExactlyInAnyOrderElementsOf(THUMBNAILS);

            Map<String, int[]> sizes = new LinkedHashMap<>();
            for (JsonNode rendition : asset.get("renditions")) {
                byte[] image = download(rendition.get("url").asText());
                int[] size = TestImages.size(image);
                assertThat(size).as("%s: the index's dimensions are the file's", rendition.get("name"))
                        .containsExactly(rendition.get("width").asInt(), rendition.get("height").asInt());
                assertThat(rendition.get("size").asLong()).isEqualTo(image.length);
                sizes.put(rendition.get("name").asText(), size);
            }
            assertThat(sizes.keySet()).containsExactlyInAnyOrderElementsOf(THUMBNAILS);
            assertThat(sizes.get("thumbnails/phone")).containsExactly(640, 480);
            assertThat(sizes.get("thumbnails/square")).containsExactly(256, 256);
            assertThat(download(asset.at("/original/url").asText())).as("the original, presigned").isEqualTo(photo);
        }

        @Test
        void losingARenditionMakesItProcessingUntilTheRenditionIsBack() {
            String id = put("it/lifecycle/rendition-removed.jpg", TestImages.jpeg(800, 600, 12), "image/jpeg");
            awaitStatus(id, "ready");
            String key = id + "/thumbnails/phone.jpg";
            ResponseBytes<GetObjectResponse> phone = pipeline.s3().getObjectAsBytes(b -> b.bucket(pipeline.renditionsBucket()).key(key));

            pipeline.s3().deleteObject(b -> b.bucket(pipeline.renditionsBucket()).key(key));
            JsonNode processing = awaitStatus(id, "processing");
            assertThat(processing.get("missingRenditions")).extracting(JsonNode::asText).containsExactly("thumbnails/phone");

            pipeline.s3().putObject(b -> b.bucket(pipeline.renditionsBucket()).key(key)
                    .contentType(phone.response().contentType()).metadata(phone.response().metadata()),
                    RequestBody.fromBytes(phone.asByteArray()));
            assertThat(awaitStatus(id, "ready").get("missingRenditions")).isEmpty();
        }
    }

    @Nested
    class ACorruptImage {

        @Test
        void whoseHeaderCannotBeReadIsFailedByTheIndexItself() {
            byte[] corrupt;
            try {
                corrupt = Files.readAllBytes(Project.sample("corrupt.jpg"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            String id = uploadThroughTheApi("damaged tables.jpg", "image/jpeg", corrupt).get("assetId").asText();
            JsonNode asset = awaitStatus(id, "failed");
            assertThat(asset.get("reason").asText()).as("a reason for people").containsIgnoringCase("jpeg");
            assertThat(asset.at("/failure/function").asText()).as("the index read the header").isEqualTo("IndexFunction");
            assertThat(asset.get("renditions")).isEmpty();
            // the thumbnail function fails on it too; its failure record reaches the index later: let it settle
            assertThat(pipeline.awaitIdle(Duration.ofSeconds(60))).isTrue();
            assertThat(api.get("/media/" + id).json().get("status").asText()).isEqualTo("failed");
        }

        @Test
        void thatDecodingFailsOnEndsFailedWithTheThumbnailFunctionsReasonAfterItsRetries() throws Exception {
            assertThat(pipeline.awaitIdle(Duration.ofSeconds(60))).isTrue();
            long failedBefore = stats("ThumbnailFunction").failed();
            byte[] truncated = Files.readAllBytes(Project.sample("truncated.jpg"));
            JsonNode grant = uploadThroughTheApi("broken photo.jpg", "image/jpeg", truncated);
            String id = grant.get("assetId").asText();

            JsonNode asset = awaitStatus(id, "failed");
            assertThat(asset.get("reason").asText()).as("a reason for people").isNotBlank();
            assertThat(asset.at("/failure/function").asText()).as("who gave up").isEqualTo("ThumbnailFunction");
            assertThat(asset.at("/failure/message").asText()).isNotBlank();
            assertThat(asset.get("renditions")).isEmpty();

            assertThat(pipeline.awaitIdle(Duration.ofSeconds(60))).isTrue();
            assertThat(stats("ThumbnailFunction").failed() - failedBefore).as("the first attempt and two retries")
                    .isEqualTo(3);
            List<S3Object> records = pipeline.s3().listObjectsV2(b -> b.bucket(pipeline.failuresBucket())
                    .prefix("aws/lambda/async/ThumbnailFunction/")).contents();
            List<JsonNode> mine = new ArrayList<>();
            for (S3Object o : records) {
                JsonNode record = JSON.readTree(pipeline.s3().getObjectAsBytes(b -> b.bucket(pipeline.failuresBucket())
                        .key(o.key())).asByteArray());
                if (record.toString().contains(grant.get("key").asText().replace(" ", "+"))
                        || record.toString().contains(grant.get("key").asText())) {
                    mine.add(record);
                }
            }
            assertThat(mine).as("the on-failure destination's record of it").singleElement().satisfies(record -> {
                assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
                assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
            });
        }
    }

    @Nested
    class AFileThatIsNoMedia {

        @Test
        void isUnsupportedWithAReasonAndNothingFails() {
            long thumbnailFailures = stats("ThumbnailFunction").failed();
            String id = put("it/notes/readme.txt", "just some notes, not a picture\n".getBytes(), "text/plain");
            JsonNode asset = awaitStatus(id, "unsupported");
            assertThat(asset.get("reason").asText()).isNotBlank();
            assertThat(asset.get("renditions")).isEmpty();
            assertThat(asset.has("failure") && !asset.get("failure").isNull()).as("no failure: %s", asset).isFalse();
            assertThat(pipeline.awaitIdle(Duration.ofSeconds(60))).isTrue();
            assertThat(stats("ThumbnailFunction").failed()).as("skipped, not failed").isEqualTo(thumbnailFailures);
            assertThat(renditionKeys(id)).isEmpty();
        }
    }

    @Nested
    class Deleting {

        @Test
        void removesTheUploadTheRenditionsAndTheItem() {
            String key = "it/lifecycle/to delete.jpg";
            String id = put(key, TestImages.jpeg(800, 600, 13), "image/jpeg");
            awaitStatus(id, "ready");
            assertThat(renditionKeys(id)).hasSize(4);

            MediaApiClient.Response deleted = api.delete("/media/" + id);
            assertThat(deleted.status()).as(deleted.text()).isEqualTo(202);
            assertThat(deleted.json().get("status").asText()).isEqualTo("deleting");

            Poll.until("asset " + id + " gone", pipeline.processingTimeout(),
                    () -> api.get("/media/" + id).status() == 404 && renditionKeys(id).isEmpty());
            assertThat(pipeline.s3().listObjectsV2(b -> b.bucket(pipeline.uploadBucket()).prefix(key)).contents())
                    .as("the upload").isEmpty();
            assertThat(api.delete("/media/" + id).status()).as("deleting again: no such asset").isEqualTo(404);
            Map<String, AttributeValue> item = pipeline.dynamoDb().getItem(b -> b.tableName(pipeline.mediaTable())
                    .key(Map.of("id", AttributeValue.fromS(id)))).item();
            assertThat(item).as("a hidden tombstone stops late events from bringing it back").isNotEmpty()
                    .doesNotContainKey("listPartition");
            assertThat(walk("/media?limit=100")).as("not listed").doesNotContain(id);
        }
    }

    /** Every id of a listing, page by page. */
    static List<String> walk(String firstPage) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String path = cursor == null ? firstPage : firstPage + "&cursor=" + cursor;
            MediaApiClient.Response page = api.get(path);
            assertThat(page.status()).as("%s: %s", path, page.text()).isEqualTo(200);
            page.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
            assertThat(++pages).as("pages").isLessThan(1000);
        } while (cursor != null);
        return ids;
    }

    @Nested
    class TheApi {

        @Test
        void paginationWalksEveryItemExactlyOnce() {
            List<String> uploaded = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                uploaded.add(put("it/pages/photo-" + i + ".jpg", TestImages.jpeg(96, 64, 100 + i), "image/jpeg"));
            }
            for (String id : uploaded) {
                Poll.until(id + " indexed", pipeline.processingTimeout(), () -> api.get("/media/" + id).status() == 200);
            }
            Set<String> listed = new HashSet<>();
            for (var item : pipeline.dynamoDb().scanPaginator(b -> b.tableName(pipeline.mediaTable())).items()) {
                if (item.containsKey("listPartition")) {
                    listed.add(item.get("id").s());
                }
            }
            List<String> walked = walk("/media?limit=2");
            assertThat(walked).as("no item twice").doesNotHaveDuplicates();
            assertThat(walked).as("every listed item of the table, exactly").containsExactlyInAnyOrderElementsOf(listed);
            assertThat(walked).containsAll(uploaded);
            List<String> images = walk("/media?kind=image&limit=3");
            assertThat(images).doesNotHaveDuplicates().containsAll(uploaded);
        }

        @Test
        void aPresignedUploadRefusesAnotherTypeAndAnOversizedBody() {
            MediaApiClient.Response grant = api.grant("photo.jpg", "image/jpeg", 1000);
            assertThat(grant.status()).isEqualTo(201);
            JsonNode tampered = grant.json().deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) tampered.at("/upload/fields")).put("Content-Type", "text/html");
            MediaApiClient.Response wrongType = MediaApiClient.upload(tampered, "<script>alert(1)</script>".getBytes(), "text/html");
            assertThat(wrongType.status()).as("another type than granted: %s", wrongType.text()).isEqualTo(403);

            MediaApiClient.Response tooLarge = MediaApiClient.upload(grant.json(), new byte[(int) MAX_UPLOAD + 1], "image/jpeg");
            assertThat(tooLarge.status()).as("over the granted maximum: %s", tooLarge.text()).isEqualTo(400);
            assertThat(tooLarge.text()).contains("EntityTooLarge");
            assertThat(pipeline.s3().listObjectsV2(b -> b.bucket(pipeline.uploadBucket())
                    .prefix(grant.json().get("key").asText())).contents()).as("nothing stored").isEmpty();

            MediaApiClient.Response refusedType = api.grant("page.html", "text/html", 100);
            assertThat(refusedType.status()).isEqualTo(400);
            assertThat(refusedType.json().at("/error/field").asText()).isEqualTo("contentType");
            MediaApiClient.Response refusedSize = api.grant("big.jpg", "image/jpeg", MAX_UPLOAD + 1);
            assertThat(refusedSize.status()).isEqualTo(413);
            assertThat(refusedSize.json().at("/error/field").asText()).isEqualTo("size");
        }

        @Test
        void unknownAndMalformedRequestsGetJsonErrorsNamingTheField() {
            MediaApiClient.Response unknown = api.get("/media/0123456789abcdef01234567");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().at("/error/code").asText()).isEqualTo("not_found");
            Map<String, String> fields = Map.of("/media?limit=0", "limit", "/media?limit=-1", "limit",
                    "/media?limit=100000", "limit", "/media?cursor=not-a-cursor", "cursor", "/media?kind=sculpture", "kind",
                    "/media?status=lost", "status");
            fields.forEach((path, field) -> {
                MediaApiClient.Response r = api.get(path);
                assertThat(r.status()).as(path).isEqualTo(400);
                assertThat(r.json().at("/error/field").asText()).as(path).isEqualTo(field);
            });
            MediaApiClient.Response badJson = api.post("/uploads", "{not json");
            assertThat(badJson.status()).isEqualTo(400);
            assertThat(badJson.json().at("/error/field").asText()).isEqualTo("body");
        }

        @Test
        void unknownRoutesAndWrongMethodsGetApiMdsJsonErrorsWithCorsNotTheGatewaysBareNotFound() {
            Map<String, String> browser = Map.of("Origin", "http://localhost:8080");
            MediaApiClient.Response unknown = api.send("GET", "/nowhere/at/all", browser);
            assertThat(unknown.status()).as("unknown route: %s", unknown.text()).isEqualTo(404);
            assertThat(unknown.json().at("/error/code").asText()).as("unknown route: %s", unknown.text())
                    .isEqualTo("not_found");
            assertThat(unknown.header("Access-Control-Allow-Origin")).as("CORS on an unknown route").isNotNull();

            MediaApiClient.Response wrongMethod = api.send("PUT", "/media", browser);
            assertThat(wrongMethod.status()).as("PUT /media: %s", wrongMethod.text()).isEqualTo(405);
            assertThat(wrongMethod.json().at("/error/code").asText()).isEqualTo("method_not_allowed");
            assertThat(wrongMethod.header("Allow")).as("Allow of /media").isEqualTo("GET");
            assertThat(wrongMethod.header("Access-Control-Allow-Origin")).as("CORS on a 405").isNotNull();

            MediaApiClient.Response wrongOnItem = api.send("PATCH", "/media/0123456789abcdef01234567", browser);
            assertThat(wrongOnItem.status()).as("PATCH /media/{id}: %s", wrongOnItem.text()).isEqualTo(405);
            assertThat(wrongOnItem.header("Allow")).as("Allow of /media/{id}").isEqualTo("GET, DELETE");
        }
    }
}
