package dev.mediapipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediapipeline.model.ObjectInfo;
import dev.mediapipeline.model.ObjectNotFoundException;
import dev.mediapipeline.model.ObjectStoreException;
import dev.mediapipeline.model.StoredObject;
import dev.mediapipeline.model.WriteOptions;
import dev.mediapipeline.testing.EmbeddedS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 adapter against a real S3 API (S3Proxy) over HTTP on loopback. */
class S3ObjectStoreTest {

    static EmbeddedS3 server;
    static S3Client client;
    static S3ObjectStore store;
    static final String BUCKET = "store-test";

    @BeforeAll
    static void start() {
        server = EmbeddedS3.start();
        server.createBucket(BUCKET);
        client = server.client();
        store = new S3ObjectStore(client);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Nested
    class WriteThenRead {
        @Test
        void putSetsContentTypeCacheControlAndMetadata() {
            String key = "holiday photos/été + ½ 100%.jpg";
            store.put(BUCKET, key, "hello".getBytes(StandardCharsets.UTF_8), WriteOptions.of("image/jpeg")
                    .withCacheControl(WriteOptions.IMMUTABLE_CACHE)
                    .withMetadata("Source-Key", WriteOptions.headerSafe(key)));

            ObjectInfo info = store.head(BUCKET, key).orElseThrow();
            assertThat(info.size()).isEqualTo(5);
            assertThat(info.contentType()).isEqualTo("image/jpeg");
            assertThat(info.eTag()).as("unquoted MD5 ETag").matches("[0-9a-f]{32}");
            assertThat(info.userMetadata()).containsEntry("source-key", WriteOptions.headerSafe(key));
            assertThat(client.headObject(b -> b.bucket(BUCKET).key(key)).cacheControl()).isEqualTo(WriteOptions.IMMUTABLE_CACHE);
        }

        @Test
        void openStreamsTheContentAndRangeReadsPart() throws Exception {
            store.put(BUCKET, "range.bin", "0123456789".getBytes(StandardCharsets.US_ASCII), WriteOptions.of("application/octet-stream"));
            try (StoredObject all = store.open(BUCKET, "range.bin")) {
                assertThat(new String(all.content().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("0123456789");
            }
            try (StoredObject part = store.openRange(BUCKET, "range.bin", 2, 3)) {
                assertThat(new String(part.content().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("234");
            }
            try (StoredObject tail = store.openRange(BUCKET, "range.bin", 8, 100)) {
                assertThat(new String(tail.content().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("89");
            }
        }

        @Test
        void putFromFileAndList(@TempDir Path dir) throws Exception {
            Path file = Files.writeString(dir.resolve("segment.ts"), "x".repeat(10_000));
            store.put(BUCKET, "list/b", file, WriteOptions.of("video/mp2t"));
            store.put(BUCKET, "list/a", new byte[0], WriteOptions.of("text/plain"));
            assertThat(store.list(BUCKET, "list/")).extracting(ObjectInfo::key, ObjectInfo::size)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("list/a", 0L), org.assertj.core.groups.Tuple.tuple("list/b", 10_000L));
        }
    }

    @Nested
    class Absence {
        @Test
        void headOfMissingObjectIsEmpty() {
            assertThat(store.head(BUCKET, "nope")).isEmpty();
        }

        @Test
        void openOfMissingObjectIsASpecificException() {
            assertThatThrownBy(() -> store.open(BUCKET, "nope")).isInstanceOf(ObjectNotFoundException.class).hasMessageContaining("nope");
        }

        @Test
        void deleteIsIdempotent() {
            store.put(BUCKET, "gone", new byte[] {1}, WriteOptions.of("application/octet-stream"));
            store.delete(BUCKET, "gone");
            store.delete(BUCKET, "gone");
            assertThat(store.head(BUCKET, "gone")).isEmpty();
        }

        @Test
        void deleteAllRemovesMoreKeysThanOneBatchHoldsAndIgnoresAbsentOnes() {
            S3ObjectStore batchesOfSeven = new S3ObjectStore(client, 7);
            java.util.List<String> keys = new java.util.ArrayList<>();
            for (int i = 0; i < 3 * 7 + 2; i++) {
                String key = "tree/hls/360p/run-" + String.format("%05d", i) + (i % 5 == 0 ? " été +%.ts" : ".ts");
                store.put(BUCKET, key, new byte[] {1}, WriteOptions.of("video/mp2t"));
                keys.add(key);
            }
            keys.add("tree/never-existed.ts");

            assertThat(batchesOfSeven.deleteAll(BUCKET, keys)).as("deleted, absent ones included").isEqualTo(keys.size());
            assertThat(store.list(BUCKET, "tree/")).as("nothing left of the tree").isEmpty();
            assertThat(store.deleteAll(BUCKET, java.util.List.of())).isZero();
            assertThatThrownBy(() -> store.deleteAll("no-such-bucket", java.util.List.of("k")))
                    .isInstanceOf(ObjectStoreException.class).hasMessageContaining("no-such-bucket");
        }

        @Test
        void missingBucketIsAStoreFailure() {
            assertThatThrownBy(() -> store.put("no-such-bucket", "k", new byte[] {1}, WriteOptions.of("text/plain")))
                    .isInstanceOf(ObjectStoreException.class).hasMessageContaining("no-such-bucket");
        }
    }
}
