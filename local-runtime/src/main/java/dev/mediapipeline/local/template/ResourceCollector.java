package dev.mediapipeline.local.template;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The template's Resources as they exist after their Conditions: SAM Globals merged into functions, the resources
 * SAM creates implicitly added (a function's role, version and alias; the implicit APIs), every reference checked.
 */
final class ResourceCollector {

    private static final Set<String> ACCEPTED_TYPES = Set.of(
            "AWS::SNS::TopicPolicy", "AWS::S3::BucketPolicy", "AWS::IAM::Role", "AWS::IAM::Policy",
            "AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile", "AWS::Lambda::Permission",
            "AWS::Lambda::Version", "AWS::Lambda::Alias", "AWS::Logs::LogGroup", "AWS::CloudWatch::Alarm",
            "AWS::CloudWatch::Dashboard", "AWS::Serverless::HttpApi", "AWS::Serverless::Api",
            "AWS::CloudFormation::WaitConditionHandle", "AWS::SSM::Parameter", "AWS::Serverless::LayerVersion",
            "AWS::Lambda::LayerVersion");

    private static final Set<String> EMULATED_TYPES = Set.of("AWS::Serverless::Function", "AWS::Lambda::Function",
            "AWS::S3::Bucket", "AWS::SNS::Topic", "AWS::SNS::Subscription", "AWS::DynamoDB::Table",
            "AWS::Serverless::SimpleTable", "AWS::Lambda::EventInvokeConfig");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final TemplateContext context;

    ResourceCollector(TemplateContext context) {
        this.context = context;
    }

    void checkTransform() {
        Object transform = context.document.get("Transform");
        List<?> transforms = transform instanceof List<?> l ? l : transform == null ? List.of() : List.of(transform);
        for (Object t : transforms) {
            if (!"AWS::Serverless-2016-10-31".equals(t) && !"AWS::LanguageExtensions".equals(t)) {
                context.warn("Transform " + t + " is not applied locally");
            }
        }
    }

    @SuppressWarnings("unchecked")
    void collectResources() {
        Map<String, Object> declared = context.section("Resources");
        if (declared.isEmpty()) {
            throw new TemplateException("Resources", "missing or empty: a template declares at least one resource");
        }
        Map<String, Object> globals = context.section("Globals");
        Map<String, Object> functionGlobals = Map.of();
        if (globals.get("Function") instanceof Map<?, ?> g) {
            functionGlobals = (Map<String, Object>) g;
        } else if (globals.containsKey("Function")) {
            throw new TemplateException("Globals.Function", "must be a mapping");
        }
        boolean implicitHttpApi = false;
        boolean implicitRestApi = false;
        for (Map.Entry<String, Object> e : declared.entrySet()) {
            String logicalId = e.getKey();
            String at = "Resources." + logicalId;
            if (!logicalId.matches("[A-Za-z0-9]+")) {
                throw new TemplateException(at, "logical ids are alphanumeric");
            }
            if (!(e.getValue() instanceof Map<?, ?> resource)) {
                throw new TemplateException(at, "must be a mapping with a Type");
            }
            if (!(resource.get("Type") instanceof String type)) {
                throw new TemplateException(at + ".Type", "missing");
            }
            if (resource.get("Condition") != null) {
                String condition = Intrinsics.scalar(resource.get("Condition"), at + ".Condition");
                if (!context.conditionValue(condition, at + ".Condition")) {
                    continue;
                }
            }
            Object props = resource.get("Properties");
            if (props != null && !(props instanceof Map<?, ?>)) {
                throw new TemplateException(at + ".Properties", "must be a mapping");
            }
            Map<String, Object> properties = props == null ? Map.of() : (Map<String, Object>) props;
            if (type.equals("AWS::Serverless::Function")) {
                properties = SamGlobals.merge(functionGlobals, properties);
                if (properties.get("Events") instanceof Map<?, ?> events) {
                    for (Object event : events.values()) {
                        if (event instanceof Map<?, ?> ev && "HttpApi".equals(ev.get("Type"))
                                && !(ev.get("Properties") instanceof Map<?, ?> p && p.containsKey("ApiId"))) {
                            implicitHttpApi = true;
                        }
                        if (event instanceof Map<?, ?> ev && "Api".equals(ev.get("Type"))
                                && !(ev.get("Properties") instanceof Map<?, ?> p && p.containsKey("RestApiId"))) {
                            implicitRestApi = true;
                        }
                    }
                }
                implicitResources(logicalId, properties);
            }
            context.resources.put(logicalId, new TemplateResource(logicalId, type, properties, false));
            if (!ACCEPTED_TYPES.contains(type) && !EMULATED_TYPES.contains(type)) {
                context.warn(at + ": " + type + " is not emulated locally; ignored");
            }
        }
        if (implicitHttpApi && !context.resources.containsKey("ServerlessHttpApi")) {
            implicit("ServerlessHttpApi", "AWS::Serverless::HttpApi", Map.of());
        }
        if (implicitRestApi && !context.resources.containsKey("ServerlessRestApi")) {
            implicit("ServerlessRestApi", "AWS::Serverless::Api", Map.of());
        }
    }

    /**
     * What SAM adds for a function: its role unless it names one; a version and an alias for AutoPublishAlias (the
     * template names them Fn.Version and Fn.Alias); the queue or topic of an SQS or SNS destination without an ARN.
     */
    private void implicitResources(String logicalId, Map<String, Object> properties) {
        if (!properties.containsKey("Role")) {
            implicit(logicalId + "Role", "AWS::IAM::Role", Map.of());
        }
        if (properties.get("AutoPublishAlias") != null) {
            implicit(logicalId + ".Version", "AWS::Lambda::Version", Map.of("FunctionName", logicalId));
            implicit(logicalId + ".Alias", "AWS::Lambda::Alias", Map.of("FunctionName", logicalId));
        }
        if (properties.get("EventInvokeConfig") instanceof Map<?, ?> config
                && config.get("DestinationConfig") instanceof Map<?, ?> destinations) {
            for (String event : List.of("OnSuccess", "OnFailure")) {
                if (destinations.get(event) instanceof Map<?, ?> d && d.get("Destination") == null) {
                    String id = logicalId + "EventInvokeConfig" + event;
                    if ("SQS".equals(d.get("Type"))) {
                        implicit(id + "Queue", "AWS::SQS::Queue", Map.of());
                    } else if ("SNS".equals(d.get("Type"))) {
                        implicit(id + "Topic", "AWS::SNS::Topic", Map.of());
                    }
                }
            }
        }
    }

    private void implicit(String logicalId, String type, Map<String, Object> properties) {
        context.resources.put(logicalId, new TemplateResource(logicalId, type, properties, true));
    }

    /** Every Ref, GetAtt and ${} in the template names something that exists, wherever it is. */
    void validateReferences() {
        Map<String, Object> declared = context.section("Resources");
        for (Map.Entry<String, Object> e : declared.entrySet()) {
            if (context.resources.containsKey(e.getKey())) {
                checkReferences(e.getValue(), "Resources." + e.getKey());
            }
        }
        checkReferences(context.section("Outputs"), "Outputs");
        checkReferences(context.section("Globals"), "Globals");
        checkReferences(context.conditionDefinitions(), "Conditions");
    }

    private void checkReferences(Object value, String at) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                Object arg = map.values().iterator().next();
                if (key.equals("Ref") && arg instanceof String name) {
                    requireName(name, at + ".Ref");
                } else if (key.equals("Fn::GetAtt")) {
                    Object target = arg instanceof List<?> l && !l.isEmpty() ? l.get(0)
                            : arg instanceof String s && s.contains(".") ? s.substring(0, s.indexOf('.')) : null;
                    if (target instanceof String name && !context.resources.containsKey(name) && !context.section("Resources").containsKey(name)) {
                        throw new TemplateException(at + ".Fn::GetAtt", "no resource named '" + name + "'");
                    }
                } else if (key.equals("Fn::Sub")) {
                    Object text = arg instanceof List<?> l && !l.isEmpty() ? l.get(0) : arg;
                    Set<?> variables = arg instanceof List<?> l && l.size() == 2 && l.get(1) instanceof Map<?, ?> m
                            ? m.keySet() : Set.of();
                    if (text instanceof String s) {
                        var m = SUB_VARIABLE.matcher(s);
                        while (m.find()) {
                            String name = m.group(1).trim();
                            if (variables.contains(name)) {
                                continue;
                            }
                            requireName(name.contains(".") && !name.startsWith("AWS::")
                                    ? name.substring(0, name.indexOf('.')) : name, at + ".Fn::Sub");
                        }
                    }
                }
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                checkReferences(e.getValue(), at + "." + e.getKey());
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkReferences(list.get(i), at + "[" + i + "]");
            }
        }
    }

    private void requireName(String name, String at) {
        if (name.startsWith("AWS::")) {
            if (context.names.pseudo(name) == null && !name.equals("AWS::NoValue")) {
                throw new TemplateException(at, "unknown pseudo parameter '" + name + "'");
            }
            return;
        }
        if (!context.parameterValues.containsKey(name) && !context.resources.containsKey(name) && !context.section("Resources").containsKey(name)) {
            throw new TemplateException(at, "no parameter, resource or pseudo parameter named '" + name + "'");
        }
    }
}
