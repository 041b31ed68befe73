package dev.mediapipeline.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /** The object in the failures bucket is not a Lambda invocation record. */
    public static final class MalformedFailureRecordException extends RuntimeException {
        public MalformedFailureRecordException(String message) {
            super(message);
        }
    }
}
