package dev.mediapipeline.transcode;

import java.util.List;

/**
 * What one chunk produced, recorded in the work area when the chunk is done; the last task to finish builds the
 * playlists from every chunk's result.
 *
 * @param frames output frames encoded per rendition
 */
public record ChunkResult(int chunk, long frames, List<RenditionSegments> renditions) {

    /** The segments one rendition got from this chunk, and the RFC 6381 codecs string of its video. */
    public record RenditionSegments(String rendition, String videoCodecs, List<Segment> segments) {
    }

    /**
     * @param index    segment number in the whole video
     * @param duration seconds (EXTINF)
     * @param bytes    size of the MPEG-TS file (for BANDWIDTH)
     * @param file     file name under the rendition's directory
     */
    public record Segment(long index, double duration, long bytes, String file) {
    }
}
