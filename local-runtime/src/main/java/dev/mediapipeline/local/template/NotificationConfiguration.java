package dev.mediapipeline.local.template;

import java.util.Locale;

/**
 * One S3 event notification configuration of a bucket: which events, which keys, and where they go.
 *
 * @param id     S3's configurationId, as the event's {@code s3.configurationId} carries it
 * @param event  S3's event type, possibly with a wildcard: {@code s3:ObjectCreated:*}, {@code s3:ObjectRemoved:Delete}
 * @param prefix key prefix filter, empty for none
 * @param suffix key suffix filter, empty for none
 */
public record NotificationConfiguration(String id, String event, String prefix, String suffix, Target target) {

    /** Where S3 sends the event. */
    public sealed interface Target permits FunctionTarget, TopicTarget {
    }

    /** A Lambda function, invoked asynchronously with the S3 event. */
    public record FunctionTarget(String functionName) implements Target {
    }

    /** An SNS topic, which wraps the S3 event in its envelope for each subscriber. */
    public record TopicTarget(String topicArn) implements Target {
    }

    /**
     * Whether an event of this name (S3's {@code eventName}, e.g. {@code ObjectCreated:Put}) for this key is one
     * this configuration sends. S3 matches filters on the key as stored.
     */
    public boolean matches(String eventName, String key) {
        return eventMatches(event, eventName) && key.startsWith(prefix) && key.endsWith(suffix);
    }

    static boolean eventMatches(String pattern, String eventName) {
        String p = pattern.startsWith("s3:") ? pattern.substring(3) : pattern;
        String name = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
        if (p.endsWith(":*")) {
            return name.toLowerCase(Locale.ROOT).startsWith(p.substring(0, p.length() - 1).toLowerCase(Locale.ROOT));
        }
        return p.equalsIgnoreCase(name);
    }

    /**
     * Whether two configurations of one bucket overlap, which S3 rejects ("Configurations overlap. Configurations
     * on the same bucket cannot share a common event type"): a common event type, and key filters that some key
     * passes both of.
     */
    public boolean overlaps(NotificationConfiguration other) {
        boolean eventsShared = eventMatches(event, strip(other.event)) || eventMatches(other.event, strip(event));
        boolean prefixesShared = prefix.startsWith(other.prefix) || other.prefix.startsWith(prefix);
        boolean suffixesShared = suffix.endsWith(other.suffix) || other.suffix.endsWith(suffix);
        return eventsShared && prefixesShared && suffixesShared;
    }

    private static String strip(String event) {
        String e = event.startsWith("s3:") ? event.substring(3) : event;
        return e.endsWith(":*") ? e.substring(0, e.length() - 1) + "x" : e;
    }
}
