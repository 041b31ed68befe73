package dev.mediapipeline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediapipeline.aws.MediaTable;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.AssetStatus;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.MediaAsset;
import dev.mediapipeline.model.MediaKind;
import dev.mediapipeline.model.ObjectNotFoundException;
import dev.mediapipeline.model.ObjectStore;
import dev.mediapipeline.model.ObjectStoreException;
import dev.mediapipeline.model.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media API: routes, input validation, JSON, errors and CORS, over the catalog (MediaTable), the URL signer and
 * the object store. Knows HTTP but nothing of Lambda. The contract is media-api-function/API.md.
 */
public final class MediaApi {

    private static final Logger LOG = LoggerFactory.getLogger(MediaApi.class);
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final int MAX_FILE_NAME = 1024;
    static final int MAX_PLAYLIST_BYTES = 1024 * 1024;
    /**
     * The API's routes after an optional prefix (an API Gateway stage, or the local runtime's /api mount). The prefix
     * is kept to build absolute links back to the API.
     */
    private static final Pattern ROUTE = Pattern.compile(
            "^(?<base>(?:/[^/]+)*?)(?<route>/uploads|/limits|/media(?:/(?<id>[^/]+)(?:/hls/(?<hls>.+))?)?)/?$");

    private final MediaApiConfig config;
    private final MediaCatalog catalog;
    private final UrlSigner signer;
    private final ObjectStore store;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final AssetJson assets;

    public MediaApi(MediaApiConfig config, MediaCatalog catalog, UrlSigner signer, ObjectStore store, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.assets = new AssetJson(json, signer, config.downloadExpiry());
    }

    public ApiResponse handle(ApiRequest request) {
        ApiResponse response;
        try {
            response = route(request);
        } catch (ApiException e) {
            response = error(e);
        } catch (MediaCatalog.CatalogUnavailableException | ObjectStoreException e) {
            LOG.error("{} {} failed: {}", request.method(), request.path(), e.getMessage(), e);
            response = error(new ApiException(503, "unavailable", null, "the media store is unavailable, try again"));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.method(), request.path(), e);
            response = error(new ApiException(500, "internal_error", null, "internal error"));
        }
        return response.withHeaders(cors(request));
    }

    private ApiResponse route(ApiRequest request) {
        Matcher m = ROUTE.matcher(request.path());
        if (request.method().equals("OPTIONS")) {
            return new ApiResponse(204, preflight(request), null);
        }
        if (!m.matches()) {
            throw new ApiException(404, "not_found", null, "no such route: " + request.method() + " " + request.path());
        }
        String base = apiBase(request, m.group("base"));
        String route = m.group("route");
        String id = m.group("id");
        String hls = m.group("hls");
        String method = request.method();
        if (route.equals("/uploads")) {
            return switch (method) {
                case "POST" -> createUpload(request, base);
                default -> notAllowed(method, "POST");
            };
        }
        if (route.equals("/limits")) {
            return method.equals("GET") ? limits() : notAllowed(method, "GET");
        }
        if (id == null) {
            return method.equals("GET") ? list(request, base) : notAllowed(method, "GET");
        }
        if (hls != null) {
            return method.equals("GET") ? playlist(assetId(id), hls, base) : notAllowed(method, "GET");
        }
        return switch (method) {
            case "GET" -> get(assetId(id), base);
            case "DELETE" -> delete(assetId(id));
            default -> notAllowed(method, "GET, DELETE");
        };
    }

    // ---- POST /uploads ------------------------------------------------------------------------------------------

    private ApiResponse createUpload(ApiRequest request, String base) {
        JsonNode body = jsonBody(request);
        String fileName = requiredText(body, "fileName");
        if (fileName.isBlank() || fileName.length() > MAX_FILE_NAME) {
            throw ApiException.invalid("fileName", "fileName must be 1 to " + MAX_FILE_NAME + " characters");
        }
        String contentType = requiredText(body, "contentType").trim().toLowerCase(Locale.ROOT);
        int semicolon = contentType.indexOf(';');
        if (semicolon >= 0) {
            contentType = contentType.substring(0, semicolon).trim();
        }
        if (!config.allowedContentTypes().contains(contentType)) {
            throw ApiException.invalid("contentType", "contentType " + contentType + " is not accepted; accepted: "
                    + String.join(", ", config.allowedContentTypes()));
        }
        JsonNode sizeNode = body.get("size");
        if (sizeNode == null || sizeNode.isNull()) {
            throw ApiException.invalid("size", "size (bytes) is required");
        }
        if (!sizeNode.isIntegralNumber() || !sizeNode.canConvertToLong() || sizeNode.asLong() < 1) {
            throw ApiException.invalid("size", "size must be a positive integer (bytes)");
        }
        long size = sizeNode.asLong();
        if (size > config.maxUploadBytes()) {
            throw ApiException.tooLarge("size", "size " + size + " exceeds the limit of " + config.maxUploadBytes() + " bytes");
        }
        Instant now = clock.instant();
        String key = KeyLayout.uploadKey(LocalDate.ofInstant(now, ZoneOffset.UTC), UUID.randomUUID(), fileName);
        AssetId id = AssetId.of(config.uploadBucket(), key);
        UrlSigner.PostGrant grant = signer.presignPost(config.uploadBucket(), key, contentType, config.maxUploadBytes(), config.uploadExpiry());

        ObjectNode out = json.createObjectNode();
        out.put("assetId", id.value());
        out.put("key", key);
        out.put("fileName", MediaAsset.fileNameOf(key));
        ObjectNode upload = out.putObject("upload");
        upload.put("method", "POST");
        upload.put("url", grant.url().toString());
        ObjectNode fields = upload.putObject("fields");
        grant.fields().forEach(fields::put);
        upload.put("expiresAt", MediaTable.formatTime(grant.expiresAt()));
        out.put("maxSize", config.maxUploadBytes());
        out.put("statusUrl", base + "/media/" + id.value());
        LOG.info("upload granted: asset {} key {} ({} bytes declared, {})", id, key, size, contentType);
        return json(201, out);
    }

    private ApiResponse limits() {
        ObjectNode out = json.createObjectNode();
        ArrayNode types = out.putArray("allowedContentTypes");
        config.allowedContentTypes().forEach(types::add);
        out.put("maxSize", config.maxUploadBytes());
        out.put("uploadExpiresInSeconds", config.uploadExpiry().toSeconds());
        return json(200, out);
    }

    // ---- GET /media ---------------------------------------------------------------------------------------------

    private ApiResponse list(ApiRequest request, String base) {
        Map<String, String> q = request.query();
        MediaKind kind = null;
        if (present(q.get("kind"))) {
            kind = parseKind(q.get("kind"));
        }
        AssetStatus status = null;
        if (present(q.get("status"))) {
            status = AssetStatus.parse(q.get("status")).orElseThrow(() -> ApiException.invalid("status",
                    "status must be one of processing, ready, failed, unsupported"));
        }
        int limit = DEFAULT_LIMIT;
        if (q.get("limit") != null) {
            try {
                limit = Integer.parseInt(q.get("limit").trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.invalid("limit", "limit must be an integer between 1 and " + MAX_LIMIT);
            }
        }
        String cursor = present(q.get("cursor")) ? q.get("cursor").trim() : null;
        MediaCatalog.Page page;
        try {
            page = catalog.list(new MediaCatalog.ListQuery(kind, status, limit, cursor));
        } catch (MediaCatalog.InvalidCursorException e) {
            throw ApiException.invalid("cursor", e.getMessage());
        }
        Instant now = clock.instant();
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("items");
        for (MediaAsset a : page.items()) {
            items.add(assets.render(a, config.renditionsBucket(), base, now));
        }
        out.put("nextCursor", page.nextCursor());
        out.put("limit", limit);
        return json(200, out);
    }

    private static MediaKind parseKind(String raw) {
        for (MediaKind k : MediaKind.values()) {
            if (k.name().equalsIgnoreCase(raw.trim())) {
                return k;
            }
        }
        throw ApiException.invalid("kind", "kind must be one of image, video, audio, other");
    }

    // ---- GET /media/{id}, DELETE /media/{id} --------------------------------------------------------------------

    private ApiResponse get(AssetId id, String base) {
        MediaAsset a = catalog.find(id).orElseThrow(() -> ApiException.notFound("no media with id " + id));
        return json(200, assets.render(a, config.renditionsBucket(), base, clock.instant()));
    }

    private ApiResponse delete(AssetId id) {
        MediaAsset a = catalog.find(id).orElseThrow(() -> ApiException.notFound("no media with id " + id));
        if (!a.bucket().equals(config.uploadBucket())) {
            throw new IllegalStateException("asset " + id + " belongs to bucket " + a.bucket());
        }
        store.delete(a.bucket(), a.key());
        LOG.info("deleted upload {} of asset {}: the index removes its renditions", a.key(), id);
        ObjectNode out = json.createObjectNode();
        out.put("id", id.value());
        out.put("status", "deleting");
        return json(202, out);
    }

    // ---- GET /media/{id}/hls/... --------------------------------------------------------------------------------

    /**
     * Serves an HLS playlist of the asset with every segment URI replaced by a presigned URL: renditions are private,
     * and a player resolves relative URIs against the playlist's URL, which would drop a presigned query string.
     * Playlist URIs stay relative: they resolve to this same route.
     */
    private ApiResponse playlist(AssetId id, String path, String base) {
        Optional<KeyLayout.RenditionKey> parsed = KeyLayout.parseRendition(id.value() + "/" + KeyLayout.HLS + "/" + path);
        if (parsed.isEmpty() || (parsed.get().role() != KeyLayout.RenditionKey.Role.HLS_MASTER
                && parsed.get().role() != KeyLayout.RenditionKey.Role.HLS_PLAYLIST)) {
            throw ApiException.notFound("no playlist " + path);
        }
        catalog.find(id).orElseThrow(() -> ApiException.notFound("no media with id " + id));
        String key = id.value() + "/" + KeyLayout.HLS + "/" + path;
        String text;
        try (StoredObject o = store.open(config.renditionsBucket(), key)) {
            byte[] bytes = o.content().readNBytes(MAX_PLAYLIST_BYTES + 1);
            if (bytes.length > MAX_PLAYLIST_BYTES) {
                throw new IllegalStateException("playlist " + key + " is larger than " + MAX_PLAYLIST_BYTES + " bytes");
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (ObjectNotFoundException e) {
            throw ApiException.notFound("no playlist " + path + " (yet)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String dir = key.substring(0, key.lastIndexOf('/') + 1);
        String rewritten = HlsPlaylists.rewrite(text, uri -> resolve(dir, uri, id));
        return new ApiResponse(200, Map.of("Content-Type", "application/vnd.apple.mpegurl", "Cache-Control", "private, max-age=60"),
                rewritten);
    }

    /** Segments and other media files become presigned URLs; playlists stay relative (served by this route). */
    private String resolve(String dir, String uri, AssetId id) {
        if (uri.isEmpty() || uri.contains("://") || uri.startsWith("/") || uri.endsWith(".m3u8")) {
            return uri;
        }
        String key = URI.create("s3:/" + dir).resolve(uri).getPath().substring(1);
        if (!key.startsWith(id.value() + "/" + KeyLayout.HLS + "/")) {
            return uri;
        }
        return signer.presignGet(config.renditionsBucket(), key, config.downloadExpiry()).toString();
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private JsonNode jsonBody(ApiRequest request) {
        String body = request.body();
        if (body == null || body.isBlank()) {
            throw ApiException.invalid("body", "the request body must be a JSON object");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw ApiException.tooLarge("body", "the request body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("body", "the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalid("body", "the request body must be a JSON object");
        }
        return node;
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw ApiException.invalid(field, field + " is required");
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(field, field + " must be a string");
        }
        return v.asText();
    }

    private static AssetId assetId(String raw) {
        if (!AssetId.isValid(raw)) {
            throw ApiException.invalid("id", "id must be 24 lowercase hexadecimal characters");
        }
        return new AssetId(raw);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private ApiResponse notAllowed(String method, String allowed) {
        return error(new ApiException(405, "method_not_allowed", null, method + " is not allowed here; allowed: " + allowed))
                .withHeaders(Map.of("Allow", allowed));
    }

    /** The API's own base URL, for links in responses: configured, or from the request (host and stage prefix). */
    private String apiBase(ApiRequest request, String prefix) {
        if (config.publicApiUrl().isPresent()) {
            return config.publicApiUrl().get().toString();
        }
        String host = request.header("host");
        if (host == null || host.isBlank()) {
            return prefix;
        }
        String proto = request.header("x-forwarded-proto");
        if (proto == null || proto.isBlank()) {
            proto = host.startsWith("localhost") || host.startsWith("127.") || host.startsWith("[::1]") ? "http" : "https";
        }
        return proto + "://" + host + prefix;
    }

    private ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"), body.toString());
    }

    private ApiResponse error(ApiException e) {
        ObjectNode out = json.createObjectNode();
        ObjectNode err = out.putObject("error");
        err.put("status", e.status());
        err.put("code", e.code());
        if (e.field() != null) {
            err.put("field", e.field());
        }
        err.put("message", e.getMessage());
        return json(e.status(), out);
    }

    private Map<String, String> cors(ApiRequest request) {
        Map<String, String> h = new LinkedHashMap<>();
        List<String> allowed = config.allowedOrigins();
        String origin = request.header("origin");
        if (allowed.contains("*")) {
            h.put("Access-Control-Allow-Origin", "*");
        } else if (origin != null && allowed.contains(origin)) {
            h.put("Access-Control-Allow-Origin", origin);
            h.put("Vary", "Origin");
        }
        return h;
    }

    private Map<String, String> preflight(ApiRequest request) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
        String requested = request.header("access-control-request-headers");
        h.put("Access-Control-Allow-Headers", requested == null || requested.isBlank() ? "content-type" : requested);
        h.put("Access-Control-Max-Age", "600");
        return h;
    }
}
