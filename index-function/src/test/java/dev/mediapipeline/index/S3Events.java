package dev.mediapipeline.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** S3 event notifications in the shape S3 sends them (keys form-encoded), direct or wrapped in SNS. */
final class S3Events {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCER = new AtomicLong(0x0062A1B2C3D4E5L);

    private S3Events() {
    }

    /** A strictly increasing sequencer, as S3 gives successive events on one key. */
    static String nextSequencer() {
        return String.format("%016X", SEQUENCER.incrementAndGet());
    }

    static ObjectNode record(String eventName, String bucket, String key, Long size, String eTag, String sequencer, Instant time) {
        ObjectNode r = JSON.createObjectNode();
        r.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", "us-east-1")
                .put("eventTime", time.toString()).put("eventName", eventName);
        r.putObject("userIdentity").put("principalId", "AWS:TEST");
        r.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        r.putObject("responseElements").put("x-amz-request-id", "REQ").put("x-amz-id-2", "ID2");
        ObjectNode s3 = r.putObject("s3");
        s3.put("s3SchemaVersion", "1.0").put("configurationId", "test");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket).putObject("ownerIdentity").put("principalId", "OWNER");
        ObjectNode o = s3.putObject("object");
        o.put("key", URLEncoder.encode(key, StandardCharsets.UTF_8));
        if (size != null) {
            o.put("size", size);
        }
        if (eTag != null) {
            o.put("eTag", eTag);
        }
        o.put("sequencer", sequencer);
        return r;
    }

    static String event(ObjectNode... records) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("Records");
        for (ObjectNode r : records) {
            array.add(r);
        }
        return root.toString();
    }

    static String created(String bucket, String key, long size, String eTag, String sequencer, Instant time) {
        return event(record("ObjectCreated:Put", bucket, key, size, eTag, sequencer, time));
    }

    static String removed(String bucket, String key, String sequencer, Instant time) {
        return event(record("ObjectRemoved:Delete", bucket, key, null, null, sequencer, time));
    }

    /** The S3 event as the SNS topic delivers it to a subscribed function. */
    static String sns(String s3Event) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode rec = root.putArray("Records").addObject();
        rec.put("EventSource", "aws:sns").put("EventVersion", "1.0").put("EventSubscriptionArn", "arn:aws:sns:us-east-1:000000000000:t:1");
        rec.putObject("Sns").put("Type", "Notification").put("MessageId", "m").put("TopicArn", "arn:aws:sns:us-east-1:000000000000:t")
                .put("Subject", "Amazon S3 Notification").put("Message", s3Event).put("Timestamp", Instant.now().toString());
        return root.toString();
    }

    /** A Lambda asynchronous invocation record, as written to an S3 on-failure destination. */
    static String failureRecord(String functionName, String requestId, Instant timestamp, String originalEvent, String errorType,
                                String errorMessage) {
        try {
            ObjectNode root = JSON.createObjectNode();
            root.put("version", "1.0").put("timestamp", timestamp.toString());
            root.putObject("requestContext").put("requestId", requestId)
                    .put("functionArn", "arn:aws:lambda:us-east-1:000000000000:function:" + functionName + ":$LATEST")
                    .put("condition", "RetriesExhausted").put("approximateInvokeCount", 3);
            root.set("requestPayload", JSON.readTree(originalEvent));
            root.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST").put("functionError", "Unhandled");
            ObjectNode response = root.putObject("responsePayload");
            response.put("errorMessage", errorMessage).put("errorType", errorType);
            response.putArray("stackTrace").add("dev.mediapipeline.Something.method(Something.java:42)");
            return root.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
