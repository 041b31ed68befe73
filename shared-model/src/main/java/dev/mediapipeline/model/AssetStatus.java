package dev.mediapipeline.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an uploaded asset is in the pipeline, as the index records it and the media API reports it (lower case).
 *
 * <pre>
 *   upload indexed ──▶ PROCESSING ──every expected rendition present──▶ READY
 *        │                  │
 *        │                  └──a function gave up on it (failure record)──▶ FAILED
 *        └──not an image or video / unreadable──▶ UNSUPPORTED / FAILED
 * </pre>
 * A new version of the same object starts over at PROCESSING.
 */
public enum AssetStatus {
    /** Indexed; renditions are being made. */
    PROCESSING,
    /** Every expected rendition exists. */
    READY,
    /** Unreadable, or a function gave up on it: the item says which function and why. */
    FAILED,
    /** Recognised or not, it is no image or video the pipeline makes renditions of: the item says why. */
    UNSUPPORTED;

    /** The name the media API uses: lower case. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an API or stored name, any case; empty when it names no status. */
    public static Optional<AssetStatus> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (AssetStatus s : values()) {
            if (s.name().equalsIgnoreCase(name.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** True for statuses that no later rendition changes (only a new upload of the object does). */
    public boolean isFinal() {
        return this != PROCESSING;
    }
}
