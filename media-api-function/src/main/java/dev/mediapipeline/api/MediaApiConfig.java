package dev.mediapipeline.api;

import dev.mediapipeline.model.Config;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The media API's settings, read once from the environment.
 *
 * @param uploadBucket        UPLOAD_BUCKET
 * @param renditionsBucket    RENDITIONS_BUCKET
 * @param table               MEDIA_TABLE
 * @param allowedContentTypes ALLOWED_UPLOAD_TYPES, comma separated, lower case
 * @param maxUploadBytes      MAX_UPLOAD_BYTES (default 1 GiB, at most 5 GiB: S3's limit for one POST)
 * @param uploadExpiry        UPLOAD_URL_EXPIRY_MINUTES (default 15, 1-60)
 * @param downloadExpiry      DOWNLOAD_URL_EXPIRY_MINUTES (default 60, 1-720): presigned GETs, HLS segments included
 * @param allowedOrigins      ALLOWED_ORIGINS (default *): CORS
 * @param publicS3Endpoint    S3_PUBLIC_ENDPOINT, else AWS_ENDPOINT_URL: the S3 endpoint browsers reach, path-style;
 *                            empty on AWS (S3's own virtual-hosted endpoints)
 * @param publicApiUrl        API_PUBLIC_URL: the API's own base URL for links it returns; empty: derived per request
 */
public record MediaApiConfig(String uploadBucket, String renditionsBucket, String table, List<String> allowedContentTypes,
                             long maxUploadBytes, Duration uploadExpiry, Duration downloadExpiry, List<String> allowedOrigins,
                             Optional<URI> publicS3Endpoint, Optional<URI> publicApiUrl) {

    public static final String DEFAULT_TYPES = "image/jpeg,image/png,image/gif,image/webp,image/tiff,image/bmp,"
            + "image/heic,image/heif,image/avif,video/mp4,video/quicktime,video/webm,video/x-matroska";
    public static final long S3_POST_LIMIT = 5L * 1024 * 1024 * 1024;

    public static MediaApiConfig fromEnvironment() {
        return from(Config.fromEnvironment());
    }

    public static MediaApiConfig from(Config env) {
        return new MediaApiConfig(
                env.required("UPLOAD_BUCKET"),
                env.required("RENDITIONS_BUCKET"),
                env.required("MEDIA_TABLE"),
                env.parsed("ALLOWED_UPLOAD_TYPES", DEFAULT_TYPES, MediaApiConfig::types),
                env.longValue("MAX_UPLOAD_BYTES", 1024L * 1024 * 1024, 1, S3_POST_LIMIT),
                Duration.ofMinutes(env.integer("UPLOAD_URL_EXPIRY_MINUTES", 15, 1, 60)),
                Duration.ofMinutes(env.integer("DOWNLOAD_URL_EXPIRY_MINUTES", 60, 1, 720)),
                env.parsed("ALLOWED_ORIGINS", "*", MediaApiConfig::list),
                env.optional("S3_PUBLIC_ENDPOINT").or(() -> env.optional("AWS_ENDPOINT_URL")).map(v -> uri("S3_PUBLIC_ENDPOINT", v)),
                env.optional("API_PUBLIC_URL").map(v -> uri("API_PUBLIC_URL", v)));
    }

    static List<String> types(String spec) {
        List<String> types = list(spec).stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        for (String t : types) {
            if (!t.matches("[a-z0-9.+-]+/[a-z0-9.+-]+")) {
                throw new IllegalArgumentException("'" + t + "' is not a content type like image/jpeg");
            }
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no content type allowed");
        }
        return types;
    }

    static List<String> list(String spec) {
        return Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static URI uri(String name, String value) {
        try {
            URI u = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("not an absolute URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new Config.InvalidConfigurationException(name, "must be an absolute URL: " + e.getMessage());
        }
    }
}
