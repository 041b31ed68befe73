package dev.mediapipeline.transcode;

import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.VideoLadder.Rendition;
import java.util.List;
import java.util.Locale;

/**
 * Everything a chunk worker needs, decided once by the planner and shipped (as JSON) in every chunk task, so
 * workers agree on the timeline, the ladder and the key names without talking to each other.
 *
 * @param runId          identifies this version of the source (from its ETag): segment names carry it, so a
 *                       re-upload being transcoded never mixes its segments with the previous version's
 * @param sourceETag     the finalizer writes playlists only if the upload still has this ETag
 * @param grid           output frame rate, frame count, segment and chunk sizes
 * @param renditions     the ladder for this video, largest first
 * @param rotation       clockwise degrees to turn the decoded picture upright
 * @param chunks         chunk {@code i} covers frames {@code grid.chunkStartFrame(i)} until {@code grid.chunkEndFrame(i)}
 * @param audio          null when the video has no audio
 * @param parallel       chunks were split into work objects and fanned out (false: the planner encoded the only
 *                       chunk itself, from the source)
 */
public record TranscodePlan(String assetId, String runId, String sourceBucket, String sourceKey, String sourceETag,
                            FrameGrid grid, List<Rendition> renditions, int rotation, boolean mirrored,
                            int width, int height, String videoCodec, String audioCodec, String encoder,
                            AudioTrack audio, List<Chunk> chunks, boolean parallel) {

    /** Chunk task objects end with this; the work bucket notifies the function of these keys only. */
    public static final String TASK_SUFFIX = ".task.json";

    /** Tasks the run waits for before its playlists are written: every chunk, plus the poster frames. */
    public int expectedTasks() {
        return chunks.size() + 1;
    }

    public AssetId asset() {
        return new AssetId(assetId);
    }

    public String runPrefix() {
        return KeyLayout.workPrefix(asset()) + runId + "/";
    }

    public String taskKey(int chunk) {
        return runPrefix() + "tasks/" + chunkName(chunk) + TASK_SUFFIX;
    }

    public String chunkMediaKey(int chunk) {
        return runPrefix() + "chunks/" + chunkName(chunk) + ".mkv";
    }

    public String audioKey() {
        return runPrefix() + "audio.aac";
    }

    public String doneMarkersPrefix() {
        return runPrefix() + "done/";
    }

    public String segmentFileName(long segment) {
        return String.format(Locale.ROOT, "%s-%05d.ts", runId, segment);
    }

    public static String chunkName(int chunk) {
        return String.format(Locale.ROOT, "chunk-%04d", chunk);
    }

    /**
     * One chunk: where its video is (a stream copy of the source cut at keyframes), how its timestamps map to the
     * output timeline, and which bytes of the audio track belong to it.
     *
     * @param mediaKey        work-bucket key of the chunk's video (null: decode the source itself)
     * @param timeOffset      output seconds = decoded timestamp in seconds - timeOffset
     * @param audioFirstPacket index of the chunk's first AAC frame in the audio track
     * @param audioByteStart  byte range of the chunk's AAC frames in the ADTS file, end exclusive
     */
    public record Chunk(int index, String mediaKey, double timeOffset, long audioFirstPacket, long audioByteStart,
                        long audioByteEnd) {
    }

    /**
     * The audio, encoded once for the whole video by the planner (AAC-LC in ADTS frames of 1024 samples), so chunk
     * boundaries never cut an AAC frame or restart an encoder: each chunk muxes the frames whose start falls in its
     * time range, and the stitched stream is exactly the one continuous encode.
     *
     * @param firstPts first frame's timestamp in samples after the origin (negative: the encoder's priming)
     */
    public record AudioTrack(String key, int sampleRate, int channels, int kbps, long firstPts, long packets) {

        public static final int FRAME_SAMPLES = 1024;

        public long pts(long packet) {
            return firstPts + packet * FRAME_SAMPLES;
        }

        public double time(long packet) {
            return pts(packet) / (double) sampleRate;
        }

        public long pts90k(long packet) {
            return FrameGrid.PTS_OFFSET + Math.round(pts(packet) * (double) FrameGrid.TS_HZ / sampleRate);
        }

        /** The first frame starting at or after output frame {@code frame} of the grid (0..packets). */
        public long firstPacketAtOrAfter(FrameGrid grid, long frame) {
            long num = grid.fps().num();
            long den = grid.fps().den();
            // smallest k with (firstPts + 1024 k) / rate >= frame * den / num
            long k = Math.ceilDiv(frame * den * sampleRate - firstPts * num, FRAME_SAMPLES * num);
            return Math.max(0, Math.min(packets, k));
        }

        /** Frames {@code [from, to)} muxed with video segment {@code segment}: the first segment also takes the priming frame, the last one everything after the video. */
        public long[] segmentPackets(FrameGrid grid, long segment) {
            long from = segment == 0 ? 0 : firstPacketAtOrAfter(grid, grid.segmentStart(segment));
            long nextStart = grid.segmentStart(segment + 1);
            long to = nextStart >= grid.frames() ? packets : firstPacketAtOrAfter(grid, nextStart);
            return new long[] {from, Math.max(from, to)};
        }

        /** Frames of chunk {@code chunk}: the union of its segments' frames. */
        public long[] chunkPackets(FrameGrid grid, int chunk) {
            long firstSegment = grid.firstSegmentOfChunk(chunk);
            long lastSegment = Math.min(grid.segmentCount(), firstSegment + grid.segmentsPerChunk()) - 1;
            return new long[] {segmentPackets(grid, firstSegment)[0], segmentPackets(grid, lastSegment)[1]};
        }

        /** RFC 6381 codec of AAC-LC. */
        public String codecs() {
            return "mp4a.40.2";
        }
    }
}
