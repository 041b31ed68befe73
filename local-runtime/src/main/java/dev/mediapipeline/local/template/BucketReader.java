package dev.mediapipeline.local.template;

import static dev.mediapipeline.local.template.Values.integer;
import static dev.mediapipeline.local.template.Values.list;
import static dev.mediapipeline.local.template.Values.map;
import static dev.mediapipeline.local.template.Values.requiredString;
import static dev.mediapipeline.local.template.Values.strings;

import dev.mediapipeline.local.template.NotificationConfiguration.FunctionTarget;
import dev.mediapipeline.local.template.NotificationConfiguration.Target;
import dev.mediapipeline.local.template.NotificationConfiguration.TopicTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * S3 buckets: their notification configurations (declared, and those SAM adds for the functions' S3 events), which
 * S3 refuses to overlap, and their CORS rules.
 */
final class BucketReader {

    private final TemplateContext context;

    BucketReader(TemplateContext context) {
        this.context = context;
    }

    List<BucketDefinition> buckets(Map<String, List<NotificationConfiguration>> samS3Events,
                                   List<FunctionDefinition> functions, List<TopicDefinition> topics) {
        List<BucketDefinition> buckets = new ArrayList<>();
        for (TemplateResource r : context.resources.values()) {
            if (r.is("AWS::S3::Bucket")) {
                buckets.add(bucket(r, samS3Events.getOrDefault(r.logicalId(), List.of()), functions, topics));
            }
        }
        for (String bucketLogicalId : samS3Events.keySet()) {
            if (buckets.stream().noneMatch(d -> d.logicalId().equals(bucketLogicalId))) {
                throw new TemplateException("Resources." + bucketLogicalId, "is not an AWS::S3::Bucket");
            }
        }
        return buckets;
    }

    private BucketDefinition bucket(TemplateResource r, List<NotificationConfiguration> samEvents,
                                    List<FunctionDefinition> functions, List<TopicDefinition> topics) {
        String name = context.names.physicalId(r);
        List<NotificationConfiguration> notifications = new ArrayList<>();
        Map<?, ?> config = map(context.property(r, "NotificationConfiguration"), r.propertyPath("NotificationConfiguration"));
        String nat = r.propertyPath("NotificationConfiguration");
        List<?> lambdaConfigs = list(config.get("LambdaConfigurations"), nat + ".LambdaConfigurations");
        for (int i = 0; i < lambdaConfigs.size(); i++) {
            String at = nat + ".LambdaConfigurations[" + i + "]";
            Map<?, ?> c = map(lambdaConfigs.get(i), at);
            String arn = requiredString(c, "Function", at);
            FunctionDefinition function = functions.stream()
                    .filter(f -> arn.equals(f.arn()) || arn.startsWith(f.arn() + ":"))
                    .findFirst()
                    .orElseThrow(() -> new TemplateException(at + ".Function", "'" + arn
                            + "' is not a function of this template"));
            notifications.add(notification(r.logicalId() + "LambdaConfiguration" + (i + 1), c, at,
                    new FunctionTarget(function.name())));
        }
        List<?> topicConfigs = list(config.get("TopicConfigurations"), nat + ".TopicConfigurations");
        for (int i = 0; i < topicConfigs.size(); i++) {
            String at = nat + ".TopicConfigurations[" + i + "]";
            Map<?, ?> c = map(topicConfigs.get(i), at);
            String arn = requiredString(c, "Topic", at);
            if (topics.stream().noneMatch(t -> t.arn().equals(arn))) {
                throw new TemplateException(at + ".Topic", "'" + arn + "' is not a topic of this template");
            }
            notifications.add(notification(r.logicalId() + "TopicConfiguration" + (i + 1), c, at, new TopicTarget(arn)));
        }
        if (config.get("QueueConfigurations") != null) {
            context.warn(nat + ".QueueConfigurations: SQS is not emulated; ignored");
        }
        if (config.get("EventBridgeConfiguration") != null) {
            context.warn(nat + ".EventBridgeConfiguration: EventBridge is not emulated; ignored");
        }
        notifications.addAll(samEvents);
        for (int i = 0; i < notifications.size(); i++) {
            for (int j = i + 1; j < notifications.size(); j++) {
                if (notifications.get(i).overlaps(notifications.get(j))) {
                    throw new TemplateException(r.path(), "S3 rejects overlapping notification configurations on one"
                            + " bucket, and these overlap: " + describe(notifications.get(i)) + " and "
                            + describe(notifications.get(j)) + " (fan out through an SNS topic instead)");
                }
            }
        }
        List<CorsRule> cors = new ArrayList<>();
        Map<?, ?> corsConfig = map(context.property(r, "CorsConfiguration"), r.propertyPath("CorsConfiguration"));
        List<?> rules = list(corsConfig.get("CorsRules"), r.propertyPath("CorsConfiguration.CorsRules"));
        for (int i = 0; i < rules.size(); i++) {
            String at = r.propertyPath("CorsConfiguration.CorsRules[" + i + "]");
            Map<?, ?> rule = map(rules.get(i), at);
            cors.add(new CorsRule(strings(rule.get("AllowedMethods"), at + ".AllowedMethods"),
                    strings(rule.get("AllowedOrigins"), at + ".AllowedOrigins"),
                    rule.get("AllowedHeaders") == null ? List.of() : strings(rule.get("AllowedHeaders"), at + ".AllowedHeaders"),
                    rule.get("ExposedHeaders") == null ? List.of() : strings(rule.get("ExposedHeaders"), at + ".ExposedHeaders"),
                    rule.get("MaxAge") == null ? Optional.empty()
                            : Optional.of(integer(rule.get("MaxAge"), at + ".MaxAge", 0, Integer.MAX_VALUE))));
        }
        return new BucketDefinition(r.logicalId(), name, notifications, cors);
    }

    private static NotificationConfiguration notification(String id, Map<?, ?> c, String at, Target target) {
        String event = requiredString(c, "Event", at);
        if (!event.startsWith("s3:")) {
            throw new TemplateException(at + ".Event", "'" + event + "' is not an S3 event type (s3:ObjectCreated:*)");
        }
        String[] filter = EventSourceReader.keyFilter(c.get("Filter"), at + ".Filter");
        return new NotificationConfiguration(id, event, filter[0], filter[1], target);
    }

    private static String describe(NotificationConfiguration n) {
        return n.event() + (n.prefix().isEmpty() ? "" : " prefix '" + n.prefix() + "'")
                + (n.suffix().isEmpty() ? "" : " suffix '" + n.suffix() + "'") + " → "
                + (n.target() instanceof FunctionTarget f ? f.functionName() : ((TopicTarget) n.target()).topicArn());
    }
}
