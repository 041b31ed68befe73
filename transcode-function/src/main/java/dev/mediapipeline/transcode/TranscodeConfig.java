package dev.mediapipeline.transcode;

import dev.mediapipeline.model.Config;
import dev.mediapipeline.model.DeviceProfiles;
import dev.mediapipeline.model.VideoLadder;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The transcoder's settings, read once from the environment.
 *
 * @param uploadBucket       where videos are uploaded (events from other buckets are refused)
 * @param renditionsBucket   where HLS and posters go (cannot trigger this function)
 * @param workBucket         chunks, the audio track, tasks and completion markers, under {@code work/{assetId}/}
 * @param ladder             {@code VIDEO_LADDER}, e.g. {@code 1080p:5000k,720p:2800k,480p:1400k,360p:800k}
 * @param posterProfiles     {@code THUMBNAIL_PROFILES}: the image path's device profiles
 * @param segmentSeconds     {@code HLS_SEGMENT_SECONDS}: segment (and GOP) duration
 * @param chunkSegments      segments per parallel chunk ({@code CHUNK_SECONDS} rounded up to whole segments)
 * @param parallelAboveSeconds {@code PARALLEL_THRESHOLD_SECONDS}: longer videos are split and fanned out
 * @param audioKbps          {@code AUDIO_KBPS}: AAC bitrate for stereo (mono gets half)
 * @param maxFrameRate       {@code MAX_FRAME_RATE}: faster sources are decimated by a whole factor
 * @param encoder            {@code H264_ENCODER}: auto (libx264 when the build has it), libopenh264 or libx264
 * @param threads            {@code ENCODER_THREADS}: 0 = the processors Lambda gives the function
 * @param workDir            {@code WORK_DIR}: parent of each invocation's scratch directory (default java.io.tmpdir)
 * @param jpegQuality        {@code JPEG_QUALITY}: of the poster frames (the thumbnails' setting)
 */
public record TranscodeConfig(String uploadBucket, String renditionsBucket, String workBucket, VideoLadder ladder,
                              DeviceProfiles posterProfiles, int segmentSeconds, int chunkSegments,
                              double parallelAboveSeconds, int audioKbps, int maxFrameRate, String encoder,
                              VideoLimits limits, int threads, Path workDir, int jpegQuality) {

    public TranscodeConfig {
        Objects.requireNonNull(uploadBucket, "uploadBucket");
        Objects.requireNonNull(renditionsBucket, "renditionsBucket");
        Objects.requireNonNull(workBucket, "workBucket");
        Objects.requireNonNull(ladder, "ladder");
        Objects.requireNonNull(posterProfiles, "posterProfiles");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(workDir, "workDir");
    }

    public static TranscodeConfig from(Config env) {
        int segment = env.integer("HLS_SEGMENT_SECONDS", 6, 2, 10);
        int chunkSeconds = env.integer("CHUNK_SECONDS", 60, segment, 3600);
        VideoLimits limits = new VideoLimits(
                env.longValue("MAX_VIDEO_BYTES", VideoLimits.DEFAULTS.maxBytes(), 1, 100L << 30),
                env.integer("MAX_VIDEO_SECONDS", (int) VideoLimits.DEFAULTS.maxSeconds(), 1, 24 * 3600),
                env.longValue("MAX_VIDEO_PIXELS", VideoLimits.DEFAULTS.maxPixels(), 1, 8192L * 8192),
                env.integer("MAX_VIDEO_DIMENSION", VideoLimits.DEFAULTS.maxDimension(), 16, 16384));
        return new TranscodeConfig(
                env.required("UPLOAD_BUCKET"),
                env.required("RENDITIONS_BUCKET"),
                env.required("WORK_BUCKET"),
                env.parsed("VIDEO_LADDER", VideoLadder.DEFAULT_SPEC, VideoLadder::parse),
                env.parsed("THUMBNAIL_PROFILES", DeviceProfiles.DEFAULT_SPEC, DeviceProfiles::parse),
                segment,
                Math.ceilDiv(chunkSeconds, segment),
                env.integer("PARALLEL_THRESHOLD_SECONDS", 90, 0, 24 * 3600),
                env.integer("AUDIO_KBPS", 128, 32, 320),
                env.integer("MAX_FRAME_RATE", 60, 1, 240),
                env.optional("H264_ENCODER", "auto"),
                limits,
                env.integer("ENCODER_THREADS", 0, 0, 64),
                Path.of(env.optional("WORK_DIR", System.getProperty("java.io.tmpdir"))),
                env.integer("JPEG_QUALITY", 82, 1, 100));
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    public TranscodeConfig withParallelAbove(double seconds, int segmentsPerChunk) {
        return new TranscodeConfig(uploadBucket, renditionsBucket, workBucket, ladder, posterProfiles, segmentSeconds,
                segmentsPerChunk, seconds, audioKbps, maxFrameRate, encoder, limits, threads, workDir, jpegQuality);
    }

    public TranscodeConfig withLimits(VideoLimits newLimits) {
        return new TranscodeConfig(uploadBucket, renditionsBucket, workBucket, ladder, posterProfiles, segmentSeconds,
                chunkSegments, parallelAboveSeconds, audioKbps, maxFrameRate, encoder, newLimits, threads, workDir, jpegQuality);
    }

    public TranscodeConfig withWorkDir(Path dir) {
        return new TranscodeConfig(uploadBucket, renditionsBucket, workBucket, ladder, posterProfiles, segmentSeconds,
                chunkSegments, parallelAboveSeconds, audioKbps, maxFrameRate, encoder, limits, threads, dir, jpegQuality);
    }
}
