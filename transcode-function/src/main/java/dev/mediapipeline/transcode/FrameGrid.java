package dev.mediapipeline.transcode;

/**
 * The output timeline every rendition, chunk and segment shares: constant frame rate {@code fps}, frames numbered
 * {@code 0..frames-1} at {@code n / fps} seconds after the source's origin, segments of {@code segmentSeconds}
 * starting on the first frame at or after each multiple of it. All arithmetic is exact (integers), so every worker
 * computes the same boundaries and the same timestamps.
 *
 * <p>MPEG-TS timestamps are 90 kHz ticks shifted by {@link #PTS_OFFSET}: H.264 with B-frames has decode times
 * before the first presentation time and AAC's first packet (encoder priming) starts 1024 samples before the
 * audio; the shift keeps every timestamp positive (negative ones would wrap around 2^33 in MPEG-TS).
 */
public record FrameGrid(Rational fps, long frames, int segmentSeconds, int segmentsPerChunk) {

    public static final long TS_HZ = 90_000;
    /** 10 s, as Apple's segmenters do. */
    public static final long PTS_OFFSET = 10 * TS_HZ;

    public FrameGrid {
        if (fps.num() <= 0) {
            throw new IllegalArgumentException("frame rate must be positive: " + fps);
        }
        if (frames < 1) {
            throw new IllegalArgumentException("at least one frame is needed");
        }
        if (segmentSeconds < 1 || segmentsPerChunk < 1) {
            throw new IllegalArgumentException("segment " + segmentSeconds + " s x " + segmentsPerChunk + " per chunk");
        }
    }

    /** First frame of segment {@code j} (may be {@code >= frames} for j past the end). */
    public long segmentStart(long j) {
        // ceil(j * D * num / den)
        long a = j * segmentSeconds * fps.num();
        return Math.ceilDiv(a, fps.den());
    }

    public long segmentCount() {
        long j = 1;
        while (segmentStart(j) < frames) {
            j++;
        }
        return j;
    }

    /** The segment frame {@code n} belongs to. */
    public long segmentOf(long frame) {
        long j = Math.floorDiv(frame * fps.den(), (long) segmentSeconds * fps.num());
        // floor(n / (D*fps)) can be one too high when n is just below a ceil'ed boundary
        while (j > 0 && segmentStart(j) > frame) {
            j--;
        }
        while (segmentStart(j + 1) <= frame) {
            j++;
        }
        return j;
    }

    public int chunkCount() {
        return (int) Math.ceilDiv(segmentCount(), segmentsPerChunk);
    }

    public long chunkStartFrame(int chunk) {
        return Math.min(frames, segmentStart((long) chunk * segmentsPerChunk));
    }

    public long chunkEndFrame(int chunk) {
        return Math.min(frames, segmentStart((long) (chunk + 1) * segmentsPerChunk));
    }

    public long firstSegmentOfChunk(int chunk) {
        return (long) chunk * segmentsPerChunk;
    }

    /** Seconds after the origin at which frame {@code n} is shown. */
    public double time(long frame) {
        return frame * (double) fps.den() / fps.num();
    }

    /** The frame's MPEG-TS timestamp (90 kHz, offset). */
    public long pts90k(long frame) {
        return PTS_OFFSET + Math.round(frame * (double) TS_HZ * fps.den() / fps.num());
    }

    /** Duration of segment {@code j} in seconds (the last one may be short). */
    public double segmentDuration(long j) {
        long start = segmentStart(j);
        long end = Math.min(frames, segmentStart(j + 1));
        return (end - start) * (double) fps.den() / fps.num();
    }

    public double duration() {
        return frames * (double) fps.den() / fps.num();
    }

    /** Frames per GOP at most (the longest segment), for the encoders' keyframe interval. */
    public int maxSegmentFrames() {
        return (int) Math.ceilDiv((long) segmentSeconds * fps.num(), fps.den());
    }
}
