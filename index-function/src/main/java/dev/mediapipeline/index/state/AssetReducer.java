package dev.mediapipeline.index.state;

import dev.mediapipeline.index.state.AssetEvent.InvocationFailed;
import dev.mediapipeline.index.state.AssetEvent.RenditionChanged;
import dev.mediapipeline.index.state.AssetEvent.SourceCreated;
import dev.mediapipeline.index.state.AssetEvent.SourceRemoved;
import dev.mediapipeline.index.state.AssetState.Analysis;
import dev.mediapipeline.index.state.AssetState.Created;
import dev.mediapipeline.index.state.AssetState.FailureEntry;
import dev.mediapipeline.index.state.AssetState.Outcome;
import dev.mediapipeline.index.state.AssetState.Removed;
import dev.mediapipeline.index.state.AssetState.RenditionEntry;
import dev.mediapipeline.index.state.AssetState.Source;
import dev.mediapipeline.model.AssetFailure;
import dev.mediapipeline.model.AssetStatus;
import dev.mediapipeline.model.ExpectedRenditions;
import dev.mediapipeline.model.MediaAsset;
import dev.mediapipeline.model.Rendition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The index's rules, as a pure function: {@code apply(state, event)} folds one event into an asset's state, and
 * {@code view(state)} derives what the API shows.
 *
 * <p>Every part of the state is a maximum under a total order, so the result depends only on the set of events,
 * never on their order or on duplicates:
 * <ul>
 *   <li>the upload key's state is its event with the highest S3 sequencer (a removal makes a tombstone; an older
 *       creation arriving later changes nothing);</li>
 *   <li>each rendition key's state is likewise its event with the highest sequencer (written or removed);</li>
 *   <li>failure records are a set (the {@value #MAX_FAILURES} latest are kept, a bound no real asset reaches;
 *       records about an upload version older than the current one are dropped, as they can never apply
 *       again).</li>
 * </ul>
 * Ties on the sequencer (which S3 never produces for distinct events) are broken by the events' content, so even
 * then the order does not matter.
 */
public final class AssetReducer {

    public static final int MAX_FAILURES = 20;
    /**
     * The metadata field that holds what the transcoder says of the finished HLS presentation (from the master
     * playlist's {@link dev.mediapipeline.model.VideoSummary}), beside the fields read from the upload's header:
     * {@code durationSeconds}, {@code frameRate}, {@code codecs} (RFC 6381, as in the master playlist),
     * {@code renditions} (rung names, largest first), {@code audio} (true when the renditions carry sound).
     */
    public static final String HLS_METADATA = "hls";
    /** How long a tombstone (and a record of renditions whose upload never showed up) is kept: beyond any retry. */
    public static final Duration TOMBSTONE_TTL = Duration.ofDays(7);

    private static final Comparator<FailureEntry> FAILURE_ORDER =
            Comparator.comparing(FailureEntry::at).thenComparing(FailureEntry::id);

    private AssetReducer() {
    }

    public static AssetState apply(AssetState state, AssetEvent event) {
        Objects.requireNonNull(state, "state");
        Source source = state.source();
        Map<String, RenditionEntry> renditions = state.renditions();
        Map<String, FailureEntry> failures = state.failures();
        switch (event) {
            case SourceCreated c -> source = max(source, c.created());
            case SourceRemoved r -> source = max(source, r.removed());
            case RenditionChanged r -> {
                RenditionEntry current = renditions.get(r.name());
                if (current == null || compareRenditions(r.entry(), current) > 0) {
                    Map<String, RenditionEntry> copy = new TreeMap<>(renditions);
                    copy.put(r.name(), r.entry());
                    renditions = copy;
                }
            }
            case InvocationFailed f -> {
                Map<String, FailureEntry> copy = new TreeMap<>(failures);
                copy.put(f.failure().id(), f.failure());
                failures = copy;
                if (f.source() != null) {
                    source = max(source, f.source());
                }
            }
        }
        return new AssetState(state.id(), source, renditions, prune(failures, source));
    }

    /** Applies events in order: a convenience for tests and replays. */
    public static AssetState applyAll(AssetState state, Iterable<? extends AssetEvent> events) {
        AssetState s = state;
        for (AssetEvent e : events) {
            s = apply(s, e);
        }
        return s;
    }

    private static Source max(Source current, Source candidate) {
        return current == null || compareSources(candidate, current) > 0 ? candidate : current;
    }

    /** A total order on events of the upload key. */
    static int compareSources(Source a, Source b) {
        int c = Sequencers.compare(a.sequencer(), a.eventTime(), b.sequencer(), b.eventTime());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(rank(a), rank(b));
        if (c != 0) {
            return c;
        }
        if (a instanceof Created ca && b instanceof Created cb) {
            c = Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(ca.eTag(), cb.eTag());
            if (c != 0) {
                return c;
            }
        }
        c = Comparator.nullsFirst(Comparator.<Instant>naturalOrder()).compare(a.eventTime(), b.eventTime());
        return c != 0 ? c : String.valueOf(a).compareTo(String.valueOf(b));
    }

    /** At one sequencer: a record from a failure (not analysed) < an analysed creation < a removal. */
    private static int rank(Source s) {
        return switch (s) {
            case Created c -> c.analysis() == null ? 0 : 1;
            case Removed r -> 2;
        };
    }

    /** A total order on events of one rendition key. */
    static int compareRenditions(RenditionEntry a, RenditionEntry b) {
        int c = Sequencers.compare(a.sequencer(), a.at(), b.sequencer(), b.at());
        if (c != 0) {
            return c;
        }
        c = Boolean.compare(a.removed(), b.removed());
        if (c != 0) {
            return c;
        }
        c = Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(a.eTag(), b.eTag());
        return c != 0 ? c : String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static Map<String, FailureEntry> prune(Map<String, FailureEntry> failures, Source source) {
        List<FailureEntry> kept = new ArrayList<>();
        for (FailureEntry f : failures.values()) {
            boolean aboutOlderUpload = source != null && f.sourceSequencer() != null && source.sequencer() != null
                    && Sequencers.compare(f.sourceSequencer(), source.sequencer()) < 0;
            if (!aboutOlderUpload) {
                kept.add(f);
            }
        }
        kept.sort(FAILURE_ORDER.reversed());
        Map<String, FailureEntry> out = new TreeMap<>();
        for (FailureEntry f : kept.subList(0, Math.min(MAX_FAILURES, kept.size()))) {
            out.put(f.id(), f);
        }
        return out;
    }

    /** True when the failure concerns this version of the upload. */
    static boolean applies(FailureEntry f, Created c) {
        if (f.sourceSequencer() != null) {
            return c.sequencer() == null || Sequencers.compare(f.sourceSequencer(), c.sequencer()) == 0;
        }
        // a failure on a rendition or on a derived invocation: it concerns the version current when it happened
        return c.eventTime() == null || !f.at().isBefore(c.eventTime());
    }

    /** The public view of the asset: empty while the upload is unknown or deleted. */
    public static Optional<MediaAsset> view(AssetState s) {
        if (!(s.source() instanceof Created c)) {
            return Optional.empty();
        }
        Analysis a = c.analysis();
        Map<String, Rendition> renditions = new TreeMap<>();
        Map<String, Object> metadata = new TreeMap<>(a == null ? Map.of() : a.metadata());
        s.renditions().forEach((name, r) -> {
            if (!r.removed() && (r.sourceETag() == null || r.sourceETag().equals(c.eTag()))) {
                renditions.put(name, new Rendition(name, r.key(), r.size(), r.width(), r.height(), r.contentType(), r.eTag(), r.at()));
                if (name.equals(ExpectedRenditions.HLS_MASTER) && !r.details().isEmpty()) {
                    metadata.put(HLS_METADATA, r.details());
                }
            }
        });
        List<FailureEntry> applicable = s.failures().values().stream().filter(f -> applies(f, c)).sorted(FAILURE_ORDER).toList();
        List<String> expected = a == null ? List.of() : expected(a.expected(), metadata.get(HLS_METADATA));

        AssetStatus status;
        String reason = null;
        AssetFailure failure = null;
        Instant readyAt = null;
        if (a != null && a.outcome() == Outcome.UNSUPPORTED) {
            status = AssetStatus.UNSUPPORTED;
            reason = a.reason();
        } else if (a != null && a.outcome() == Outcome.FAILED) {
            status = AssetStatus.FAILED;
            reason = a.reason();
            failure = new AssetFailure(a.analyzedBy(), a.reason(), null, c.eventTime());
        } else if (!applicable.isEmpty()) {
            FailureEntry first = applicable.get(0);
            status = AssetStatus.FAILED;
            reason = first.message();
            failure = new AssetFailure(first.function(), first.message(), first.errorType(), first.at());
        } else if (a != null && renditions.keySet().containsAll(expected)) {
            status = AssetStatus.READY;
            readyAt = expected.stream().map(n -> renditions.get(n).createdAt()).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(c.eventTime());
        } else {
            status = AssetStatus.PROCESSING;
        }
        return Optional.of(new MediaAsset(s.id(), c.bucket(), c.key(),
                a == null ? null : a.kind(), a == null ? null : a.format(), a == null ? null : a.contentType(),
                c.size(), c.eTag(), c.eventTime(), status, reason, failure, readyAt,
                metadata, expected, renditions));
    }

    /**
     * What the asset must have to be READY: what its kind expects and, once the master playlist is recorded, every
     * media playlist it names. The transcoder writes the master last, so those exist; their events may still be on
     * the way, and READY waits for them so that a READY video lists all its renditions.
     */
    private static List<String> expected(List<String> byKind, Object hlsDetails) {
        if (!(hlsDetails instanceof Map<?, ?> details) || !(details.get("renditions") instanceof Collection<?> names)) {
            return byKind;
        }
        TreeSet<String> all = new TreeSet<>(byKind);
        names.forEach(n -> all.add(ExpectedRenditions.hlsPlaylist(String.valueOf(n))));
        return List.copyOf(all);
    }

    /** When DynamoDB may drop the item: tombstones, and records of renditions or failures whose upload never showed up. */
    public static Optional<Instant> expiresAt(AssetState s) {
        if (s.source() instanceof Removed r) {
            return Optional.of((r.eventTime() == null ? Instant.EPOCH : r.eventTime()).plus(TOMBSTONE_TTL));
        }
        if (s.source() == null) {
            List<Instant> times = new ArrayList<>();
            s.renditions().values().forEach(r -> times.add(r.at()));
            s.failures().values().forEach(f -> times.add(f.at()));
            return times.stream().filter(Objects::nonNull).max(Comparator.naturalOrder()).map(t -> t.plus(TOMBSTONE_TTL))
                    .or(() -> Optional.of(Instant.EPOCH.plus(TOMBSTONE_TTL)));
        }
        return Optional.empty();
    }
}
