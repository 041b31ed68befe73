package dev.mediapipeline.local.template;

import static dev.mediapipeline.local.template.Values.integer;
import static dev.mediapipeline.local.template.Values.map;
import static dev.mediapipeline.local.template.Values.string;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How Lambda handles a function's asynchronous invocations: a function's {@code EventInvokeConfig} (SAM), or an
 * {@code AWS::Lambda::EventInvokeConfig} resource naming it. For SAM's property, also the policies the translator adds
 * to the function's role so that it may write to its destinations.
 */
final class InvokeConfigReader {

    /** A function's async-invoke configuration and the statements SAM adds to its role for the destinations. */
    record Read(EventInvokeConfig config, List<PolicyStatement> destinationPolicies) {
    }

    private final TemplateContext context;
    private final Map<String, EventInvokeConfig> resourceConfigs = new HashMap<>();

    InvokeConfigReader(TemplateContext context) {
        this.context = context;
    }

    /** Reads the AWS::Lambda::EventInvokeConfig resources; they win over the function's own property. */
    void readResources() {
        context.resourcesOfType("AWS::Lambda::EventInvokeConfig").forEach(r -> {
            String functionName = context.optionalString(r, "FunctionName").orElseThrow(
                    () -> new TemplateException(r.propertyPath("FunctionName"), "missing"));
            TemplateResource function = context.resourcesOfType("AWS::Serverless::Function")
                    .filter(f -> context.names.physicalId(f).equals(functionName))
                    .findFirst()
                    .orElseThrow(() -> new TemplateException(r.propertyPath("FunctionName"), "'" + functionName
                            + "' is not a function of this template"));
            Map<String, Object> config = new LinkedHashMap<>();
            for (String key : List.of("MaximumRetryAttempts", "MaximumEventAgeInSeconds", "DestinationConfig")) {
                Object value = context.property(r, key);
                if (value != null) {
                    config.put(key, value);
                }
            }
            resourceConfigs.put(function.logicalId(), config(config, r.path() + ".Properties", false,
                    function.logicalId(), new ArrayList<>()));
        });
    }

    Read read(TemplateResource function) {
        String at = function.propertyPath("EventInvokeConfig");
        List<PolicyStatement> policies = new ArrayList<>();
        EventInvokeConfig own = config(map(context.property(function, "EventInvokeConfig"), at), at, true,
                function.logicalId(), policies);
        EventInvokeConfig config = resourceConfigs.getOrDefault(function.logicalId(), own);
        return new Read(config, policies);
    }

    private EventInvokeConfig config(Map<?, ?> config, String at, boolean sam, String functionId,
                                     List<PolicyStatement> policies) {
        if (config.isEmpty()) {
            return EventInvokeConfig.DEFAULT;
        }
        int retries = config.get("MaximumRetryAttempts") == null ? 2
                : integer(config.get("MaximumRetryAttempts"), at + ".MaximumRetryAttempts", 0, 2);
        int age = config.get("MaximumEventAgeInSeconds") == null ? 21_600
                : integer(config.get("MaximumEventAgeInSeconds"), at + ".MaximumEventAgeInSeconds", 60, 21_600);
        Map<?, ?> destinations = map(config.get("DestinationConfig"), at + ".DestinationConfig");
        // the translator's order: OnSuccess first (its policy comes first in the role)
        Optional<Destination> onSuccess = destination(destinations.get("OnSuccess"),
                at + ".DestinationConfig.OnSuccess", sam, functionId + "EventInvokeConfigOnSuccess", policies);
        Optional<Destination> onFailure = destination(destinations.get("OnFailure"),
                at + ".DestinationConfig.OnFailure", sam, functionId + "EventInvokeConfigOnFailure", policies);
        return new EventInvokeConfig(retries, age, onFailure, onSuccess);
    }

    private Optional<Destination> destination(Object value, String at, boolean sam, String samId,
                                              List<PolicyStatement> policies) {
        if (value == null) {
            return Optional.empty();
        }
        Map<?, ?> d = map(value, at);
        String arn = string(d, "Destination", at).orElse(null);
        Destination.Type type;
        if (sam) {
            String text = d.get("Type") == null ? "None" : Intrinsics.scalar(d.get("Type"), at + ".Type");
            type = Destination.Type.ofSamName(text).orElseThrow(() -> new TemplateException(at + ".Type",
                    "'Type: " + text + "' must be one of " + Destination.Type.SAM_NAMES + " (as aws-sam-translator"
                            + " requires)"));
        } else if (arn != null) {
            type = Destination.Type.ofArn(arn).orElseThrow(() -> new TemplateException(at + ".Destination", "'"
                    + arn + "' is not an S3, Lambda, SQS, SNS or EventBridge ARN"));
        } else {
            throw new TemplateException(at + ".Destination", "missing");
        }
        if (arn == null) {
            if (!sam || (type != Destination.Type.SQS && type != Destination.Type.SNS)) {
                throw new TemplateException(at + ".Destination", "missing: SAM creates a queue or topic only for"
                        + " Type SQS or SNS; give the ARN of the " + type.samName() + " destination");
            }
            String created = type == Destination.Type.SQS
                    ? String.valueOf(context.names.attribute(context.resources.get(samId + "Queue"), "Arn", at))
                    : context.names.ref(context.resources.get(samId + "Topic"));
            context.warn(at + ": SAM creates " + created + " for this destination; " + type.samName()
                    + " destinations are not emulated locally, records are logged");
            policies.addAll(destinationPolicy(type, created, samId));
            return Optional.of(new Destination(type, created));
        }
        if (!arn.startsWith("arn:" + ResourceNames.PARTITION + ":" + type.service() + ":")
                || arn.split(":", -1).length < 6) {
            throw new TemplateException(at + ".Destination", "'" + arn + "' is not the ARN of a " + type.samName()
                    + " destination (arn:" + ResourceNames.PARTITION + ":" + type.service() + ":...; use !GetAtt"
                    + " Resource.Arn)");
        }
        if (type != Destination.Type.S3 && type != Destination.Type.LAMBDA) {
            context.warn(at + ": " + type.samName() + " destinations are not emulated; records are logged");
        }
        if (sam) {
            policies.addAll(destinationPolicy(type, arn, samId));
        }
        return Optional.of(new Destination(type, arn));
    }

    /** The policy aws-sam-translator adds to the function's role for a destination (IAMRolePolicies). */
    private static List<PolicyStatement> destinationPolicy(Destination.Type type, String arn, String samId) {
        return switch (type) {
            case SQS -> List.of(allow("sqs:SendMessage", arn, samId + "SQSPolicy"));
            case SNS -> List.of(allow("sns:publish", arn, samId + "SNSPolicy"));
            case EVENT_BRIDGE -> List.of(allow("events:PutEvents", arn, samId + "EventBridgePolicy"));
            case LAMBDA -> List.of(allow("lambda:InvokeFunction", arn, samId + "LambdaPolicy"));
            case S3 -> List.of(allow("s3:PutObject", arn + "/*", samId + "S3Policy"),
                    allow("s3:ListBucket", arn, samId + "S3Policy"));
        };
    }

    private static PolicyStatement allow(String action, String resource, String source) {
        return new PolicyStatement("", PolicyStatement.Effect.ALLOW, List.of(action), List.of(), List.of(resource),
                List.of(), Map.of(), source);
    }

    /** Lambda and S3 destinations must exist: a function of this template; a bucket, else a warning. */
    static void checkDestinations(TemplateContext context, List<FunctionDefinition> functions,
                                  List<BucketDefinition> buckets) {
        for (FunctionDefinition f : functions) {
            for (Optional<Destination> d : List.of(f.eventInvokeConfig().onFailure(), f.eventInvokeConfig().onSuccess())) {
                if (d.isEmpty()) {
                    continue;
                }
                String at = "Resources." + f.logicalId() + ".Properties.EventInvokeConfig.DestinationConfig";
                Destination destination = d.get();
                if (destination.type() == Destination.Type.LAMBDA && functions.stream()
                        .noneMatch(g -> destination.arn().equals(g.arn()) || destination.arn().startsWith(g.arn() + ":"))) {
                    throw new TemplateException(at, "destination function " + destination.arn()
                            + " is not a function of this template");
                }
                if (destination.type() == Destination.Type.S3 && buckets.stream()
                        .noneMatch(b -> destination.arn().equals(b.arn()))) {
                    context.warn(at + ": destination bucket " + destination.arn() + " is not declared in the"
                            + " template; it must exist on the endpoint");
                }
            }
        }
    }
}
