package dev.mediapipeline.index;

import dev.mediapipeline.aws.MediaTable;
import dev.mediapipeline.index.state.AssetItemCodec;
import dev.mediapipeline.index.state.AssetState;
import dev.mediapipeline.model.AssetId;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * {@link MediaIndex} on the DynamoDB table MediaTable: optimistic concurrency on the item's revision. Each update
 * reads the item (strongly consistent), applies the change in memory, and writes the whole item back with
 * {@code ConditionExpression: rev = :read} (or {@code attribute_not_exists(id)} for a new item); a lost race
 * re-reads and re-applies, after a jittered, growing pause. An update that changes nothing writes nothing.
 */
public final class DynamoDbMediaIndex implements MediaIndex {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbMediaIndex.class);
    static final int MAX_ATTEMPTS = 64;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbMediaIndex(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public AssetState read(AssetId id) {
        return AssetItemCodec.fromItem(id, get(id));
    }

    private Map<String, AttributeValue> get(AssetId id) {
        try {
            GetItemResponse r = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(MediaTable.ID, MediaTable.s(id.value()))));
            return r.hasItem() ? r.item() : Map.of();
        } catch (SdkException e) {
            throw new IndexStoreException("reading asset " + id + " from " + table + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Change update(AssetId id, UnaryOperator<AssetState> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> item = get(id);
            AssetState before = AssetItemCodec.fromItem(id, item);
            AssetState after = change.apply(before);
            if (after.equals(before)) {
                return new Change(before, after);
            }
            Map<String, AttributeValue> next = AssetItemCodec.toItem(after);
            PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(next);
            if (item.isEmpty()) {
                put.conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", MediaTable.ID));
            } else {
                put.conditionExpression("#rev = :rev")
                        .expressionAttributeNames(Map.of("#rev", AssetItemCodec.REV))
                        .expressionAttributeValues(Map.of(":rev", item.getOrDefault(AssetItemCodec.REV, MediaTable.s(""))));
            }
            try {
                dynamo.putItem(put.build());
                return new Change(before, after);
            } catch (ConditionalCheckFailedException lost) {
                LOG.debug("asset {} changed under us (attempt {}), retrying", id, attempt);
                pause(attempt);
            } catch (SdkException e) {
                throw new IndexStoreException("writing asset " + id + " to " + table + " failed: " + e.getMessage(), e);
            }
        }
        throw new ConcurrentUpdateException("asset " + id + " kept changing during " + MAX_ATTEMPTS + " attempts to update it");
    }

    /** Full jitter over an exponentially growing window, capped at 250 ms. */
    private static void pause(int attempt) {
        long windowMicros = Math.min(250_000L, 1_000L << Math.min(attempt, 8));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(windowMicros) * 1_000L);
    }
}
