package dev.mediapipeline.model;

/**
 * User metadata ({@code x-amz-meta-*}) that producers write on every rendition the index records (thumbnails, video
 * posters, HLS master and media playlists), so the index learns a rendition's dimensions and the source version it
 * was made from with one HEAD, without decoding it. The one definition shared by the thumbnail function, the
 * transcoder and the index. Values are ASCII: {@link #SOURCE_KEY} is percent-encoded with
 * {@link WriteOptions#headerSafe(String)}.
 */
public final class RenditionMetadata {

    /**
     * Width in pixels of a thumbnail or poster; of the rung for an HLS media playlist; of the largest rung for an HLS
     * master playlist.
     */
    public static final String WIDTH = "width";
    /** Height in pixels, as {@link #WIDTH}. */
    public static final String HEIGHT = "height";
    /** The bucket of the upload it was made from. */
    public static final String SOURCE_BUCKET = "source-bucket";
    /**
     * The key of the upload it was made from, percent-encoded: the index deletes a rendition written after its upload
     * was deleted (a run still in flight during the cascade) by checking this key.
     */
    public static final String SOURCE_KEY = "source-key";
    /** The ETag (no quotes) of the upload version it was made from: renditions of an older version do not count. */
    public static final String SOURCE_ETAG = "source-etag";
    /** The device profile of a thumbnail or poster. */
    public static final String PROFILE = "profile";
    /** Every profile of the set a thumbnail belongs to, comma separated. */
    public static final String PROFILE_SET = "profile-set";

    private RenditionMetadata() {
    }

    /**
     * Adds the source version ({@link #SOURCE_BUCKET}, {@link #SOURCE_KEY} header-safe, {@link #SOURCE_ETAG}) to the
     * write options of a rendition.
     *
     * @param eTag the upload's ETag, quoted or not; null or blank when unknown
     */
    public static WriteOptions withSource(WriteOptions options, String bucket, String key, String eTag) {
        return options.withMetadata(SOURCE_BUCKET, bucket)
                .withMetadata(SOURCE_KEY, WriteOptions.headerSafe(key))
                .withMetadata(SOURCE_ETAG, eTag == null ? "" : ObjectInfo.unquote(eTag.strip()));
    }

    /** Adds {@link #WIDTH} and {@link #HEIGHT}. */
    public static WriteOptions withSize(WriteOptions options, int width, int height) {
        return options.withMetadata(WIDTH, Integer.toString(width)).withMetadata(HEIGHT, Integer.toString(height));
    }
}
