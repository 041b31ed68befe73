package dev.mediapipeline.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.mediapipeline.index.state.AssetState.Created;
import dev.mediapipeline.index.state.Sequencers;
import dev.mediapipeline.lambda.S3EventEnvelope;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.ObjectInfo;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A record Lambda writes to an asynchronous invocation's on-failure destination after every attempt failed:
 * <pre>
 * {"version":"1.0","timestamp":"2026-11-21T10:20:00.123Z",
 *  "requestContext":{"requestId":"…","functionArn":"arn:aws:lambda:us-east-1:123:function:NAME:$LATEST",
 *                    "condition":"RetriesExhausted","approximateInvokeCount":3},
 *  "requestPayload":{…the original event…},
 *  "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
 *  "responsePayload":{"errorMessage":"…","errorType":"…","stackTrace":[…]}}
 * </pre>
 *
 * @param function     the function's name, from its ARN
 * @param errorType    the exception class, or the function error kind, may be null
 * @param message      the error message, or a description of the condition when there is none (a timeout, an event
 *                     too old to run)
 * @param payload      the original event, may be null
 */
public record FailureRecord(String function, String requestId, String condition, String errorType, String message,
                            Instant timestamp, JsonNode payload) {

    /** Longest message kept: stack-trace-sized messages would bloat the item and the API. */
    public static final int MAX_MESSAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(FailureRecord.class);

    /**
     * @param fallbackId   used when the record has no request id (the record object's key)
     * @param fallbackTime used when the record has no timestamp (its S3 event's time)
     * @throws MalformedFailureRecordException if it is not such a record
     */
    public static FailureRecord parse(byte[] json, String fallbackId, Instant fallbackTime) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedFailureRecordException("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new MalformedFailureRecordException("unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.has("requestContext")) {
            throw new MalformedFailureRecordException("not a Lambda invocation record (no requestContext)");
        }
        JsonNode ctx = root.path("requestContext");
        String function = functionName(text(ctx, "functionArn"));
        String requestId = text(ctx, "requestId");
        String condition = text(ctx, "condition");
        JsonNode response = root.path("responsePayload");
        String errorType = text(response, "errorType");
        if (errorType == null) {
            errorType = text(root.path("responseContext"), "functionError");
        }
        String message = text(response, "errorMessage");
        if (message == null || message.isBlank()) {
            message = "the invocation failed" + (condition == null ? "" : " (" + condition + ")");
        }
        message = message.strip();
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE - 1) + "…";
        }
        Instant timestamp = fallbackTime;
        String ts = text(root, "timestamp");
        if (ts != null) {
            try {
                timestamp = Instant.parse(ts);
            } catch (DateTimeParseException e) {
                // keep the fallback
            }
        }
        if (timestamp == null) {
            throw new MalformedFailureRecordException("no timestamp");
        }
        JsonNode payload = root.get("requestPayload");
        return new FailureRecord(function == null ? "unknown-function" : function, requestId == null ? fallbackId : requestId,
                condition, errorType, message, timestamp, payload == null || payload.isNull() ? null : payload);
    }

    /** NAME from {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}; a bare name stays as it is. */
    static String functionName(String arn) {
        if (arn == null || arn.isBlank()) {
            return null;
        }
        String[] parts = arn.split(":");
        if (parts.length >= 7 && "function".equals(parts[5])) {
            return parts[6];
        }
        return arn;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    /**
     * An asset a failure record concerns.
     *
     * @param sourceSequencer the upload event's sequencer when the failed event was the upload's
     * @param source          the upload as that event describes it, when it was a creation
     */
    public record Attribution(AssetId id, String sourceSequencer, Created source) {
    }

    /**
     * The assets the failed invocation was about: the objects named by its S3 event (direct or through SNS) in the
     * upload or renditions bucket, or the work-area keys ({@code work/{assetId}/...}, {@link KeyLayout#assetOfWorkKey})
     * of the transcoder's chunk tasks in the work bucket; for any other payload (a function's own fan-out invocations), every
     * {@code "assetId"} field, or an upload named by {@code "bucket"} and {@code "key"} fields.
     */
    public List<Attribution> attribute(String uploadBucket, String renditionsBucket, String failuresBucket, String workBucket) {
        Map<AssetId, Attribution> out = new LinkedHashMap<>();
        JsonNode payload = this.payload;
        if (payload == null) {
            return List.of();
        }
        S3Event event = null;
        try {
            event = S3EventEnvelope.read(payload);
        } catch (S3EventEnvelope.UnrecognizedEventException notS3) {
            // a payload of the function's own making: look for asset ids below
        }
        if (event != null && !event.getRecords().isEmpty()) {
            for (S3EventNotificationRecord rec : event.getRecords()) {
                String bucket = rec.getS3().getBucket().getName();
                String key = rec.getS3().getObject().getUrlDecodedKey();
                String seq = Sequencers.normalize(rec.getS3().getObject().getSequencer());
                if (bucket.equals(uploadBucket)) {
                    AssetId id = AssetId.of(bucket, key);
                    Created source = null;
                    if (rec.getEventName() != null && rec.getEventName().startsWith("ObjectCreated") && !KeyLayout.isFolderMarker(key)) {
                        Long size = rec.getS3().getObject().getSizeAsLong();
                        String eTag = rec.getS3().getObject().geteTag();
                        source = new Created(seq, IndexHandler.eventTime(rec), bucket, key, size == null ? 0 : size,
                                eTag == null ? null : ObjectInfo.unquote(eTag), null);
                    }
                    out.putIfAbsent(id, new Attribution(id, seq, source));
                } else if (bucket.equals(renditionsBucket)) {
                    KeyLayout.parseRendition(key).ifPresent(k -> out.putIfAbsent(k.asset(), new Attribution(k.asset(), null, null)));
                } else if (bucket.equals(workBucket)) {
                    KeyLayout.assetOfWorkKey(key).ifPresentOrElse(
                            a -> out.putIfAbsent(a, new Attribution(a, null, null)),
                            () -> LOG.warn("work bucket key {} names no asset", key));
                } else if (bucket.equals(failuresBucket)) {
                    LOG.error("the index failed on failure record {} too: not following it further", key);
                }
            }
            return List.copyOf(out.values());
        }
        collectAssetIds(payload, out, 0, uploadBucket);
        return List.copyOf(out.values());
    }

    private static void collectAssetIds(JsonNode node, Map<AssetId, Attribution> out, int depth, String uploadBucket) {
        if (node == null || depth > 8) {
            return;
        }
        if (node.isObject()) {
            JsonNode assetId = node.get("assetId");
            if (assetId != null && assetId.isTextual() && AssetId.isValid(assetId.asText())) {
                AssetId id = new AssetId(assetId.asText());
                out.putIfAbsent(id, new Attribution(id, null, null));
            }
            JsonNode bucket = node.get("bucket");
            JsonNode key = node.get("key");
            if (bucket != null && key != null && bucket.isTextual() && key.isTextual() && bucket.asText().equals(uploadBucket)) {
                AssetId id = AssetId.of(bucket.asText(), key.asText());
                out.putIfAbsent(id, new Attribution(id, null, null));
            }
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collectAssetIds(it.next(), out, depth + 1, uploadBucket);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collectAssetIds(child, out, depth + 1, uploadBucket);
            }
        }
    }

    /** The object in the failures bucket is not a Lambda invocation record. */
    public static final class MalformedFailureRecordException extends RuntimeException {
        public MalformedFailureRecordException(String message) {
            super(message);
        }
    }
}
