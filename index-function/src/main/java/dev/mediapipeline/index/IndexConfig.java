package dev.mediapipeline.index;

import dev.mediapipeline.model.Config;
import dev.mediapipeline.model.DeviceProfiles;

/**
 * The index function's settings, read once from the environment.
 *
 * @param uploadBucket     UPLOAD_BUCKET: the uploads this index describes
 * @param renditionsBucket RENDITIONS_BUCKET: where thumbnails and HLS renditions appear
 * @param failuresBucket   FAILURES_BUCKET: Lambda's records of invocations that failed every attempt
 * @param workBucket       WORK_BUCKET: the transcoder's work area; a failed chunk invocation's record names a key
 *                         there ({@code work/{assetId}/...}), which maps back to its asset
 * @param table            MEDIA_TABLE
 * @param profiles         THUMBNAIL_PROFILES (the same parameter the thumbnail function reads): one expected
 *                         rendition per profile
 * @param storeGps         STORE_GPS_METADATA (default false): keep EXIF GPS coordinates
 * @param readBudgetBytes  METADATA_READ_BUDGET_MB (default 32): the most bytes read from one upload's header
 * @param functionName     AWS_LAMBDA_FUNCTION_NAME: named when this function finds an upload unreadable
 */
public record IndexConfig(String uploadBucket, String renditionsBucket, String failuresBucket, String workBucket, String table,
                          DeviceProfiles profiles, boolean storeGps, long readBudgetBytes, String functionName) {

    public static IndexConfig fromEnvironment() {
        return from(Config.fromEnvironment());
    }

    public static IndexConfig from(Config env) {
        return new IndexConfig(
                env.required("UPLOAD_BUCKET"),
                env.required("RENDITIONS_BUCKET"),
                env.required("FAILURES_BUCKET"),
                env.required("WORK_BUCKET"),
                env.required("MEDIA_TABLE"),
                env.parsed("THUMBNAIL_PROFILES", DeviceProfiles.DEFAULT_SPEC, DeviceProfiles::parse),
                env.flag("STORE_GPS_METADATA", false),
                env.integer("METADATA_READ_BUDGET_MB", 32, 1, 1024) * 1024L * 1024L,
                env.optional("AWS_LAMBDA_FUNCTION_NAME", "IndexFunction"));
    }
}
