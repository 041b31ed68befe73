package dev.mediapipeline.index;

import dev.mediapipeline.index.metadata.MediaAnalyzer;
import dev.mediapipeline.index.state.AssetEvent;
import dev.mediapipeline.index.state.AssetReducer;
import dev.mediapipeline.index.state.AssetState;
import dev.mediapipeline.index.state.AssetState.Analysis;
import dev.mediapipeline.index.state.AssetState.Created;
import dev.mediapipeline.index.state.AssetState.FailureEntry;
import dev.mediapipeline.index.state.AssetState.Removed;
import dev.mediapipeline.index.state.AssetState.RenditionEntry;
import dev.mediapipeline.index.state.Sequencers;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.ExpectedRenditions;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.MediaAsset;
import dev.mediapipeline.model.ObjectInfo;
import dev.mediapipeline.model.ObjectNotFoundException;
import dev.mediapipeline.model.ObjectStore;
import dev.mediapipeline.model.RenditionMetadata;
import dev.mediapipeline.model.StoredObject;
import dev.mediapipeline.model.VideoSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index's core: turns S3 events on the three buckets into updates of the assets' states.
 *
 * <ul>
 *   <li>upload bucket, ObjectCreated: unless the event is older than what the item holds, or the object has been
 *       deleted or overwritten since (HEAD), read its header and record it (PROCESSING with its expected
 *       renditions, or UNSUPPORTED / FAILED with a reason);</li>
 *   <li>upload bucket, ObjectRemoved: record the removal (a tombstone, which hides the asset and stops older events
 *       from resurrecting it) and, if it is the latest event of the key, delete every rendition under the asset's
 *       prefix;</li>
 *   <li>renditions bucket, ObjectCreated/ObjectRemoved: record the rendition (dimensions and source version from its
 *       user metadata, one HEAD); a rendition whose upload is gone is deleted (it was made after the cascade);</li>
 *   <li>failures bucket, ObjectCreated: read the failure record and mark the assets its original event names
 *       FAILED with the function and its error message.</li>
 * </ul>
 * Every update goes through {@link AssetReducer}, so events may come in any order and any number of times.
 */
public final class IndexService {

    private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);
    /** Failure records are small (Lambda caps async payloads at 1 MB); anything much larger is not one. */
    static final int MAX_FAILURE_RECORD_BYTES = 4 * 1024 * 1024;

    /** What handling one record did: for logs and tests. */
    public enum Result {
        SOURCE_INDEXED, SOURCE_UNCHANGED, SOURCE_STALE, SOURCE_GONE, SOURCE_REMOVED, FOLDER_MARKER,
        RENDITION_RECORDED, RENDITION_STALE, RENDITION_GONE, ORPHAN_RENDITION_DELETED, NOT_A_RENDITION,
        FAILURE_RECORDED, FAILURE_UNATTRIBUTED, FAILURE_RECORD_UNREADABLE,
        OTHER_BUCKET
    }

    private final IndexConfig config;
    private final ObjectStore store;
    private final MediaIndex index;
    private final MediaAnalyzer analyzer;

    public IndexService(IndexConfig config, ObjectStore store, MediaIndex index, MediaAnalyzer analyzer) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.index = Objects.requireNonNull(index, "index");
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    }

    public Result handle(ObjectEventRecord r) {
        if (r.bucket().equals(config.uploadBucket())) {
            if (KeyLayout.isFolderMarker(r.key())) {
                LOG.info("ignoring folder marker {}", r.key());
                return Result.FOLDER_MARKER;
            }
            return r.isRemoved() ? sourceRemoved(r) : sourceCreated(r);
        }
        if (r.bucket().equals(config.renditionsBucket())) {
            return rendition(r);
        }
        if (r.bucket().equals(config.failuresBucket())) {
            if (r.isRemoved()) {
                LOG.debug("failure record {} expired", r.key());
                return Result.OTHER_BUCKET;
            }
            return failureRecord(r);
        }
        LOG.warn("event for bucket {} which this index does not watch: ignored", r.bucket());
        return Result.OTHER_BUCKET;
    }

    private Result sourceCreated(ObjectEventRecord r) {
        AssetId id = AssetId.of(r.bucket(), r.key());
        String seq = Sequencers.normalize(r.sequencer());
        AssetState current = index.read(id);
        if (current.source() != null) {
            int order = Sequencers.compare(seq, r.eventTime(), current.source().sequencer(), current.source().eventTime());
            if (order < 0) {
                LOG.info("stale upload event for asset {} (a later event on the key is already recorded)", id);
                return Result.SOURCE_STALE;
            }
            if (order == 0 && current.source() instanceof Created c && c.analysis() != null && Objects.equals(c.eTag(), r.eTag())) {
                LOG.info("duplicate upload event for asset {}", id);
                return Result.SOURCE_UNCHANGED;
            }
        }
        Optional<ObjectInfo> head = store.head(r.bucket(), r.key());
        if (head.isEmpty()) {
            LOG.info("upload of asset {} is gone already; its removal event will follow", id);
            return Result.SOURCE_GONE;
        }
        ObjectInfo info = head.get();
        if (r.eTag() != null && info.eTag() != null && !ObjectInfo.unquote(r.eTag()).equals(info.eTag())) {
            LOG.info("upload of asset {} was overwritten since this event; the newer event will index it", id);
            return Result.SOURCE_STALE;
        }
        Analysis analysis;
        try {
            analysis = analyzer.analyze(r.bucket(), r.key(), info.size());
        } catch (ObjectNotFoundException e) {
            LOG.info("upload of asset {} disappeared while its header was read", id);
            return Result.SOURCE_GONE;
        }
        Created created = new Created(seq, r.eventTime(), r.bucket(), r.key(), info.size(), info.eTag(), analysis);
        MediaIndex.Change change = index.update(id, s -> AssetReducer.apply(s, new AssetEvent.SourceCreated(created)));
        log(id, change);
        return Result.SOURCE_INDEXED;
    }

    private Result sourceRemoved(ObjectEventRecord r) {
        AssetId id = AssetId.of(r.bucket(), r.key());
        Removed removed = new Removed(Sequencers.normalize(r.sequencer()), r.eventTime());
        MediaIndex.Change change = index.update(id, s -> AssetReducer.apply(s, new AssetEvent.SourceRemoved(removed)));
        if (!removed.equals(change.after().source())) {
            LOG.info("stale removal event for asset {}: the key was written again since", id);
            return Result.SOURCE_STALE;
        }
        // thumbnails, posters, and a video's whole HLS tree (thousands of segments for a long one): batch deletes
        List<String> keys = store.list(config.renditionsBucket(), KeyLayout.assetPrefix(id)).stream().map(ObjectInfo::key).toList();
        int deleted = keys.isEmpty() ? 0 : store.deleteAll(config.renditionsBucket(), keys);
        LOG.info("asset {} removed: {} rendition objects deleted", id, deleted);
        return Result.SOURCE_REMOVED;
    }

    private Result rendition(ObjectEventRecord r) {
        Optional<KeyLayout.RenditionKey> parsed = KeyLayout.parseRendition(r.key());
        Optional<String> name = parsed.flatMap(ExpectedRenditions::nameOf);
        if (name.isEmpty()) {
            if (parsed.isEmpty()) {
                LOG.info("renditions bucket key {} is not a rendition: ignored", r.key());
            }
            return Result.NOT_A_RENDITION;
        }
        AssetId id = parsed.get().asset();
        String seq = Sequencers.normalize(r.sequencer());
        if (r.isRemoved()) {
            RenditionEntry entry = RenditionEntry.removed(seq, r.eventTime(), r.key());
            log(id, index.update(id, s -> AssetReducer.apply(s, new AssetEvent.RenditionChanged(name.get(), entry))));
            return Result.RENDITION_RECORDED;
        }
        Optional<ObjectInfo> head = store.head(r.bucket(), r.key());
        if (head.isEmpty()) {
            LOG.info("rendition {} is gone already; its removal event will follow", r.key());
            return Result.RENDITION_GONE;
        }
        ObjectInfo info = head.get();
        if (r.eTag() != null && info.eTag() != null && !ObjectInfo.unquote(r.eTag()).equals(info.eTag())) {
            LOG.info("rendition {} was overwritten since this event; the newer event will record it", r.key());
            return Result.RENDITION_STALE;
        }
        Map<String, String> meta = info.userMetadata();
        Map<String, Object> details = name.get().equals(ExpectedRenditions.HLS_MASTER)
                ? VideoSummary.fromUserMetadata(meta).map(IndexService::hlsDetails).orElse(Map.of())
                : Map.of();
        RenditionEntry entry = new RenditionEntry(seq, false, r.eventTime(), r.key(), info.size(),
                positiveInt(meta.get(RenditionMetadata.WIDTH)), positiveInt(meta.get(RenditionMetadata.HEIGHT)),
                info.contentType(), info.eTag(), blankToNull(meta.get(RenditionMetadata.SOURCE_ETAG)), details);
        MediaIndex.Change change = index.update(id, s -> AssetReducer.apply(s, new AssetEvent.RenditionChanged(name.get(), entry)));
        log(id, change);
        if (!(change.after().source() instanceof Created) && isOrphan(id, meta)) {
            store.delete(r.bucket(), r.key());
            LOG.info("rendition {} belongs to a deleted upload: deleted", r.key());
            return Result.ORPHAN_RENDITION_DELETED;
        }
        return Result.RENDITION_RECORDED;
    }

    /** The master playlist's summary in the asset's metadata form ({@link AssetReducer#HLS_METADATA}). */
    static Map<String, Object> hlsDetails(VideoSummary s) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("durationSeconds", java.math.BigDecimal.valueOf(s.durationMillis(), 3));
        if (!s.frameRate().isBlank()) {
            m.put("frameRate", s.frameRate());
        }
        if (!s.codecs().isBlank()) {
            m.put("codecs", s.codecs());
        }
        m.put("renditions", s.renditions());
        m.put("audio", s.hasAudio());
        return m;
    }

    /** A rendition whose upload no longer exists (written after the cascade deleted its siblings). */
    private boolean isOrphan(AssetId id, Map<String, String> meta) {
        String encoded = meta.get(RenditionMetadata.SOURCE_KEY);
        if (encoded == null || encoded.isBlank()) {
            return false;
        }
        String sourceKey;
        try {
            sourceKey = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!AssetId.of(config.uploadBucket(), sourceKey).equals(id)) {
            LOG.warn("rendition of asset {} names source key {} of another asset", id, sourceKey);
            return false;
        }
        return store.head(config.uploadBucket(), sourceKey).isEmpty();
    }

    private Result failureRecord(ObjectEventRecord r) {
        byte[] json;
        try (StoredObject o = store.open(r.bucket(), r.key())) {
            json = o.content().readNBytes(MAX_FAILURE_RECORD_BYTES + 1);
        } catch (ObjectNotFoundException e) {
            LOG.error("failure record {} is gone before it could be read", r.key());
            return Result.FAILURE_RECORD_UNREADABLE;
        } catch (IOException e) {
            throw new UncheckedIOException("reading failure record " + r.key(), e);
        }
        FailureRecord record;
        try {
            if (json.length > MAX_FAILURE_RECORD_BYTES) {
                throw new FailureRecord.MalformedFailureRecordException("larger than " + MAX_FAILURE_RECORD_BYTES + " bytes");
            }
            record = FailureRecord.parse(json, r.key(), r.eventTime());
        } catch (FailureRecord.MalformedFailureRecordException e) {
            LOG.error("failure record {} cannot be read: {}", r.key(), e.getMessage());
            return Result.FAILURE_RECORD_UNREADABLE;
        }
        List<FailureRecord.Attribution> attributions = record.attribute(config.uploadBucket(), config.renditionsBucket(), config.failuresBucket(),
                config.workBucket());
        if (attributions.isEmpty()) {
            LOG.error("failure record {} of function {} names no asset: {}", r.key(), record.function(), record.message());
            return Result.FAILURE_UNATTRIBUTED;
        }
        for (FailureRecord.Attribution a : attributions) {
            FailureEntry entry = new FailureEntry(record.function(), record.requestId(), record.message(), record.errorType(),
                    record.timestamp(), a.sourceSequencer());
            log(a.id(), index.update(a.id(), s -> AssetReducer.apply(s, new AssetEvent.InvocationFailed(entry, a.source()))));
            LOG.info("asset {} failed in {}: {}", a.id(), record.function(), record.message());
        }
        return Result.FAILURE_RECORDED;
    }

    private static void log(AssetId id, MediaIndex.Change change) {
        if (!change.changed()) {
            LOG.info("asset {} unchanged (duplicate or superseded event)", id);
            return;
        }
        Optional<MediaAsset> view = AssetReducer.view(change.after());
        if (view.isPresent()) {
            MediaAsset a = view.get();
            LOG.info("asset {} is {} ({} of {} expected renditions)", id, a.status(),
                    a.expectedRenditions().size() - a.missingRenditions().size(), a.expectedRenditions().size());
        } else {
            LOG.info("asset {} recorded without a visible upload ({})",
                    id, change.after().source() == null ? "upload not indexed yet" : "upload deleted");
        }
    }

    private static Integer positiveInt(String s) {
        if (s == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(s.trim());
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : ObjectInfo.unquote(s.trim());
    }
}
