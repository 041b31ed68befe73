package dev.mediapipeline.local.template;

import static dev.mediapipeline.local.template.Values.list;
import static dev.mediapipeline.local.template.Values.map;
import static dev.mediapipeline.local.template.Values.requiredString;
import static dev.mediapipeline.local.template.Values.string;
import static dev.mediapipeline.local.template.Values.strings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.local.template.NotificationConfiguration.FunctionTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A function's {@code Events}, read the way aws-sam-translator reads them: S3 events become notification
 * configurations of a bucket of the template (with their prefix/suffix filters), SNS events subscriptions (with
 * their filter policy and its scope), HttpApi/Api events routes. Event types SAM knows but the local runtime does not
 * emulate are warned about; a type SAM does not know refuses the template, as SAM does.
 */
final class EventSourceReader {

    /** Every event source type of an AWS::Serverless::Function that aws-sam-translator 1.110 knows. */
    static final Set<String> SAM_EVENT_TYPES = Set.of("S3", "SNS", "Kinesis", "DynamoDB", "SQS", "Api", "HttpApi",
            "Schedule", "ScheduleV2", "CloudWatchEvent", "EventBridgeRule", "CloudWatchLogs", "IoTRule", "AlexaSkill",
            "Cognito", "MSK", "MQ", "SelfManagedKafka", "DocumentDB");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TemplateContext context;
    /** S3 events by the logical id of their bucket, in the order the functions declare them. */
    final Map<String, List<NotificationConfiguration>> s3Events = new LinkedHashMap<>();
    final List<Subscription> subscriptions = new ArrayList<>();

    EventSourceReader(TemplateContext context) {
        this.context = context;
    }

    /** Reads the function's events; returns its HTTP routes, records its S3 events and SNS subscriptions. */
    List<HttpRoute> read(TemplateResource r, String functionName) {
        List<HttpRoute> routes = new ArrayList<>();
        Map<?, ?> events = map(r.properties().get("Events"), r.propertyPath("Events"));
        for (Object eventKey : events.keySet()) {
            String eventName = String.valueOf(eventKey);
            String at = r.propertyPath("Events." + eventName);
            Map<?, ?> event = map(context.intrinsics.resolve(events.get(eventKey), at), at);
            String type = requiredString(event, "Type", at);
            Map<?, ?> p = map(event.get("Properties"), at + ".Properties");
            String pat = at + ".Properties";
            switch (type) {
                case "S3" -> s3Event(r, eventName, functionName, p, pat);
                case "SNS" -> snsEvent(r, eventName, functionName, p, pat);
                case "HttpApi", "Api" -> routes.add(route(eventName, type.equals("Api"), p, pat));
                default -> {
                    if (!SAM_EVENT_TYPES.contains(type)) {
                        throw new TemplateException(at + ".Type", "'" + type + "' is not an event source type SAM"
                                + " knows (" + String.join(", ", SAM_EVENT_TYPES.stream().sorted().toList())
                                + "); aws-sam-translator refuses the template");
                    }
                    context.warn(at + ": event Type " + type + " is not emulated locally; ignored");
                }
            }
        }
        return routes;
    }

    private void s3Event(TemplateResource r, String eventName, String functionName, Map<?, ?> p, String pat) {
        String bucketName = requiredString(p, "Bucket", pat);
        TemplateResource bucket = context.resourcesOfType("AWS::S3::Bucket")
                .filter(b -> context.names.physicalId(b).equals(bucketName))
                .findFirst()
                .orElseThrow(() -> new TemplateException(pat + ".Bucket", "S3 events must reference an S3 bucket in"
                        + " the same template (a !Ref to an AWS::S3::Bucket); '" + bucketName + "' is none"));
        if (p.get("Events") == null) {
            throw new TemplateException(pat + ".Events", "missing (e.g. s3:ObjectCreated:*)");
        }
        String[] filter = keyFilter(p.get("Filter"), pat + ".Filter");
        for (String s3Event : strings(p.get("Events"), pat + ".Events")) {
            s3Events.computeIfAbsent(bucket.logicalId(), k -> new ArrayList<>()).add(
                    new NotificationConfiguration(r.logicalId() + eventName, s3Event, filter[0], filter[1],
                            new FunctionTarget(functionName)));
        }
    }

    private void snsEvent(TemplateResource r, String eventName, String functionName, Map<?, ?> p, String pat) {
        String topicArn = requiredString(p, "Topic", pat);
        if (!topicArn.startsWith("arn:")) {
            throw new TemplateException(pat + ".Topic", "'" + topicArn + "' is not a topic ARN (use !Ref Topic)");
        }
        Object sqs = p.get("SqsSubscription");
        if (sqs != null && !"false".equals(Intrinsics.text(sqs))) {
            context.warn(pat + ".SqsSubscription: SQS is not emulated; the topic invokes the function directly");
        }
        subscriptions.add(new Subscription(topicArn, functionName, filterPolicy(p.get("FilterPolicy"),
                pat + ".FilterPolicy"), "MessageBody".equals(p.get("FilterPolicyScope")),
                topicArn + ":" + ResourceNames.uuidFor(topicArn + "/" + r.logicalId() + "/" + eventName)));
    }

    private HttpRoute route(String eventName, boolean rest, Map<?, ?> p, String pat) {
        String method = string(p, "Method", pat).orElse(rest ? null : "ANY");
        String path = string(p, "Path", pat).orElse(rest ? null : "$default");
        if (method == null || path == null) {
            throw new TemplateException(pat, "an Api event needs Path and Method");
        }
        String apiId = rest ? apiLogicalId(p.get("RestApiId"), "ServerlessRestApi")
                : apiLogicalId(p.get("ApiId"), "ServerlessHttpApi");
        String format = rest ? "1.0" : string(p, "PayloadFormatVersion", pat).orElse("2.0");
        return new HttpRoute(eventName, method.toUpperCase(Locale.ROOT), path, apiId, rest, format);
    }

    private String apiLogicalId(Object resolvedRef, String implicit) {
        if (resolvedRef == null) {
            return implicit;
        }
        String id = Intrinsics.text(resolvedRef);
        return context.resources.values().stream().filter(r -> r.type().startsWith("AWS::Serverless::")
                        && context.names.physicalId(r).equals(id)).map(TemplateResource::logicalId).findFirst()
                .orElse(id);
    }

    /** An S3 key filter: {@code [prefix, suffix]}, empty when not given. */
    static String[] keyFilter(Object filter, String at) {
        String prefix = "";
        String suffix = "";
        if (filter == null) {
            return new String[]{prefix, suffix};
        }
        Map<?, ?> s3Key = map(map(filter, at).get("S3Key"), at + ".S3Key");
        List<?> rules = list(s3Key.get("Rules"), at + ".S3Key.Rules");
        for (int i = 0; i < rules.size(); i++) {
            String rat = at + ".S3Key.Rules[" + i + "]";
            Map<?, ?> rule = map(rules.get(i), rat);
            String ruleName = requiredString(rule, "Name", rat).toLowerCase(Locale.ROOT);
            String value = requiredString(rule, "Value", rat);
            switch (ruleName) {
                case "prefix" -> prefix = value;
                case "suffix" -> suffix = value;
                default -> throw new TemplateException(rat + ".Name", "is prefix or suffix, not '" + ruleName + "'");
            }
        }
        return new String[]{prefix, suffix};
    }

    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> filterPolicy(Object policy, String at) {
        if (policy == null) {
            return Optional.empty();
        }
        if (policy instanceof String json) {
            try {
                return Optional.of(JSON.readValue(json, Map.class));
            } catch (JsonProcessingException e) {
                throw new TemplateException(at, "is not a JSON filter policy: " + e.getOriginalMessage());
            }
        }
        return Optional.of((Map<String, Object>) map(policy, at));
    }
}
