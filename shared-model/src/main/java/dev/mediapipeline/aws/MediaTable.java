package dev.mediapipeline.aws;

import dev.mediapipeline.model.AssetFailure;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.AssetStatus;
import dev.mediapipeline.model.MediaAsset;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.MediaKind;
import dev.mediapipeline.model.Rendition;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout of the DynamoDB table {@code MediaTable} (template.yaml): one item per asset, keyed by its
 * {@link AssetId}. This class maps the public part of an item (what the media API shows) to and from
 * {@link MediaAsset}; the index function adds its bookkeeping attributes (sequencers, event logs, revision) beside
 * them, and is the only writer.
 *
 * <p>Listing newest first goes through three global secondary indexes, all sorted by {@value #LIST_SORT}
 * ({@code uploadedAt#id}, ISO-8601 UTC with milliseconds, so string order is time order):
 * <ul>
 *   <li>{@value #INDEX_BY_UPLOAD_TIME}: partition {@value #LIST_PARTITION} = {@value #LIST_PARTITION_VALUE} (every
 *       listed asset);</li>
 *   <li>{@value #INDEX_BY_KIND}: partition {@value #KIND};</li>
 *   <li>{@value #INDEX_BY_STATUS}: partition {@value #STATUS}.</li>
 * </ul>
 * Items without a status (a deleted asset's tombstone, renditions seen before their upload) carry none of these
 * keys, so the indexes never list them and {@link #fromItem} reads them as absent.
 */
public final class MediaTable {

    public static final String ID = "id";
    public static final String BUCKET = "bucket";
    public static final String KEY = "key";
    public static final String KIND = "kind";
    public static final String FORMAT = "format";
    public static final String CONTENT_TYPE = "contentType";
    public static final String SIZE = "size";
    public static final String ETAG = "eTag";
    public static final String UPLOADED_AT = "uploadedAt";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String FAILURE = "failure";
    public static final String READY_AT = "readyAt";
    public static final String METADATA = "metadata";
    public static final String EXPECTED = "expectedRenditions";
    public static final String RENDITIONS = "renditions";
    public static final String LIST_PARTITION = "listPartition";
    public static final String LIST_SORT = "listSort";
    /** The single partition of {@value #INDEX_BY_UPLOAD_TIME}: fine up to ~1000 uploads a second. */
    public static final String LIST_PARTITION_VALUE = "ALL";
    /** Epoch seconds after which DynamoDB's TTL removes an item (tombstones and orphan records only). */
    public static final String EXPIRES_AT = "expiresAt";

    public static final String INDEX_BY_UPLOAD_TIME = "ByUploadTime";
    public static final String INDEX_BY_KIND = "ByKind";
    public static final String INDEX_BY_STATUS = "ByStatus";

    /** The attributes {@link #fromItem} reads: a projection for readers that need only the public view. */
    public static final List<String> VIEW_ATTRIBUTES = List.of(ID, BUCKET, KEY, KIND, FORMAT, CONTENT_TYPE, SIZE, ETAG,
            UPLOADED_AT, STATUS, REASON, FAILURE, READY_AT, METADATA, EXPECTED, RENDITIONS, LIST_SORT);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private MediaTable() {
    }

    /** Instants are stored with millisecond precision: truncate before comparing with what was read back. */
    public static Instant truncate(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }

    public static String formatTime(Instant t) {
        return TIME.format(t);
    }

    public static Instant parseTime(String s) {
        return Instant.parse(s);
    }

    /** The sort key of the listing indexes: newest first with ScanIndexForward=false; the id makes it unique. */
    public static String listSort(Instant uploadedAt, AssetId id) {
        return formatTime(uploadedAt) + "#" + id.value();
    }

    /** The public attributes of an asset, including the listing index keys. */
    public static Map<String, AttributeValue> toItem(MediaAsset a) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(ID, s(a.id().value()));
        item.put(BUCKET, s(a.bucket()));
        item.put(KEY, s(a.key()));
        if (a.kind() != null) {
            item.put(KIND, s(a.kind().name()));
        }
        if (a.format() != null) {
            item.put(FORMAT, s(a.format().name()));
        }
        putIfPresent(item, CONTENT_TYPE, a.contentType());
        item.put(SIZE, n(a.size()));
        putIfPresent(item, ETAG, a.eTag());
        item.put(UPLOADED_AT, s(formatTime(a.uploadedAt())));
        item.put(STATUS, s(a.status().name()));
        putIfPresent(item, REASON, a.reason());
        if (a.failure() != null) {
            AssetFailure f = a.failure();
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            m.put("function", s(f.function()));
            m.put("message", s(f.message()));
            putIfPresent(m, "errorType", f.errorType());
            if (f.at() != null) {
                m.put("at", s(formatTime(f.at())));
            }
            item.put(FAILURE, AttributeValue.fromM(m));
        }
        if (a.readyAt() != null) {
            item.put(READY_AT, s(formatTime(a.readyAt())));
        }
        if (!a.metadata().isEmpty()) {
            item.put(METADATA, value(a.metadata()));
        }
        if (!a.expectedRenditions().isEmpty()) {
            item.put(EXPECTED, AttributeValue.fromL(a.expectedRenditions().stream().map(MediaTable::s).toList()));
        }
        if (!a.renditions().isEmpty()) {
            Map<String, AttributeValue> renditions = new TreeMap<>();
            a.renditions().forEach((name, r) -> renditions.put(name, AttributeValue.fromM(rendition(r))));
            item.put(RENDITIONS, AttributeValue.fromM(renditions));
        }
        item.put(LIST_PARTITION, s(LIST_PARTITION_VALUE));
        item.put(LIST_SORT, s(listSort(a.uploadedAt(), a.id())));
        return item;
    }

    /** The asset an item describes; empty for items that describe none (no status: tombstones, orphan records). */
    public static Optional<MediaAsset> fromItem(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(STATUS) || !item.containsKey(KEY)) {
            return Optional.empty();
        }
        AssetFailure failure = null;
        if (item.containsKey(FAILURE)) {
            Map<String, AttributeValue> f = item.get(FAILURE).m();
            failure = new AssetFailure(str(f, "function"), str(f, "message"), str(f, "errorType"),
                    f.containsKey("at") ? parseTime(f.get("at").s()) : null);
        }
        Map<String, Rendition> renditions = new TreeMap<>();
        if (item.containsKey(RENDITIONS)) {
            item.get(RENDITIONS).m().forEach((name, v) -> renditions.put(name, rendition(name, v.m())));
        }
        List<String> expected = new ArrayList<>();
        if (item.containsKey(EXPECTED)) {
            item.get(EXPECTED).l().forEach(v -> expected.add(v.s()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = item.containsKey(METADATA) ? (Map<String, Object>) fromValue(item.get(METADATA)) : Map.of();
        return Optional.of(new MediaAsset(
                new AssetId(item.get(ID).s()),
                item.get(BUCKET).s(),
                item.get(KEY).s(),
                item.containsKey(KIND) ? MediaKind.valueOf(item.get(KIND).s()) : null,
                item.containsKey(FORMAT) ? MediaFormat.valueOf(item.get(FORMAT).s()) : null,
                str(item, CONTENT_TYPE),
                item.containsKey(SIZE) ? Long.parseLong(item.get(SIZE).n()) : 0,
                str(item, ETAG),
                parseTime(item.get(UPLOADED_AT).s()),
                AssetStatus.valueOf(item.get(STATUS).s()),
                str(item, REASON),
                failure,
                item.containsKey(READY_AT) ? parseTime(item.get(READY_AT).s()) : null,
                metadata,
                expected,
                renditions));
    }

    private static Map<String, AttributeValue> rendition(Rendition r) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("key", s(r.key()));
        m.put("size", n(r.size()));
        if (r.width() != null) {
            m.put("width", n(r.width()));
        }
        if (r.height() != null) {
            m.put("height", n(r.height()));
        }
        putIfPresent(m, "contentType", r.contentType());
        putIfPresent(m, "eTag", r.eTag());
        if (r.createdAt() != null) {
            m.put("createdAt", s(formatTime(r.createdAt())));
        }
        return m;
    }

    private static Rendition rendition(String name, Map<String, AttributeValue> m) {
        return new Rendition(name, m.get("key").s(), Long.parseLong(m.get("size").n()),
                m.containsKey("width") ? Integer.valueOf(m.get("width").n()) : null,
                m.containsKey("height") ? Integer.valueOf(m.get("height").n()) : null,
                str(m, "contentType"), str(m, "eTag"),
                m.containsKey("createdAt") ? parseTime(m.get("createdAt").s()) : null);
    }

    /**
     * A number in the one form that survives a round trip through DynamoDB (which stores numbers canonically):
     * integral values as {@link Long}, others as a {@link BigDecimal} without trailing zeros.
     */
    public static Object normalizeNumber(Number n) {
        BigDecimal d = n instanceof BigDecimal b ? b
                : (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) ? BigDecimal.valueOf(n.longValue())
                : new BigDecimal(n.toString());
        d = d.stripTrailingZeros();
        if (d.scale() <= 0) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException tooLarge) {
                return d;
            }
        }
        return d;
    }

    /** Converts String, Number, Boolean, Map and List values to attribute values. */
    public static AttributeValue value(Object v) {
        if (v instanceof String str) {
            return s(str);
        }
        if (v instanceof Boolean b) {
            return AttributeValue.fromBool(b);
        }
        if (v instanceof Number n) {
            Object norm = normalizeNumber(n);
            return AttributeValue.fromN(norm instanceof BigDecimal d ? d.toPlainString() : norm.toString());
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, AttributeValue> m = new TreeMap<>();
            map.forEach((k, x) -> {
                if (x != null) {
                    m.put(k.toString(), value(x));
                }
            });
            return AttributeValue.fromM(m);
        }
        if (v instanceof List<?> list) {
            return AttributeValue.fromL(list.stream().map(MediaTable::value).toList());
        }
        throw new IllegalArgumentException("cannot store a " + (v == null ? "null" : v.getClass().getName()));
    }

    /** The inverse of {@link #value(Object)}; numbers come back normalized ({@link #normalizeNumber}). */
    public static Object fromValue(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            return normalizeNumber(new BigDecimal(v.n()));
        }
        if (v.bool() != null) {
            return v.bool();
        }
        if (v.hasM()) {
            Map<String, Object> m = new TreeMap<>();
            v.m().forEach((k, x) -> m.put(k, fromValue(x)));
            return m;
        }
        if (v.hasL()) {
            return v.l().stream().map(MediaTable::fromValue).toList();
        }
        throw new IllegalArgumentException("unsupported attribute value " + v);
    }

    public static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    public static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static void putIfPresent(Map<String, AttributeValue> m, String name, String v) {
        if (v != null) {
            m.put(name, s(v));
        }
    }

    private static String str(Map<String, AttributeValue> m, String name) {
        AttributeValue v = m.get(name);
        return v == null ? null : v.s();
    }
}
