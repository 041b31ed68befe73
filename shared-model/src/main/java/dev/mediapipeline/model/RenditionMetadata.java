package dev.mediapipeline.model;

/**
 * User metadata ({@code x-amz-meta-*}) that producers write on every rendition, so the index learns a rendition's
 * dimensions and the source version it was made from with one HEAD, without decoding it. Values are ASCII:
 * {@link #SOURCE_KEY} is percent-encoded with {@link WriteOptions#headerSafe(String)}.
 */
public final class RenditionMetadata {

    /** Width in pixels of a thumbnail or poster (of the largest rung for an HLS master playlist). */
    public static final String WIDTH = "width";
    /** Height in pixels. */
    public static final String HEIGHT = "height";
    /** The key of the upload it was made from, percent-encoded. */
    public static final String SOURCE_KEY = "source-key";
    /** The ETag (no quotes) of the upload version it was made from: renditions of an older version do not count. */
    public static final String SOURCE_ETAG = "source-etag";

    private RenditionMetadata() {
    }
}
