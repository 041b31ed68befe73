package dev.mediapipeline.local.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The event SNS gives a subscribed Lambda function: one record whose {@code Sns.Message} is the published message
 * as a string (for S3 notifications, the S3 event JSON), as in {@code events/sns-s3-put-photo.json}.
 */
public final class SnsEnvelope {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SnsEnvelope() {
    }

    /**
     * @param attributes message attributes, name to {@code {"Type": ..., "Value": ...}}
     */
    public static ObjectNode wrap(String topicArn, String subscriptionArn, String messageId, String subject,
                                  String message, Instant timestamp, Map<String, Map<String, String>> attributes,
                                  String region) {
        ObjectNode root = S3EventFactory.JSON.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", subscriptionArn);
        ObjectNode sns = record.putObject("Sns");
        sns.put("Type", "Notification");
        sns.put("MessageId", messageId);
        sns.put("TopicArn", topicArn);
        if (subject == null) {
            sns.putNull("Subject");
        } else {
            sns.put("Subject", subject);
        }
        sns.put("Message", message);
        sns.put("Timestamp", TIMESTAMP.format(timestamp));
        sns.put("SignatureVersion", "1");
        sns.put("Signature", "EXAMPLE");
        sns.put("SigningCertUrl", "https://sns." + region
                + ".amazonaws.com/SimpleNotificationService-0000000000000000000000.pem");
        sns.put("UnsubscribeUrl", "https://sns." + region
                + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn);
        ObjectNode messageAttributes = sns.putObject("MessageAttributes");
        attributes.forEach((name, value) -> {
            ObjectNode attribute = messageAttributes.putObject(name);
            attribute.put("Type", value.getOrDefault("Type", "String"));
            attribute.put("Value", value.get("Value"));
        });
        return root;
    }
}
