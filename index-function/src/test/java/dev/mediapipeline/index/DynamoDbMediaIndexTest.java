package dev.mediapipeline.index;

import static dev.mediapipeline.index.state.AssetEvents.BUCKET;
import static dev.mediapipeline.index.state.AssetEvents.KEY;
import static dev.mediapipeline.index.state.AssetEvents.created;
import static dev.mediapipeline.index.state.AssetEvents.failure;
import static dev.mediapipeline.index.state.AssetEvents.removed;
import static dev.mediapipeline.index.state.AssetEvents.rendition;
import static dev.mediapipeline.index.state.AssetEvents.renditionRemoved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.aws.MediaTable;
import dev.mediapipeline.index.state.AssetEvent;
import dev.mediapipeline.index.state.AssetEvents;
import dev.mediapipeline.index.state.AssetItemCodec;
import dev.mediapipeline.index.state.AssetReducer;
import dev.mediapipeline.index.state.AssetState;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.AssetStatus;
import dev.mediapipeline.model.MediaAsset;
import dev.mediapipeline.testing.EmbeddedDynamoDb;
import dev.mediapipeline.testing.TemplateTables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The DynamoDB adapter against DynamoDB Local (real HTTP API), on the table template.yaml declares. */
class DynamoDbMediaIndexTest {

    static final String TABLE = "media-index-test";
    static EmbeddedDynamoDb server;
    static DynamoDbClient dynamo;
    static DynamoDbMediaIndex index;

    @BeforeAll
    static void start() {
        server = EmbeddedDynamoDb.start();
        TemplateTables.create(server, TemplateTables.projectTemplate(), "MediaTable", TABLE);
        dynamo = server.client();
        index = new DynamoDbMediaIndex(dynamo, TABLE);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        server.close();
    }

    static AssetId freshId(String name) {
        return AssetId.of(BUCKET, "tests/" + name + "/" + System.nanoTime());
    }

    static Map<String, AttributeValue> rawItem(AssetId id) {
        return dynamo.getItem(b -> b.tableName(TABLE).consistentRead(true).key(Map.of(MediaTable.ID, MediaTable.s(id.value())))).item();
    }

    static void applyAll(AssetId id, List<AssetEvent> events) {
        for (AssetEvent e : events) {
            index.update(id, s -> AssetReducer.apply(s, e));
        }
    }

    /** Events of the shared fixtures are about one key; rebind them to another asset id for isolation. */
    static List<AssetEvent> realisticEvents() {
        return List.of(created(1, "e1"), rendition("phone", 1, "e1"), failure("ThumbnailFunction", "old", 20, 1, "about v1"),
                removed(2), created(3, "e2"), rendition("phone", 4, "e2"), rendition("square", 2, "e2"), renditionRemoved("square", 1),
                failure("TranscodeFunction", "early", 1, null, "before v2 was uploaded"));
    }

    @Nested
    class Storage {
        @Test
        void aStateSurvivesTheRoundTripExactly() {
            AssetId id = freshId("roundtrip");
            applyAll(id, realisticEvents());
            AssetState expected = AssetReducer.applyAll(AssetState.empty(id), realisticEvents());
            assertThat(index.read(id)).isEqualTo(expected);
            assertThat(MediaTable.fromItem(rawItem(id))).as("the public view, as the API reads it").isEqualTo(AssetReducer.view(expected));
        }

        @Test
        void aDuplicateEventWritesNothing() {
            AssetId id = freshId("dup");
            index.update(id, s -> AssetReducer.apply(s, created(1, "e1")));
            String rev = rawItem(id).get(AssetItemCodec.REV).s();
            MediaIndex.Change again = index.update(id, s -> AssetReducer.apply(s, created(1, "e1")));
            assertThat(again.changed()).isFalse();
            assertThat(rawItem(id).get(AssetItemCodec.REV).s()).isEqualTo(rev);
        }

        @Test
        void everyListingIndexProjectsWhatTheApiReads() {
            AssetId id = AssetId.of(BUCKET, KEY);
            applyAll(id, List.of(created(1, "e1"), rendition("phone", 1, "e1"), rendition("square", 2, "e1")));
            MediaAsset expected = AssetReducer.view(index.read(id)).orElseThrow();
            assertThat(expected.status()).isEqualTo(AssetStatus.READY);
            Map<String, String> names = new java.util.HashMap<>();
            List<String> placeholders = new ArrayList<>();
            for (String a : MediaTable.VIEW_ATTRIBUTES) {
                names.put("#" + a, a);
                placeholders.add("#" + a);
            }
            String projection = String.join(",", placeholders);
            record Q(String index, String attribute, String value) {
            }
            for (Q q : List.of(new Q(MediaTable.INDEX_BY_UPLOAD_TIME, MediaTable.LIST_PARTITION, MediaTable.LIST_PARTITION_VALUE),
                    new Q(MediaTable.INDEX_BY_KIND, MediaTable.KIND, "IMAGE"), new Q(MediaTable.INDEX_BY_STATUS, MediaTable.STATUS, "READY"))) {
                Map<String, String> n = new java.util.HashMap<>(names);
                n.put("#p", q.attribute());
                QueryResponse r = dynamo.query(b -> b.tableName(TABLE).indexName(q.index()).keyConditionExpression("#p = :v")
                        .expressionAttributeNames(n).expressionAttributeValues(Map.of(":v", MediaTable.s(q.value())))
                        .projectionExpression(projection));
                List<MediaAsset> found = r.items().stream().map(MediaTable::fromItem).flatMap(java.util.Optional::stream)
                        .filter(a -> a.id().equals(id)).toList();
                assertThat(found).as("asset listed by %s with every public attribute", q.index()).containsExactly(expected);
            }
        }

        @Test
        void aTombstoneIsInNoListingIndexAndExpires() {
            AssetId id = freshId("tombstone");
            applyAll(id, List.of(created(1, "e1"), removed(2)));
            Map<String, AttributeValue> item = rawItem(id);
            assertThat(item).doesNotContainKeys(MediaTable.STATUS, MediaTable.KIND, MediaTable.LIST_PARTITION, MediaTable.LIST_SORT);
            assertThat(item).containsKey(MediaTable.EXPIRES_AT);
            assertThat(MediaTable.fromItem(item)).isEmpty();
        }
    }

    @Nested
    class OrderingThroughTheTable {
        /** Issue 4's property, through the real table: shuffled and duplicated deliveries, one byte-identical item. */
        @Test
        void everyOrderWithDuplicatesStoresTheIdenticalItem() {
            AssetId id = AssetId.of(BUCKET, "tests/ordering.jpg");
            List<AssetEvent> events = realisticEvents();
            Random random = new Random(4);
            Map<String, AttributeValue> reference = null;
            for (int run = 0; run < 15; run++) {
                dynamo.deleteItem(b -> b.tableName(TABLE).key(Map.of(MediaTable.ID, MediaTable.s(id.value()))));
                List<AssetEvent> order = AssetEvents.shuffledWithDuplicates(events, random);
                applyAll(id, order);
                Map<String, AttributeValue> item = rawItem(id);
                if (reference == null) {
                    reference = item;
                    assertThat(MediaTable.fromItem(item).orElseThrow().status()).isEqualTo(AssetStatus.READY);
                }
                assertThat(item).as("run %d, order %s", run, order).isEqualTo(reference);
            }
        }
    }

    @Nested
    class Concurrency {
        /** Threads hammer one asset with distinct events: optimistic concurrency must keep every one of them. */
        @Test
        void concurrentEventsOnOneAssetNeverLoseAnUpdate() throws Exception {
            AssetId id = freshId("hammer");
            int threads = 6;
            int perThread = 8;
            List<AssetEvent> events = new ArrayList<>();
            events.add(created(1, "e1"));
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    events.add(rendition("p" + t + "-" + i, 1, "e1"));
                }
            }
            List<AssetEvent> deliveries = new ArrayList<>(events);
            deliveries.addAll(events.subList(0, 12)); // some duplicates racing their originals
            Collections.shuffle(deliveries, new Random(1));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                int chunk = (deliveries.size() + threads - 1) / threads;
                for (int t = 0; t < threads; t++) {
                    List<AssetEvent> mine = deliveries.subList(Math.min(deliveries.size(), t * chunk), Math.min(deliveries.size(), (t + 1) * chunk));
                    futures.add(pool.submit(() -> applyAll(id, mine)));
                }
                for (Future<?> f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            AssetState stored = index.read(id);
            assertThat(stored.renditions()).as("every rendition recorded").hasSize(threads * perThread);
            assertThat(stored).isEqualTo(AssetReducer.applyAll(AssetState.empty(id), events));
        }
    }
}
