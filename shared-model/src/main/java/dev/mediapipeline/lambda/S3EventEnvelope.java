package dev.mediapipeline.lambda;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.RequestParametersEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.ResponseElementsEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.UserIdentityEntity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the S3 event notifications a function receives, however they were delivered:
 * <ul>
 *   <li>directly by S3 ({@code {"Records":[{"eventSource":"aws:s3",...}]}});</li>
 *   <li>through an SNS topic, the fan-out this product uses for the upload bucket because S3 rejects two
 *       notification configurations with overlapping filters, and three functions need every upload
 *       ({@code {"Records":[{"EventSource":"aws:sns","Sns":{"Message":"<S3 event JSON>"}}]}});</li>
 *   <li>S3's {@code s3:TestEvent}, sent when a notification is configured: it holds no records.</li>
 * </ul>
 * The result is the {@link S3Event} of aws-lambda-java-events, with every record in delivery order.
 */
public final class S3EventEnvelope {

    private static final ObjectMapper JSON = new ObjectMapper();

    private S3EventEnvelope() {
    }

    public static S3Event read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new UnrecognizedEventException("event is not JSON: " + e.getOriginalMessage());
        }
        return read(root);
    }

    public static S3Event read(String json) {
        try {
            return read(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new UnrecognizedEventException("event is not JSON: " + e.getOriginalMessage());
        }
    }

    public static S3Event read(JsonNode root) {
        List<S3EventNotificationRecord> records = new ArrayList<>();
        collect(root, records, 0);
        return new S3Event(records);
    }

    private static void collect(JsonNode root, List<S3EventNotificationRecord> out, int depth) {
        if (root == null || !root.isObject()) {
            throw new UnrecognizedEventException("event is not a JSON object");
        }
        if (isTestEvent(root)) {
            return;
        }
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw new UnrecognizedEventException("event has no Records array (fields: " + fieldNames(root) + ")");
        }
        for (JsonNode record : records) {
            if ("aws:sns".equals(text(record, "EventSource")) && depth == 0) {
                JsonNode sns = record.get("Sns");
                String message = sns == null ? null : text(sns, "Message");
                if (message == null) {
                    throw new UnrecognizedEventException("SNS record without a Message");
                }
                try {
                    collect(JSON.readTree(message), out, depth + 1);
                } catch (JsonProcessingException e) {
                    throw new UnrecognizedEventException("SNS message is not an S3 event: " + e.getOriginalMessage());
                }
            } else if ("aws:s3".equals(text(record, "eventSource"))) {
                out.add(toRecord(record));
            } else {
                throw new UnrecognizedEventException("record is neither an S3 nor an SNS notification (eventSource "
                        + text(record, "eventSource") + ")");
            }
        }
    }

    private static boolean isTestEvent(JsonNode root) {
        return "s3:TestEvent".equals(text(root, "Event"));
    }

    private static S3EventNotificationRecord toRecord(JsonNode r) {
        JsonNode s3 = r.path("s3");
        JsonNode bucket = s3.path("bucket");
        JsonNode object = s3.path("object");
        String key = text(object, "key");
        String bucketName = text(bucket, "name");
        if (key == null || bucketName == null) {
            throw new UnrecognizedEventException("S3 record without s3.bucket.name or s3.object.key");
        }
        Long size = object.hasNonNull("size") ? object.get("size").asLong() : null;
        S3ObjectEntity objectEntity = new S3ObjectEntity(key, size, text(object, "eTag"), text(object, "versionId"),
                text(object, "sequencer"));
        S3BucketEntity bucketEntity = new S3BucketEntity(bucketName,
                new UserIdentityEntity(text(bucket.path("ownerIdentity"), "principalId")), text(bucket, "arn"));
        S3Entity entity = new S3Entity(text(s3, "configurationId"), bucketEntity, objectEntity, text(s3, "s3SchemaVersion"));
        return new S3EventNotificationRecord(
                text(r, "awsRegion"),
                text(r, "eventName"),
                text(r, "eventSource"),
                text(r, "eventTime"),
                text(r, "eventVersion"),
                new RequestParametersEntity(text(r.path("requestParameters"), "sourceIPAddress")),
                new ResponseElementsEntity(text(r.path("responseElements"), "x-amz-id-2"),
                        text(r.path("responseElements"), "x-amz-request-id")),
                entity,
                new UserIdentityEntity(text(r.path("userIdentity"), "principalId")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    /** The payload is not an S3 notification in any shape this product accepts. */
    public static final class UnrecognizedEventException extends RuntimeException {
        public UnrecognizedEventException(String message) {
            super(message);
        }
    }
}
