package dev.mediapipeline.index.state;

import dev.mediapipeline.model.SourceObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

/**
 * S3 event sequencers, the only order S3 promises between events on one key: hexadecimal strings compared after
 * right-padding the shorter with zeros. They are stored normalized (upper case, padded to {@value #WIDTH}
 * characters) so that stored values compare correctly as plain strings too.
 */
public final class Sequencers {

    public static final int WIDTH = 64;

    private Sequencers() {
    }

    /** Upper case, right-padded with zeros; null stays null. */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim().toUpperCase(Locale.ROOT);
        return s.length() >= WIDTH ? s : s + "0".repeat(WIDTH - s.length());
    }

    /** S3's order; null (a store that sends none) sorts first. */
    public static int compare(String a, String b) {
        return SourceObject.compareSequencers(a, b);
    }

    /**
     * Orders two events on the same key: by sequencer when both have one, else by event time (a store without
     * sequencers gives nothing better).
     */
    public static int compare(String seqA, Instant timeA, String seqB, Instant timeB) {
        if (seqA != null && seqB != null) {
            return compare(seqA, seqB);
        }
        return Comparator.nullsFirst(Comparator.<Instant>naturalOrder()).compare(timeA, timeB);
    }
}
