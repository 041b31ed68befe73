package dev.mediapipeline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediapipeline.aws.MediaTable;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.MediaAsset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link MediaCatalog} on MediaTable. Listing is a Query on a listing index, never a Scan: by status
 * ({@code ByStatus}) when a status is asked for (kind then filters), else by kind ({@code ByKind}), else everything
 * ({@code ByUploadTime}); newest first. A filtered page may take several Queries (at most
 * {@value #MAX_QUERIES_PER_PAGE}, then it is returned short, with a cursor). The cursor is the key of the last item
 * returned, base64url JSON, bound to the index and partition it was made for.
 */
public final class DynamoDbMediaCatalog implements MediaCatalog {

    static final int MAX_QUERIES_PER_PAGE = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LIST_SORT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#([0-9a-f]{24})");
    private static final int MAX_CURSOR_LENGTH = 1024;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String projection;
    private final Map<String, String> projectionNames;

    public DynamoDbMediaCatalog(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        Map<String, String> names = new HashMap<>();
        List<String> placeholders = new ArrayList<>();
        for (String a : MediaTable.VIEW_ATTRIBUTES) {
            names.put("#" + a, a);
            placeholders.add("#" + a);
        }
        this.projection = String.join(",", placeholders);
        this.projectionNames = Map.copyOf(names);
    }

    @Override
    public Optional<MediaAsset> find(AssetId id) {
        try {
            var r = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of(MediaTable.ID, MediaTable.s(id.value())))
                    .projectionExpression(projection).expressionAttributeNames(projectionNames));
            return r.hasItem() ? MediaTable.fromItem(r.item()) : Optional.empty();
        } catch (SdkException e) {
            throw new CatalogUnavailableException("reading " + id + " failed: " + e.getMessage(), e);
        }
    }

    /** Which index a query uses, and its partition. */
    record Partition(String index, String attribute, String value) {
    }

    static Partition partition(ListQuery q) {
        if (q.status() != null) {
            return new Partition(MediaTable.INDEX_BY_STATUS, MediaTable.STATUS, q.status().name());
        }
        if (q.kind() != null) {
            return new Partition(MediaTable.INDEX_BY_KIND, MediaTable.KIND, q.kind().name());
        }
        return new Partition(MediaTable.INDEX_BY_UPLOAD_TIME, MediaTable.LIST_PARTITION, MediaTable.LIST_PARTITION_VALUE);
    }

    @Override
    public Page list(ListQuery q) {
        Partition p = partition(q);
        boolean filterKind = q.status() != null && q.kind() != null;
        Map<String, AttributeValue> start = q.cursor() == null ? null : decode(q.cursor(), p);
        Map<String, String> names = new HashMap<>(projectionNames);
        names.put("#p", p.attribute());
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", MediaTable.s(p.value()));
        String filter = null;
        if (filterKind) {
            names.put("#k", MediaTable.KIND);
            values.put(":k", MediaTable.s(q.kind().name()));
            filter = "#k = :k";
        }
        List<Map<String, AttributeValue>> collected = new ArrayList<>();
        for (int i = 0; i < MAX_QUERIES_PER_PAGE; i++) {
            int remaining = q.limit() - collected.size();
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(p.index())
                    .keyConditionExpression("#p = :p").expressionAttributeNames(names).expressionAttributeValues(values)
                    .projectionExpression(projection).scanIndexForward(false)
                    .limit(filterKind ? Math.max(remaining * 2, 25) : remaining + 1);
            if (filter != null) {
                request.filterExpression(filter);
            }
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse r;
            try {
                r = dynamo.query(request.build());
            } catch (SdkException e) {
                throw new CatalogUnavailableException("listing " + p.index() + " failed: " + e.getMessage(), e);
            }
            List<Map<String, AttributeValue>> items = r.items();
            for (int j = 0; j < items.size(); j++) {
                collected.add(items.get(j));
                if (collected.size() == q.limit()) {
                    boolean more = j < items.size() - 1 || r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty();
                    return page(collected, more ? encode(keyOf(items.get(j), p), p) : null);
                }
            }
            if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) {
                return page(collected, null);
            }
            start = r.lastEvaluatedKey();
        }
        // a sparse filter: return what was found and where to go on
        return page(collected, encode(start, p));
    }

    private static Page page(List<Map<String, AttributeValue>> items, String cursor) {
        return new Page(items.stream().map(MediaTable::fromItem).flatMap(Optional::stream).toList(), cursor);
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, Partition p) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(MediaTable.ID, item.get(MediaTable.ID));
        key.put(MediaTable.LIST_SORT, item.get(MediaTable.LIST_SORT));
        key.put(p.attribute(), MediaTable.s(p.value()));
        return key;
    }

    static String encode(Map<String, AttributeValue> key, Partition p) {
        ObjectNode c = JSON.createObjectNode();
        c.put("v", 1).put("i", p.index()).put("p", p.value())
                .put("id", key.get(MediaTable.ID).s()).put("s", key.get(MediaTable.LIST_SORT).s());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(c.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String cursor, Partition p) {
        if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
            throw new InvalidCursorException("cursor is not one this API returned");
        }
        JsonNode c;
        try {
            c = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new InvalidCursorException("cursor is not one this API returned");
        }
        if (c == null || !c.isObject() || c.path("v").asInt() != 1 || !c.path("id").isTextual() || !c.path("s").isTextual()) {
            throw new InvalidCursorException("cursor is not one this API returned");
        }
        if (!p.index().equals(c.path("i").asText()) || !p.value().equals(c.path("p").asText())) {
            throw new InvalidCursorException("cursor belongs to a listing with other kind or status filters");
        }
        String id = c.path("id").asText();
        var m = LIST_SORT.matcher(c.path("s").asText());
        if (!AssetId.isValid(id) || !m.matches() || !m.group(1).equals(id)) {
            throw new InvalidCursorException("cursor is not one this API returned");
        }
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(MediaTable.ID, MediaTable.s(id));
        key.put(MediaTable.LIST_SORT, MediaTable.s(c.path("s").asText()));
        key.put(p.attribute(), MediaTable.s(p.value()));
        return key;
    }
}
