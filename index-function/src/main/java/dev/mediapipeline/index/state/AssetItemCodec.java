package dev.mediapipeline.index.state;

import static dev.mediapipeline.aws.MediaTable.n;
import static dev.mediapipeline.aws.MediaTable.s;

import dev.mediapipeline.aws.MediaTable;
import dev.mediapipeline.index.state.AssetState.Analysis;
import dev.mediapipeline.index.state.AssetState.Created;
import dev.mediapipeline.index.state.AssetState.FailureEntry;
import dev.mediapipeline.index.state.AssetState.Outcome;
import dev.mediapipeline.index.state.AssetState.Removed;
import dev.mediapipeline.index.state.AssetState.RenditionEntry;
import dev.mediapipeline.index.state.AssetState.Source;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.MediaKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps an {@link AssetState} to its MediaTable item and back. The item holds the public view
 * ({@link MediaTable#toItem}, derived with {@link AssetReducer#view}) beside the index's own bookkeeping:
 * <ul>
 *   <li>{@value #SOURCE}: the winning upload-key event (sequencer, time, object, header analysis);</li>
 *   <li>{@value #RENDITION_LOG}: each rendition key's winning event;</li>
 *   <li>{@value #FAILURE_LOG}: failure records;</li>
 *   <li>{@value #REV}: a hash of everything else, the token of optimistic concurrency. Because the state depends
 *       only on the set of events, equal sets of events give byte-identical items, revision included.</li>
 * </ul>
 */
public final class AssetItemCodec {

    public static final String SOURCE = "src";
    public static final String RENDITION_LOG = "renditionLog";
    public static final String FAILURE_LOG = "failureLog";
    public static final String REV = "rev";

    private AssetItemCodec() {
    }

    public static Map<String, AttributeValue> toItem(AssetState state) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(MediaTable.ID, s(state.id().value()));
        AssetReducer.view(state).ifPresent(v -> item.putAll(MediaTable.toItem(v)));
        AssetReducer.expiresAt(state).ifPresent(t -> item.put(MediaTable.EXPIRES_AT, n(t.getEpochSecond())));
        if (state.source() != null) {
            item.put(SOURCE, AttributeValue.fromM(source(state.source())));
        }
        if (!state.renditions().isEmpty()) {
            Map<String, AttributeValue> log = new TreeMap<>();
            state.renditions().forEach((name, r) -> log.put(name, AttributeValue.fromM(rendition(r))));
            item.put(RENDITION_LOG, AttributeValue.fromM(log));
        }
        if (!state.failures().isEmpty()) {
            Map<String, AttributeValue> log = new TreeMap<>();
            state.failures().forEach((id, f) -> log.put(id, AttributeValue.fromM(failure(f))));
            item.put(FAILURE_LOG, AttributeValue.fromM(log));
        }
        item.put(REV, s(revision(item)));
        return item;
    }

    /** The state an item holds; an absent item is the empty state. */
    public static AssetState fromItem(AssetId id, Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return AssetState.empty(id);
        }
        Source source = item.containsKey(SOURCE) ? source(item.get(SOURCE).m()) : null;
        Map<String, RenditionEntry> renditions = new TreeMap<>();
        if (item.containsKey(RENDITION_LOG)) {
            item.get(RENDITION_LOG).m().forEach((name, v) -> renditions.put(name, rendition(v.m())));
        }
        Map<String, FailureEntry> failures = new TreeMap<>();
        if (item.containsKey(FAILURE_LOG)) {
            item.get(FAILURE_LOG).m().forEach((fid, v) -> failures.put(fid, failure(v.m())));
        }
        return new AssetState(id, source, renditions, failures);
    }

    /** A stable hash of an item's attributes other than {@value #REV}. */
    public static String revision(Map<String, AttributeValue> item) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(item).forEach((k, v) -> {
            if (!k.equals(REV)) {
                canonical.append(k.length()).append(':').append(k).append('=');
                canonical(v, canonical);
                canonical.append(';');
            }
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void canonical(AttributeValue v, StringBuilder out) {
        if (v.s() != null) {
            out.append("S").append(v.s().length()).append(':').append(v.s());
        } else if (v.n() != null) {
            out.append("N").append(v.n()).append(':');
        } else if (v.bool() != null) {
            out.append(v.bool() ? "T" : "F");
        } else if (v.hasM()) {
            out.append("M{");
            new TreeMap<>(v.m()).forEach((k, x) -> {
                out.append(k.length()).append(':').append(k).append('=');
                canonical(x, out);
                out.append(';');
            });
            out.append('}');
        } else if (v.hasL()) {
            out.append("L[");
            v.l().forEach(x -> {
                canonical(x, out);
                out.append(',');
            });
            out.append(']');
        } else if (Boolean.TRUE.equals(v.nul())) {
            out.append("0");
        } else {
            throw new IllegalArgumentException("unsupported attribute value " + v);
        }
    }

    private static Map<String, AttributeValue> source(Source source) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        put(m, "seq", source.sequencer());
        putTime(m, "at", source.eventTime());
        switch (source) {
            case Removed r -> m.put("type", s("removed"));
            case Created c -> {
                m.put("type", s("created"));
                m.put("bucket", s(c.bucket()));
                m.put("key", s(c.key()));
                m.put("size", n(c.size()));
                put(m, "eTag", c.eTag());
                if (c.analysis() != null) {
                    m.put("analysis", AttributeValue.fromM(analysis(c.analysis())));
                }
            }
        }
        return m;
    }

    private static Source source(Map<String, AttributeValue> m) {
        String seq = str(m, "seq");
        Instant at = time(m, "at");
        if ("removed".equals(str(m, "type"))) {
            return new Removed(seq, at);
        }
        return new Created(seq, at, str(m, "bucket"), str(m, "key"), Long.parseLong(m.get("size").n()), str(m, "eTag"),
                m.containsKey("analysis") ? analysis(m.get("analysis").m()) : null);
    }

    private static Map<String, AttributeValue> analysis(Analysis a) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("format", s(a.format().name()));
        m.put("kind", s(a.kind().name()));
        put(m, "contentType", a.contentType());
        m.put("outcome", s(a.outcome().name()));
        put(m, "reason", a.reason());
        put(m, "analyzedBy", a.analyzedBy());
        m.put("expected", AttributeValue.fromL(a.expected().stream().map(MediaTable::s).toList()));
        m.put("metadata", MediaTable.value(a.metadata()));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Analysis analysis(Map<String, AttributeValue> m) {
        List<String> expected = new ArrayList<>();
        m.get("expected").l().forEach(v -> expected.add(v.s()));
        return new Analysis(MediaFormat.valueOf(str(m, "format")), MediaKind.valueOf(str(m, "kind")), str(m, "contentType"),
                (Map<String, Object>) MediaTable.fromValue(m.get("metadata")), Outcome.valueOf(str(m, "outcome")), str(m, "reason"),
                str(m, "analyzedBy"), expected);
    }

    private static Map<String, AttributeValue> rendition(RenditionEntry r) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        put(m, "seq", r.sequencer());
        m.put("removed", AttributeValue.fromBool(r.removed()));
        putTime(m, "at", r.at());
        m.put("key", s(r.key()));
        m.put("size", n(r.size()));
        if (r.width() != null) {
            m.put("width", n(r.width()));
        }
        if (r.height() != null) {
            m.put("height", n(r.height()));
        }
        put(m, "contentType", r.contentType());
        put(m, "eTag", r.eTag());
        put(m, "sourceETag", r.sourceETag());
        if (!r.details().isEmpty()) {
            m.put("details", MediaTable.value(r.details()));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static RenditionEntry rendition(Map<String, AttributeValue> m) {
        return new RenditionEntry(str(m, "seq"), m.get("removed").bool(), time(m, "at"), str(m, "key"), Long.parseLong(m.get("size").n()),
                m.containsKey("width") ? Integer.valueOf(m.get("width").n()) : null,
                m.containsKey("height") ? Integer.valueOf(m.get("height").n()) : null,
                str(m, "contentType"), str(m, "eTag"), str(m, "sourceETag"),
                m.containsKey("details") ? (Map<String, Object>) MediaTable.fromValue(m.get("details")) : Map.of());
    }

    private static Map<String, AttributeValue> failure(FailureEntry f) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("function", s(f.function()));
        m.put("requestId", s(f.requestId()));
        m.put("message", s(f.message()));
        put(m, "errorType", f.errorType());
        putTime(m, "at", f.at());
        put(m, "sourceSeq", f.sourceSequencer());
        return m;
    }

    private static FailureEntry failure(Map<String, AttributeValue> m) {
        return new FailureEntry(str(m, "function"), str(m, "requestId"), str(m, "message"), str(m, "errorType"), time(m, "at"),
                str(m, "sourceSeq"));
    }

    private static void put(Map<String, AttributeValue> m, String name, String value) {
        if (value != null) {
            m.put(name, s(value));
        }
    }

    private static void putTime(Map<String, AttributeValue> m, String name, Instant t) {
        if (t != null) {
            m.put(name, s(MediaTable.formatTime(t)));
        }
    }

    private static String str(Map<String, AttributeValue> m, String name) {
        AttributeValue v = m.get(name);
        return v == null ? null : v.s();
    }

    private static Instant time(Map<String, AttributeValue> m, String name) {
        String v = str(m, name);
        return v == null ? null : MediaTable.parseTime(v);
    }
}
