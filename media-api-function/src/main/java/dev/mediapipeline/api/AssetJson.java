package dev.mediapipeline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediapipeline.aws.MediaTable;
import dev.mediapipeline.model.AssetFailure;
import dev.mediapipeline.model.ExpectedRenditions;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.MediaAsset;
import dev.mediapipeline.model.Rendition;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON form of an asset (API.md, "Asset"), with presigned URLs for the original and every rendition. */
final class AssetJson {

    private final ObjectMapper json;
    private final UrlSigner signer;
    private final Duration validity;

    AssetJson(ObjectMapper json, UrlSigner signer, Duration validity) {
        this.json = json;
        this.signer = signer;
        this.validity = validity;
    }

    ObjectNode render(MediaAsset a, String renditionsBucket, String apiBase, Instant now) {
        ObjectNode o = json.createObjectNode();
        o.put("id", a.id().value());
        o.put("fileName", a.fileName());
        o.put("key", a.key());
        o.put("kind", a.kind() == null ? null : a.kind().name().toLowerCase(Locale.ROOT));
        o.put("format", a.format() == null ? null : a.format().name().toLowerCase(Locale.ROOT));
        o.put("contentType", a.contentType());
        o.put("size", a.size());
        o.put("eTag", a.eTag());
        o.put("uploadedAt", MediaTable.formatTime(a.uploadedAt()));
        o.put("status", a.status().apiName());
        if (a.reason() != null) {
            o.put("reason", a.reason());
        }
        if (a.failure() != null) {
            AssetFailure f = a.failure();
            ObjectNode fo = o.putObject("failure");
            fo.put("function", f.function()).put("message", f.message());
            if (f.errorType() != null) {
                fo.put("errorType", f.errorType());
            }
            if (f.at() != null) {
                fo.put("at", MediaTable.formatTime(f.at()));
            }
        }
        if (a.readyAt() != null) {
            o.put("readyAt", MediaTable.formatTime(a.readyAt()));
        }
        o.set("metadata", value(a.metadata()));
        ArrayNode expected = o.putArray("expectedRenditions");
        a.expectedRenditions().forEach(expected::add);
        ArrayNode missing = o.putArray("missingRenditions");
        a.missingRenditions().forEach(missing::add);
        ArrayNode renditions = o.putArray("renditions");
        for (Rendition r : a.renditions().values()) {
            ObjectNode ro = renditions.addObject();
            ro.put("name", r.name());
            ro.put("role", role(r));
            if (r.profile() != null) {
                ro.put("profile", r.profile());
            }
            ro.put("key", r.key());
            ro.put("size", r.size());
            if (r.width() != null) {
                ro.put("width", r.width());
            }
            if (r.height() != null) {
                ro.put("height", r.height());
            }
            if (r.contentType() != null) {
                ro.put("contentType", r.contentType());
            }
            ro.put("url", signer.presignGet(renditionsBucket, r.key(), validity).toString());
        }
        o.putObject("original").put("url", signer.presignGet(a.bucket(), a.key(), validity).toString());
        if (a.renditions().containsKey(ExpectedRenditions.HLS_MASTER)) {
            o.putObject("hls").put("url", apiBase + "/media/" + a.id().value() + "/" + KeyLayout.HLS + "/" + KeyLayout.HLS_MASTER_FILE);
        }
        o.put("urlsExpireAt", MediaTable.formatTime(now.plus(validity)));
        return o;
    }

    private static String role(Rendition r) {
        if (r.name().startsWith(KeyLayout.THUMBNAILS + "/")) {
            return "thumbnail";
        }
        return r.name().equals(ExpectedRenditions.HLS_MASTER) ? "hls-master" : "hls-playlist";
    }

    private JsonNode value(Object v) {
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = json.createObjectNode();
            m.forEach((k, x) -> o.set(k.toString(), value(x)));
            return o;
        }
        if (v instanceof List<?> l) {
            ArrayNode a = json.createArrayNode();
            l.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof Long n) {
            return json.getNodeFactory().numberNode(n);
        }
        if (v instanceof BigDecimal d) {
            return json.getNodeFactory().numberNode(d);
        }
        if (v instanceof Boolean b) {
            return json.getNodeFactory().booleanNode(b);
        }
        return json.getNodeFactory().textNode(String.valueOf(v));
    }
}
