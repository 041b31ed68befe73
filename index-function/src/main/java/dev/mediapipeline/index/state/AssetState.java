package dev.mediapipeline.index.state;

import dev.mediapipeline.aws.MediaTable;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.MediaKind;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything the index knows about one asset: the latest event on its upload key, the latest event on each of its
 * rendition keys, and the failure records that name it. It is a function of the SET of events seen (see
 * {@link AssetReducer}), so the order and repetition of deliveries do not matter; the public view (status,
 * renditions...) is derived from it.
 *
 * @param source     the winning event on the upload key (highest sequencer), null if none seen yet
 * @param renditions rendition name to its winning event
 * @param failures   failure records by {@link FailureEntry#id()}
 */
public record AssetState(AssetId id, Source source, Map<String, RenditionEntry> renditions, Map<String, FailureEntry> failures) {

    public AssetState {
        Objects.requireNonNull(id, "id");
        renditions = Collections.unmodifiableMap(new TreeMap<>(renditions == null ? Map.of() : renditions));
        failures = Collections.unmodifiableMap(new TreeMap<>(failures == null ? Map.of() : failures));
    }

    public static AssetState empty(AssetId id) {
        return new AssetState(id, null, Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return source == null && renditions.isEmpty() && failures.isEmpty();
    }

    /** The last event on the upload key. */
    public sealed interface Source permits Created, Removed {
        String sequencer();

        Instant eventTime();
    }

    /**
     * The upload exists (as of this event).
     *
     * @param analysis what the index read from its header; null when the object is known only from a failure record
     *                 (the index itself could not read it)
     */
    public record Created(String sequencer, Instant eventTime, String bucket, String key, long size, String eTag,
                          Analysis analysis) implements Source {
        public Created {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            eventTime = MediaTable.truncate(eventTime);
        }
    }

    /** The upload was deleted (as of this event): the item is a tombstone that stops older events resurrecting it. */
    public record Removed(String sequencer, Instant eventTime) implements Source {
        public Removed {
            eventTime = MediaTable.truncate(eventTime);
        }
    }

    /** What the header said, and what follows for the pipeline. */
    public enum Outcome {
        /** An image or video: renditions are expected. */
        PROCESSING,
        /** Not something the pipeline processes. */
        UNSUPPORTED,
        /** It claims to be an image or video but cannot be read. */
        FAILED
    }

    /**
     * @param format     detected from the content
     * @param metadata   header fields (normalized values, see {@code MediaTable.normalizeNumber})
     * @param reason     for UNSUPPORTED and FAILED
     * @param analyzedBy the function that read it (named as the failing function for FAILED)
     * @param expected   rendition names READY waits for, sorted
     */
    public record Analysis(MediaFormat format, MediaKind kind, String contentType, Map<String, Object> metadata, Outcome outcome,
                           String reason, String analyzedBy, List<String> expected) {
        public Analysis {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(outcome, "outcome");
            metadata = normalize(metadata);
            expected = expected == null ? List.of() : List.copyOf(expected.stream().sorted().toList());
        }
    }

    /** Metadata in the exact form a round trip through DynamoDB gives back, so stored and computed states compare equal. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> normalize(Map<String, Object> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap((Map<String, Object>) MediaTable.fromValue(MediaTable.value(metadata)));
    }

    /**
     * The latest event on one rendition key.
     *
     * @param sourceETag the upload version it was made from (rendition metadata), null if the producer did not say
     * @param details    what the producer said about the result beyond its size, in the asset's metadata form: for
     *                   the HLS master, the video's summary ({@link dev.mediapipeline.model.VideoSummary}); else empty
     */
    public record RenditionEntry(String sequencer, boolean removed, Instant at, String key, long size, Integer width,
                                 Integer height, String contentType, String eTag, String sourceETag, Map<String, Object> details) {
        public RenditionEntry {
            Objects.requireNonNull(key, "key");
            at = MediaTable.truncate(at);
            details = normalize(details);
        }

        public RenditionEntry(String sequencer, boolean removed, Instant at, String key, long size, Integer width,
                              Integer height, String contentType, String eTag, String sourceETag) {
            this(sequencer, removed, at, key, size, width, height, contentType, eTag, sourceETag, Map.of());
        }

        public static RenditionEntry removed(String sequencer, Instant at, String key) {
            return new RenditionEntry(sequencer, true, at, key, 0, null, null, null, null, null);
        }
    }

    /**
     * A function gave up on an event that concerns this asset.
     *
     * @param sourceSequencer the upload event's sequencer when the failed event was that upload's, else null
     */
    public record FailureEntry(String function, String requestId, String message, String errorType, Instant at,
                               String sourceSequencer) {
        public FailureEntry {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(at, "at");
            at = MediaTable.truncate(at);
        }

        /**
         * Its key among an asset's failures: function and request id, plus a digest of the content, so that two
         * different records never replace each other (which would make the result depend on their order).
         */
        public String id() {
            return function + "/" + requestId + "#" + Integer.toHexString(toString().hashCode());
        }
    }
}
