package dev.mediapipeline.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the transcoder tells the rest of the pipeline about a finished video. It travels as the user metadata
 * ({@code x-amz-meta-*}) of the HLS master playlist, {@link KeyLayout#hlsMasterKey(AssetId)}, which the transcoder
 * writes <em>last</em>: after every segment, every rendition playlist and every poster frame
 * ({@link KeyLayout#thumbnailKey} at each device profile, JPEG). So the master playlist's existence means the video
 * is READY, and a HEAD on it gives its duration and codecs without parsing a playlist.
 *
 * @param durationMillis duration of the HLS presentation, milliseconds
 * @param width          upright (rotation applied) width of the source picture ({@value #WIDTH}; the master's
 *                       {@link RenditionMetadata#WIDTH} is its largest rendition's)
 * @param height         upright height of the source picture
 * @param frameRate      frame rate of the renditions, e.g. {@code 30} or {@code 30000/1001}
 * @param videoCodec     FFmpeg name of the source's video codec, e.g. {@code h264}, {@code hevc}
 * @param audioCodec     FFmpeg name of the source's audio codec, empty when the video has no audio
 * @param renditions     rendition names (directories under {@code {assetId}/hls/}), largest first
 * @param codecs         RFC 6381 codecs of the renditions as in the master playlist, e.g. {@code avc1.4d401f,mp4a.40.2}
 * @param runId          identifies the source version transcoded (derived from its ETag)
 */
public record VideoSummary(long durationMillis, int width, int height, String frameRate, String videoCodec,
                           Optional<String> audioCodec, List<String> renditions, String codecs, String runId) {

    public static final String DURATION_MS = "duration-ms";
    /** Not {@link RenditionMetadata#WIDTH}: on the master, that one is the largest rendition's width. */
    public static final String WIDTH = "source-width";
    public static final String HEIGHT = "source-height";
    public static final String FRAME_RATE = "frame-rate";
    public static final String VIDEO_CODEC = "video-codec";
    public static final String AUDIO_CODEC = "audio-codec";
    public static final String RENDITIONS = "renditions";
    public static final String CODECS = "codecs";
    public static final String RUN_ID = "run-id";

    public VideoSummary {
        Objects.requireNonNull(frameRate, "frameRate");
        Objects.requireNonNull(videoCodec, "videoCodec");
        Objects.requireNonNull(codecs, "codecs");
        Objects.requireNonNull(runId, "runId");
        audioCodec = audioCodec == null ? Optional.empty() : audioCodec.filter(s -> !s.isBlank());
        renditions = List.copyOf(renditions);
    }

    public boolean hasAudio() {
        return audioCodec.isPresent();
    }

    /** The user metadata to store on the master playlist (keys lower case, values plain ASCII). */
    public Map<String, String> toUserMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(DURATION_MS, Long.toString(durationMillis));
        m.put(WIDTH, Integer.toString(width));
        m.put(HEIGHT, Integer.toString(height));
        m.put(FRAME_RATE, frameRate);
        m.put(VIDEO_CODEC, WriteOptions.headerSafe(videoCodec));
        m.put(AUDIO_CODEC, WriteOptions.headerSafe(audioCodec.orElse("")));
        m.put(RENDITIONS, String.join(",", renditions));
        m.put(CODECS, codecs);
        m.put(RUN_ID, runId);
        return m;
    }

    /**
     * Reads the summary back from a master playlist's user metadata (keys as S3 returns them: lower case, without
     * the {@code x-amz-meta-} prefix). Empty when the metadata is not a summary (written by something else).
     */
    public static Optional<VideoSummary> fromUserMetadata(Map<String, String> metadata) {
        try {
            String duration = metadata.get(DURATION_MS);
            String runId = metadata.get(RUN_ID);
            if (duration == null || runId == null) {
                return Optional.empty();
            }
            String renditions = metadata.getOrDefault(RENDITIONS, "");
            return Optional.of(new VideoSummary(
                    Long.parseLong(duration),
                    Integer.parseInt(metadata.getOrDefault(WIDTH, "0")),
                    Integer.parseInt(metadata.getOrDefault(HEIGHT, "0")),
                    metadata.getOrDefault(FRAME_RATE, ""),
                    metadata.getOrDefault(VIDEO_CODEC, ""),
                    Optional.ofNullable(metadata.get(AUDIO_CODEC)),
                    renditions.isEmpty() ? List.of() : Arrays.asList(renditions.split(",")),
                    metadata.getOrDefault(CODECS, ""),
                    runId));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
