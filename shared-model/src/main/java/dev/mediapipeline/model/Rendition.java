package dev.mediapipeline.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A rendition of an asset as the index recorded it.
 *
 * @param name        {@code thumbnails/{profile}}, {@code hls/master} or {@code hls/{rendition}} (see {@link ExpectedRenditions})
 * @param key         its key in the renditions bucket
 * @param width       pixels, null when the producer did not say
 * @param height      pixels, null when the producer did not say
 * @param contentType as stored, may be null
 * @param createdAt   the time of its S3 event
 */
public record Rendition(String name, String key, long size, Integer width, Integer height, String contentType, String eTag,
                        Instant createdAt) {

    public Rendition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }

    /** The device profile of a thumbnail or poster frame, else null. */
    public String profile() {
        return name.startsWith(KeyLayout.THUMBNAILS + "/") ? name.substring(KeyLayout.THUMBNAILS.length() + 1) : null;
    }
}
