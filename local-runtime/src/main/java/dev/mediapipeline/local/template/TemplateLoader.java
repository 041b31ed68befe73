package dev.mediapipeline.local.template;

import dev.mediapipeline.local.template.NotificationConfiguration.FunctionTarget;
import dev.mediapipeline.local.template.NotificationConfiguration.Target;
import dev.mediapipeline.local.template.NotificationConfiguration.TopicTarget;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Turns a SAM template into the {@link StackTemplate} the local runtime runs: parameters (defaults and
 * overrides, with their constraints checked), pseudo parameters, conditions, SAM Globals, intrinsic functions, and
 * the resources the runtime emulates (S3 buckets and their notifications, SNS topics and subscriptions, functions
 * with their S3/SNS/HTTP events and async-invoke configuration, DynamoDB tables). Resource types that do not change
 * behaviour locally (IAM, policies, permissions, log groups) are accepted; other unknown types are ignored with a
 * warning. Anything the runtime cannot run the way AWS would fails with the resource and property named.
 */
public final class TemplateLoader {

    /** What AWS would supply: the stack's name, region and account. */
    public record Settings(String stackName, String region, String accountId) {

        public static final Settings LOCAL = new Settings("media-pipeline", "us-east-1", "000000000000");
    }

    private static final Set<String> ACCEPTED_TYPES = Set.of(
            "AWS::SNS::TopicPolicy", "AWS::S3::BucketPolicy", "AWS::IAM::Role", "AWS::IAM::Policy",
            "AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile", "AWS::Lambda::Permission",
            "AWS::Lambda::Version", "AWS::Lambda::Alias", "AWS::Logs::LogGroup", "AWS::CloudWatch::Alarm",
            "AWS::CloudWatch::Dashboard", "AWS::Serverless::HttpApi", "AWS::Serverless::Api",
            "AWS::CloudFormation::WaitConditionHandle", "AWS::SSM::Parameter");

    private static final Set<String> RESERVED_VARIABLES = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    private static final Pattern HANDLER = Pattern.compile(
            "[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*(::[\\p{L}_$][\\p{L}\\p{N}_$]*)?");
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");

    private final Path file;
    private final Settings settings;
    private final Map<String, Object> document;
    private final Map<String, Object> parameterValues = new LinkedHashMap<>();
    private final Map<String, Object> conditionDefinitions;
    private final Map<String, Boolean> conditionValues = new HashMap<>();
    private final Set<String> conditionsInProgress = new LinkedHashSet<>();
    private final Map<String, Object> mappings;
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final Map<String, String> physicalIds = new HashMap<>();
    private final Set<String> physicalIdsInProgress = new LinkedHashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private final Intrinsics intrinsics;

    private record Resource(String logicalId, String type, Map<String, Object> properties, boolean implicit) {

        String path() {
            return "Resources." + logicalId;
        }

        String propertyPath(String property) {
            return path() + ".Properties." + property;
        }
    }

    private TemplateLoader(Path file, Map<String, Object> document, Settings settings) {
        this.file = file;
        this.document = document;
        this.settings = settings;
        this.conditionDefinitions = section("Conditions");
        this.mappings = section("Mappings");
        this.intrinsics = new Intrinsics(new Scope());
    }

    public static StackTemplate load(Path file, Map<String, String> parameterOverrides) {
        return load(file, parameterOverrides, Settings.LOCAL);
    }

    public static StackTemplate load(Path file, Map<String, String> parameterOverrides, Settings settings) {
        Path absolute = file.toAbsolutePath().normalize();
        TemplateLoader loader = new TemplateLoader(absolute, CloudFormationYaml.read(absolute), settings);
        return loader.build(parameterOverrides);
    }

    /** For tests: a template given as text, CodeUri paths relative to {@code directory}. */
    public static StackTemplate parse(String yaml, Path directory, Map<String, String> parameterOverrides) {
        Path file = directory.toAbsolutePath().normalize().resolve("template.yaml");
        return new TemplateLoader(file, CloudFormationYaml.parse(yaml, "template.yaml"), Settings.LOCAL)
                .build(parameterOverrides);
    }

    private StackTemplate build(Map<String, String> overrides) {
        checkTransform();
        resolveParameters(overrides);
        collectResources();
        validateReferences();

        List<FunctionDefinition> functions = new ArrayList<>();
        Map<String, List<NotificationConfiguration>> samS3Events = new LinkedHashMap<>();
        List<Subscription> subscriptions = new ArrayList<>();
        Map<String, EventInvokeConfig> invokeConfigResources = eventInvokeConfigResources();
        for (Resource r : resources.values()) {
            if (r.type().equals("AWS::Serverless::Function")) {
                functions.add(function(r, samS3Events, subscriptions, invokeConfigResources));
            } else if (r.type().equals("AWS::Lambda::Function")) {
                throw new TemplateException(r.path() + ".Type", "AWS::Lambda::Function cannot run locally: declare it as"
                        + " AWS::Serverless::Function with CodeUri pointing at the built jar");
            }
        }
        List<TopicDefinition> topics = new ArrayList<>();
        for (Resource r : resources.values()) {
            if (r.type().equals("AWS::SNS::Topic")) {
                topics.add(new TopicDefinition(r.logicalId(), topicName(r), ref(r)));
                subscriptions.addAll(inlineSubscriptions(r));
            } else if (r.type().equals("AWS::SNS::Subscription")) {
                subscription(r).ifPresent(subscriptions::add);
            }
        }
        for (Subscription s : subscriptions) {
            if (topics.stream().noneMatch(t -> t.arn().equals(s.topicArn()))) {
                throw new TemplateException("Resources", "function " + s.functionName() + " subscribes to topic "
                        + s.topicArn() + ", which the template does not declare");
            }
        }
        List<BucketDefinition> buckets = new ArrayList<>();
        for (Resource r : resources.values()) {
            if (r.type().equals("AWS::S3::Bucket")) {
                buckets.add(bucket(r, samS3Events.getOrDefault(r.logicalId(), List.of()), functions, topics));
            }
        }
        for (String bucketLogicalId : samS3Events.keySet()) {
            if (buckets.stream().noneMatch(b -> b.logicalId().equals(bucketLogicalId))) {
                throw new TemplateException("Resources." + bucketLogicalId, "is not an AWS::S3::Bucket");
            }
        }
        checkDestinations(functions, buckets);
        List<TableDefinition> tables = new ArrayList<>();
        for (Resource r : resources.values()) {
            switch (r.type()) {
                case "AWS::DynamoDB::Table" -> tables.add(table(r));
                case "AWS::Serverless::SimpleTable" -> tables.add(simpleTable(r));
                default -> {
                }
            }
        }
        List<HttpApiDefinition> httpApis = httpApis(functions);
        Map<String, String> outputs = outputs();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameterValues.forEach((k, v) -> parameters.put(k, v instanceof List<?> l
                ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(v)));
        return new StackTemplate(file, settings.stackName(), settings.region(), settings.accountId(), parameters,
                buckets, topics, subscriptions, functions, tables, httpApis, outputs, warnings);
    }

    // ---------------------------------------------------------------- sections, transform, parameters

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String name) {
        Object value = document.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new TemplateException(name, "must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    private void checkTransform() {
        Object transform = document.get("Transform");
        List<?> transforms = transform instanceof List<?> l ? l : transform == null ? List.of() : List.of(transform);
        for (Object t : transforms) {
            if (!"AWS::Serverless-2016-10-31".equals(t) && !"AWS::LanguageExtensions".equals(t)) {
                warnings.add("Transform " + t + " is not applied locally");
            }
        }
    }

    private void resolveParameters(Map<String, String> overrides) {
        Map<String, Object> definitions = section("Parameters");
        for (String name : overrides.keySet()) {
            if (!definitions.containsKey(name)) {
                throw new TemplateException("Parameters", "--parameter-overrides names '" + name
                        + "', which the template does not declare (it declares " + String.join(", ", definitions.keySet()) + ")");
            }
        }
        for (Map.Entry<String, Object> e : definitions.entrySet()) {
            String name = e.getKey();
            String at = "Parameters." + name;
            if (!(e.getValue() instanceof Map<?, ?> definition)) {
                throw new TemplateException(at, "must be a mapping with at least a Type");
            }
            String type = definition.get("Type") == null ? null : Intrinsics.text(definition.get("Type"));
            if (type == null) {
                throw new TemplateException(at + ".Type", "missing");
            }
            String raw;
            String source;
            if (overrides.containsKey(name)) {
                raw = overrides.get(name);
                source = "--parameter-overrides value";
            } else if (definition.containsKey("Default")) {
                Object d = definition.get("Default");
                raw = d instanceof List<?> l ? String.join(",", l.stream().map(Intrinsics::text).toList()) : Intrinsics.text(d);
                source = "Default";
            } else {
                throw new TemplateException(at, "has no Default: give a value with --parameter-overrides " + name + "=...");
            }
            parameterValues.put(name, parameterValue(at, type, raw, source, definition));
        }
    }

    private Object parameterValue(String at, String type, String raw, String source, Map<?, ?> definition) {
        List<String> allowed = definition.get("AllowedValues") instanceof List<?> l
                ? l.stream().map(Intrinsics::text).toList() : List.of();
        String description = definition.containsKey("ConstraintDescription")
                ? " (" + definition.get("ConstraintDescription") + ")" : "";
        switch (type) {
            case "Number" -> {
                BigDecimal number = number(at, raw, source);
                checkRange(at, number, definition, source, description);
                checkAllowed(at, raw, allowed, source);
                return raw.trim();
            }
            case "List<Number>", "CommaDelimitedList" -> {
                List<String> items = new ArrayList<>();
                for (String item : raw.split(",", -1)) {
                    String value = type.equals("CommaDelimitedList") ? item : item.trim();
                    if (type.equals("List<Number>")) {
                        number(at, value, source);
                    }
                    checkAllowed(at, value, allowed, source);
                    items.add(value);
                }
                return List.copyOf(items);
            }
            default -> {
                if (!type.equals("String")) {
                    warnings.add(at + ": type " + type + " is treated as String locally");
                }
                if (definition.get("AllowedPattern") != null) {
                    String pattern = Intrinsics.text(definition.get("AllowedPattern"));
                    try {
                        if (!Pattern.compile(pattern).matcher(raw).matches()) {
                            throw new TemplateException(at, "the " + source + " '" + raw + "' does not match AllowedPattern "
                                    + pattern + description);
                        }
                    } catch (PatternSyntaxException e) {
                        throw new TemplateException(at + ".AllowedPattern", "is not a valid pattern: " + e.getDescription());
                    }
                }
                if (definition.get("MinLength") != null && raw.length() < number(at + ".MinLength",
                        Intrinsics.text(definition.get("MinLength")), "MinLength").intValue()) {
                    throw new TemplateException(at, "the " + source + " '" + raw + "' is shorter than MinLength " + definition.get("MinLength"));
                }
                if (definition.get("MaxLength") != null && raw.length() > number(at + ".MaxLength",
                        Intrinsics.text(definition.get("MaxLength")), "MaxLength").intValue()) {
                    throw new TemplateException(at, "the " + source + " '" + raw + "' is longer than MaxLength " + definition.get("MaxLength"));
                }
                checkAllowed(at, raw, allowed, source);
                return raw;
            }
        }
    }

    private static BigDecimal number(String at, String raw, String source) {
        try {
            return new BigDecimal(raw.trim());
        } catch (NumberFormatException e) {
            throw new TemplateException(at, "the " + source + " '" + raw + "' is not a number");
        }
    }

    private static void checkRange(String at, BigDecimal number, Map<?, ?> definition, String source, String description) {
        if (definition.get("MinValue") != null
                && number.compareTo(number(at + ".MinValue", Intrinsics.text(definition.get("MinValue")), "MinValue")) < 0) {
            throw new TemplateException(at, "the " + source + " " + number + " is below MinValue "
                    + definition.get("MinValue") + description);
        }
        if (definition.get("MaxValue") != null
                && number.compareTo(number(at + ".MaxValue", Intrinsics.text(definition.get("MaxValue")), "MaxValue")) > 0) {
            throw new TemplateException(at, "the " + source + " " + number + " is above MaxValue "
                    + definition.get("MaxValue") + description);
        }
    }

    private static void checkAllowed(String at, String value, List<String> allowed, String source) {
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            throw new TemplateException(at, "the " + source + " '" + value + "' is not one of AllowedValues " + allowed);
        }
    }

    // ---------------------------------------------------------------- resources

    @SuppressWarnings("unchecked")
    private void collectResources() {
        Map<String, Object> declared = section("Resources");
        if (declared.isEmpty()) {
            throw new TemplateException("Resources", "missing or empty: a template declares at least one resource");
        }
        Map<String, Object> globals = section("Globals");
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
                if (!conditionValue(condition, at + ".Condition")) {
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
                if (!properties.containsKey("Role")) {
                    resources.put(logicalId + "Role", new Resource(logicalId + "Role", "AWS::IAM::Role", Map.of(), true));
                }
                if (properties.get("AutoPublishAlias") != null) {
                    // SAM publishes a version and an alias, which the template names as Fn.Version and Fn.Alias
                    resources.put(logicalId + ".Version", new Resource(logicalId + ".Version", "AWS::Lambda::Version",
                            Map.of("FunctionName", logicalId), true));
                    resources.put(logicalId + ".Alias", new Resource(logicalId + ".Alias", "AWS::Lambda::Alias",
                            Map.of("FunctionName", logicalId), true));
                }
            }
            resources.put(logicalId, new Resource(logicalId, type, properties, false));
            if (!ACCEPTED_TYPES.contains(type) && !Set.of("AWS::Serverless::Function", "AWS::Lambda::Function",
                    "AWS::S3::Bucket", "AWS::SNS::Topic", "AWS::SNS::Subscription", "AWS::DynamoDB::Table",
                    "AWS::Serverless::SimpleTable", "AWS::Lambda::EventInvokeConfig").contains(type)) {
                warnings.add(at + ": " + type + " is not emulated locally; ignored");
            }
        }
        if (implicitHttpApi && !resources.containsKey("ServerlessHttpApi")) {
            resources.put("ServerlessHttpApi", new Resource("ServerlessHttpApi", "AWS::Serverless::HttpApi", Map.of(), true));
        }
        if (implicitRestApi && !resources.containsKey("ServerlessRestApi")) {
            resources.put("ServerlessRestApi", new Resource("ServerlessRestApi", "AWS::Serverless::Api", Map.of(), true));
        }
    }

    /** Every Ref, GetAtt and ${} in the template names something that exists, wherever it is. */
    private void validateReferences() {
        Map<String, Object> declared = section("Resources");
        for (Map.Entry<String, Object> e : declared.entrySet()) {
            if (resources.containsKey(e.getKey())) {
                checkReferences(e.getValue(), "Resources." + e.getKey());
            }
        }
        checkReferences(section("Outputs"), "Outputs");
        checkReferences(section("Globals"), "Globals");
        checkReferences(conditionDefinitions, "Conditions");
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
                    if (target instanceof String name && !resources.containsKey(name) && !section("Resources").containsKey(name)) {
                        throw new TemplateException(at + ".Fn::GetAtt", "no resource named '" + name + "'");
                    }
                } else if (key.equals("Fn::Sub")) {
                    Object text = arg instanceof List<?> l && !l.isEmpty() ? l.get(0) : arg;
                    Set<?> variables = arg instanceof List<?> l && l.size() == 2 && l.get(1) instanceof Map<?, ?> m
                            ? m.keySet() : Set.of();
                    if (text instanceof String s) {
                        var m = Pattern.compile("\\$\\{([^!}][^}]*)}").matcher(s);
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
            if (pseudo(name) == null && !name.equals("AWS::NoValue")) {
                throw new TemplateException(at, "unknown pseudo parameter '" + name + "'");
            }
            return;
        }
        if (!parameterValues.containsKey(name) && !resources.containsKey(name) && !section("Resources").containsKey(name)) {
            throw new TemplateException(at, "no parameter, resource or pseudo parameter named '" + name + "'");
        }
    }

    private Object pseudo(String name) {
        return switch (name) {
            case "AWS::AccountId" -> settings.accountId();
            case "AWS::Region" -> settings.region();
            case "AWS::StackName" -> settings.stackName();
            case "AWS::StackId" -> "arn:aws:cloudformation:" + settings.region() + ":" + settings.accountId()
                    + ":stack/" + settings.stackName() + "/" + uuidFor(settings.stackName());
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::NotificationARNs" -> List.of();
            case "AWS::NoValue" -> Intrinsics.NO_VALUE;
            default -> null;
        };
    }

    private boolean conditionValue(String name, String at) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        if (!conditionDefinitions.containsKey(name)) {
            throw new TemplateException(at, "no condition named '" + name + "' in Conditions");
        }
        if (!conditionsInProgress.add(name)) {
            throw new TemplateException("Conditions." + name, "refers to itself through " + conditionsInProgress);
        }
        try {
            boolean value = intrinsics.evaluateCondition(conditionDefinitions.get(name), "Conditions." + name);
            conditionValues.put(name, value);
            return value;
        } finally {
            conditionsInProgress.remove(name);
        }
    }

    private final class Scope implements Intrinsics.Scope {

        @Override
        public Object ref(String name, String path) {
            Object pseudo = pseudo(name);
            if (pseudo != null) {
                return pseudo;
            }
            if (parameterValues.containsKey(name)) {
                return parameterValues.get(name);
            }
            Resource resource = resources.get(name);
            if (resource == null) {
                if (section("Resources").containsKey(name)) {
                    throw new TemplateException(path, "refers to " + name + ", which its Condition leaves out");
                }
                return null;
            }
            return TemplateLoader.this.ref(resource);
        }

        @Override
        public Object getAtt(String logicalId, String attribute, String path) {
            Resource resource = resources.get(logicalId);
            if (resource == null) {
                throw new TemplateException(path, section("Resources").containsKey(logicalId)
                        ? "refers to " + logicalId + ", which its Condition leaves out"
                        : "no resource named '" + logicalId + "'");
            }
            return attribute(resource, attribute, path);
        }

        @Override
        public boolean condition(String name, String path) {
            return conditionValue(name, path);
        }

        @Override
        public Map<String, Object> mappings() {
            return mappings;
        }
    }

    private String ref(Resource r) {
        if (r.implicit() && (r.type().equals("AWS::Lambda::Version") || r.type().equals("AWS::Lambda::Alias"))) {
            // locally there is one version of each function: version 1, which the alias points at
            Resource function = resources.get(String.valueOf(r.properties().get("FunctionName")));
            String arn = functionArn(physicalId(function));
            return r.type().equals("AWS::Lambda::Version") ? arn + ":1"
                    : arn + ":" + Intrinsics.scalar(property(function, "AutoPublishAlias"),
                    function.propertyPath("AutoPublishAlias"));
        }
        String id = physicalId(r);
        return switch (r.type()) {
            case "AWS::SNS::Topic" -> "arn:aws:sns:" + settings.region() + ":" + settings.accountId() + ":" + id;
            case "AWS::SQS::Queue" -> "https://sqs." + settings.region() + ".amazonaws.com/" + settings.accountId() + "/" + id;
            default -> id;
        };
    }

    private Object attribute(Resource r, String attribute, String at) {
        String id = physicalId(r);
        String region = settings.region();
        String account = settings.accountId();
        Object value = switch (r.type()) {
            case "AWS::S3::Bucket" -> switch (attribute) {
                case "Arn" -> "arn:aws:s3:::" + id;
                case "DomainName" -> id + ".s3.amazonaws.com";
                case "RegionalDomainName" -> id + ".s3." + region + ".amazonaws.com";
                case "DualStackDomainName" -> id + ".s3.dualstack." + region + ".amazonaws.com";
                case "WebsiteURL" -> "http://" + id + ".s3-website-" + region + ".amazonaws.com";
                default -> null;
            };
            case "AWS::SNS::Topic" -> switch (attribute) {
                case "TopicArn" -> ref(r);
                case "TopicName" -> id;
                case "Arn" -> {
                    warnings.add(at + ": CloudFormation names this attribute TopicArn (Arn works only locally)");
                    yield ref(r);
                }
                default -> null;
            };
            case "AWS::Serverless::Function", "AWS::Lambda::Function" ->
                    attribute.equals("Arn") ? functionArn(id) : null;
            case "AWS::DynamoDB::Table" -> switch (attribute) {
                case "Arn" -> "arn:aws:dynamodb:" + region + ":" + account + ":table/" + id;
                case "StreamArn" -> "arn:aws:dynamodb:" + region + ":" + account + ":table/" + id
                        + "/stream/1970-01-01T00:00:00.000";
                default -> null;
            };
            case "AWS::IAM::Role" -> switch (attribute) {
                case "Arn" -> "arn:aws:iam::" + account + ":role/" + id;
                case "RoleId" -> "AROA" + suffix(r.logicalId()).substring(0, 12);
                default -> null;
            };
            case "AWS::SQS::Queue" -> switch (attribute) {
                case "Arn" -> "arn:aws:sqs:" + region + ":" + account + ":" + id;
                case "QueueName" -> id;
                case "QueueUrl" -> ref(r);
                default -> null;
            };
            case "AWS::Serverless::HttpApi", "AWS::Serverless::Api" ->
                    attribute.equals("ApiEndpoint") ? "https://" + id + ".execute-api." + region + ".amazonaws.com" : null;
            // not emulated (the web port serves the site locally), but their attributes appear in Outputs and policies
            case "AWS::CloudFront::Distribution" -> switch (attribute) {
                case "DomainName" -> "d" + suffix(r.logicalId()).toLowerCase(Locale.ROOT) + ".cloudfront.net";
                case "Id" -> "E" + suffix(r.logicalId()).toUpperCase(Locale.ROOT);
                default -> null;
            };
            case "AWS::CloudFront::OriginAccessControl", "AWS::CloudFront::CloudFrontOriginAccessIdentity" ->
                    attribute.equals("Id") ? "E" + suffix(r.logicalId()).toUpperCase(Locale.ROOT) : null;
            default -> attribute.equals("Arn")
                    ? "arn:aws:" + service(r.type()) + ":" + region + ":" + account + ":" + id : null;
        };
        if (value == null) {
            throw new TemplateException(at, r.logicalId() + " (" + r.type() + ") has no attribute '" + attribute
                    + "' that the local runtime knows");
        }
        return value;
    }

    private static String service(String type) {
        String[] parts = type.split("::");
        return parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "unknown";
    }

    String functionArn(String name) {
        return "arn:aws:lambda:" + settings.region() + ":" + settings.accountId() + ":function:" + name;
    }

    /** The resource's name in AWS: its name property when set, else generated the way CloudFormation does. */
    private String physicalId(Resource r) {
        String known = physicalIds.get(r.logicalId());
        if (known != null) {
            return known;
        }
        if (!physicalIdsInProgress.add(r.logicalId())) {
            throw new TemplateException(r.path(), "its name depends on itself through " + physicalIdsInProgress);
        }
        try {
            String generated = settings.stackName() + "-" + r.logicalId() + "-" + suffix(r.logicalId());
            String id = switch (r.type()) {
                case "AWS::S3::Bucket" -> {
                    String name = optionalString(r, "BucketName").orElse(null);
                    if (name == null) {
                        String lower = generated.toLowerCase(Locale.ROOT);
                        yield lower.length() > 63 ? lower.substring(0, 63) : lower;
                    }
                    if (!BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
                        throw new TemplateException(r.propertyPath("BucketName"), "'" + name + "' is not a valid bucket"
                                + " name (3 to 63 lowercase letters, digits, dots and hyphens)");
                    }
                    yield name;
                }
                case "AWS::SNS::Topic" -> optionalString(r, "TopicName").orElse(generated);
                case "AWS::Serverless::Function", "AWS::Lambda::Function" ->
                        optionalString(r, "FunctionName").orElse(r.logicalId());
                case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" ->
                        optionalString(r, "TableName").orElse(generated);
                case "AWS::IAM::Role" -> r.implicit() ? generated : optionalString(r, "RoleName").orElse(generated);
                case "AWS::SQS::Queue" -> optionalString(r, "QueueName").orElse(generated);
                case "AWS::Serverless::HttpApi", "AWS::Serverless::Api" ->
                        suffix(r.logicalId()).substring(0, 10).toLowerCase(Locale.ROOT);
                default -> generated;
            };
            physicalIds.put(r.logicalId(), id);
            return id;
        } finally {
            physicalIdsInProgress.remove(r.logicalId());
        }
    }

    private String suffix(String logicalId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((settings.stackName() + "/" + logicalId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest).substring(0, 13);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uuidFor(String text) {
        return java.util.UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---------------------------------------------------------------- property access

    private Object property(Resource r, String name) {
        Object raw = r.properties().get(name);
        if (raw == null) {
            return null;
        }
        Object value = intrinsics.resolve(raw, r.path() + ".Properties." + name);
        return value == Intrinsics.NO_VALUE ? null : value;
    }

    private Optional<String> optionalString(Resource r, String name) {
        Object value = property(r, name);
        return value == null ? Optional.empty() : Optional.of(Intrinsics.scalar(value, r.propertyPath(name)));
    }

    private static Optional<String> string(Map<?, ?> map, String key, String at) {
        Object value = map.get(key);
        return value == null ? Optional.empty() : Optional.of(Intrinsics.scalar(value, at + "." + key));
    }

    private static String requiredString(Map<?, ?> map, String key, String at) {
        return string(map, key, at).orElseThrow(() -> new TemplateException(at + "." + key, "missing"));
    }

    private static int integer(Object value, String at, int min, int max) {
        String text = Intrinsics.scalar(value, at);
        int n;
        try {
            n = new BigDecimal(text).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TemplateException(at, "'" + text + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new TemplateException(at, n + " is outside " + min + " to " + max);
        }
        return n;
    }

    private static Map<?, ?> map(Object value, String at) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new TemplateException(at, "must be a mapping, got " + Intrinsics.describe(value));
        }
        return m;
    }

    private static List<?> list(Object value, String at) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw new TemplateException(at, "must be a list, got " + Intrinsics.describe(value));
        }
        return l;
    }

    private static List<String> strings(Object value, String at) {
        if (value instanceof String s) {
            return List.of(s);
        }
        List<?> items = list(value, at);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(Intrinsics.scalar(items.get(i), at + "[" + i + "]"));
        }
        return out;
    }

    // ---------------------------------------------------------------- functions

    private FunctionDefinition function(Resource r, Map<String, List<NotificationConfiguration>> s3Events,
                                        List<Subscription> subscriptions, Map<String, EventInvokeConfig> invokeConfigs) {
        String name = physicalId(r);
        if (!name.matches("[a-zA-Z0-9-_]{1,64}")) {
            throw new TemplateException(r.propertyPath("FunctionName"), "'" + name + "' is not a valid function name");
        }
        if ("Image".equals(property(r, "PackageType"))) {
            throw new TemplateException(r.propertyPath("PackageType"), "container image functions need Docker;"
                    + " the local runtime runs Zip functions (CodeUri + Handler)");
        }
        if (r.properties().containsKey("InlineCode")) {
            throw new TemplateException(r.propertyPath("InlineCode"), "inline code cannot run in a Java runtime");
        }
        Object codeUri = property(r, "CodeUri");
        if (codeUri == null) {
            throw new TemplateException(r.propertyPath("CodeUri"), "missing: point it at the function's jar");
        }
        if (!(codeUri instanceof String codePath)) {
            throw new TemplateException(r.propertyPath("CodeUri"), "an S3 location cannot run locally; point CodeUri"
                    + " at the built jar (relative to the template)");
        }
        Path code = file.getParent().resolve(codePath).normalize();
        if (!Files.exists(code)) {
            throw new TemplateException(r.propertyPath("CodeUri"), codePath + " does not exist (" + code
                    + "); build it first (./mvnw -DskipTests package, or ./run-local, which builds what is missing)");
        }
        String handler = optionalString(r, "Handler").orElseThrow(
                () -> new TemplateException(r.propertyPath("Handler"), "missing: name the handler, Class::method"));
        if (!HANDLER.matcher(handler).matches()) {
            throw new TemplateException(r.propertyPath("Handler"), "'" + handler + "' is not a Java handler"
                    + " (package.Class or package.Class::method)");
        }
        String runtime = optionalString(r, "Runtime").orElseThrow(
                () -> new TemplateException(r.propertyPath("Runtime"), "missing (java21)"));
        if (!runtime.startsWith("java")) {
            throw new TemplateException(r.propertyPath("Runtime"), runtime + " is not a Java runtime; the local"
                    + " runtime runs java8.al2 to java25 functions");
        }
        int memory = property(r, "MemorySize") == null ? 128
                : integer(property(r, "MemorySize"), r.propertyPath("MemorySize"), 128, 10_240);
        int timeout = property(r, "Timeout") == null ? 3
                : integer(property(r, "Timeout"), r.propertyPath("Timeout"), 1, 900);

        Map<String, String> environment = new LinkedHashMap<>();
        Map<?, ?> env = map(property(r, "Environment"), r.propertyPath("Environment"));
        Map<?, ?> variables = map(env.get("Variables"), r.propertyPath("Environment.Variables"));
        for (Map.Entry<?, ?> v : variables.entrySet()) {
            String key = String.valueOf(v.getKey());
            String at = r.propertyPath("Environment.Variables." + key);
            if (!VARIABLE_NAME.matcher(key).matches()) {
                throw new TemplateException(at, "is not a valid variable name");
            }
            if (RESERVED_VARIABLES.contains(key)) {
                throw new TemplateException(at, "is reserved by Lambda and cannot be set");
            }
            environment.put(key, Intrinsics.scalar(v.getValue(), at));
        }

        if (property(r, "DeadLetterQueue") != null) {
            warnings.add(r.propertyPath("DeadLetterQueue") + ": dead-letter queues are not emulated; failed events"
                    + " go to the EventInvokeConfig OnFailure destination, if any, else are logged");
        }
        EventInvokeConfig invokeConfig = invokeConfigs.containsKey(r.logicalId())
                ? invokeConfigs.get(r.logicalId())
                : eventInvokeConfig(map(property(r, "EventInvokeConfig"), r.propertyPath("EventInvokeConfig")),
                r.propertyPath("EventInvokeConfig"));

        List<HttpRoute> routes = new ArrayList<>();
        Map<?, ?> events = map(r.properties().get("Events"), r.propertyPath("Events"));
        for (Object eventKey : events.keySet()) {
            String eventName = String.valueOf(eventKey);
            String at = r.propertyPath("Events." + eventName);
            Map<?, ?> event = map(intrinsics.resolve(events.get(eventKey), at), at);
            String type = requiredString(event, "Type", at);
            Map<?, ?> p = map(event.get("Properties"), at + ".Properties");
            String pat = at + ".Properties";
            switch (type) {
                case "S3" -> {
                    String bucketName = requiredString(p, "Bucket", pat);
                    Resource bucket = resources.values().stream()
                            .filter(b -> b.type().equals("AWS::S3::Bucket") && physicalId(b).equals(bucketName))
                            .findFirst()
                            .orElseThrow(() -> new TemplateException(pat + ".Bucket", "SAM needs a !Ref to a bucket of"
                                    + " this template; '" + bucketName + "' is none"));
                    for (String s3Event : strings(p.get("Events"), pat + ".Events")) {
                        String[] filter = keyFilter(p.get("Filter"), pat + ".Filter");
                        s3Events.computeIfAbsent(bucket.logicalId(), k -> new ArrayList<>()).add(
                                new NotificationConfiguration(r.logicalId() + eventName, s3Event, filter[0], filter[1],
                                        new FunctionTarget(name)));
                    }
                    if (p.get("Events") == null) {
                        throw new TemplateException(pat + ".Events", "missing (e.g. s3:ObjectCreated:*)");
                    }
                }
                case "SNS" -> {
                    String topicArn = requiredString(p, "Topic", pat);
                    if (p.get("SqsSubscription") != null && !Boolean.FALSE.equals(p.get("SqsSubscription"))
                            && !"false".equals(String.valueOf(p.get("SqsSubscription")))) {
                        warnings.add(pat + ".SqsSubscription: SQS is not emulated; the topic invokes the function directly");
                    }
                    subscriptions.add(new Subscription(topicArn, name, filterPolicy(p.get("FilterPolicy"), pat + ".FilterPolicy"),
                            "MessageBody".equals(p.get("FilterPolicyScope")),
                            topicArn + ":" + uuidFor(topicArn + "/" + r.logicalId() + "/" + eventName)));
                }
                case "HttpApi", "Api" -> {
                    boolean rest = type.equals("Api");
                    String method = string(p, "Method", pat).orElse(rest ? null : "ANY");
                    String path = string(p, "Path", pat).orElse(rest ? null : "$default");
                    if (method == null || path == null) {
                        throw new TemplateException(pat, "an Api event needs Path and Method");
                    }
                    String apiId = rest ? apiLogicalId(p.get("RestApiId"), "ServerlessRestApi")
                            : apiLogicalId(p.get("ApiId"), "ServerlessHttpApi");
                    String format = rest ? "1.0" : string(p, "PayloadFormatVersion", pat).orElse("2.0");
                    routes.add(new HttpRoute(eventName, method.toUpperCase(Locale.ROOT), path, apiId, rest, format));
                }
                default -> warnings.add(at + ": event Type " + type + " is not emulated locally; ignored");
            }
        }
        return new FunctionDefinition(r.logicalId(), name, functionArn(name), handler, code, runtime, memory, timeout,
                environment, invokeConfig, routes, "x86_64", List.of(),
                new FunctionRole(r.logicalId() + "Role", "arn:aws:iam::" + settings.accountId() + ":role/"
                        + r.logicalId() + "Role", List.of(), List.of()));
    }

    // ---------------------------------------------------------------- HTTP APIs

    private static final Pattern ROUTE_PATH = Pattern.compile("/|(/([^/{}+]+|\\{[A-Za-z0-9._-]+}))*(/\\{[A-Za-z0-9._-]+\\+})?");

    /** Each HTTP API with the routes the functions' HttpApi events attach to it (API Gateway refuses duplicates). */
    private List<HttpApiDefinition> httpApis(List<FunctionDefinition> functions) {
        List<HttpApiDefinition> apis = new ArrayList<>();
        Set<String> restApisUsed = new java.util.LinkedHashSet<>();
        for (FunctionDefinition f : functions) {
            for (HttpRoute route : f.httpRoutes()) {
                String at = "Resources." + f.logicalId() + ".Properties.Events." + route.eventName();
                if (route.restApi()) {
                    restApisUsed.add(route.apiId());
                    continue;
                }
                Resource api = resources.get(route.apiId());
                if (api == null || !api.type().equals("AWS::Serverless::HttpApi")) {
                    throw new TemplateException(at + ".Properties.ApiId", "'" + route.apiId()
                            + "' is no AWS::Serverless::HttpApi of this template");
                }
            }
        }
        for (String rest : restApisUsed) {
            warnings.add("Resources." + rest + ": REST APIs (Type: Api) are not served locally; HTTP APIs (Type:"
                    + " HttpApi) are");
        }
        for (Resource r : resources.values()) {
            if (!r.type().equals("AWS::Serverless::HttpApi")) {
                continue;
            }
            Map<String, HttpApiDefinition.Route> byKey = new LinkedHashMap<>();
            for (FunctionDefinition f : functions) {
                for (HttpRoute route : f.httpRoutes()) {
                    if (route.restApi() || !route.apiId().equals(r.logicalId())) {
                        continue;
                    }
                    String at = "Resources." + f.logicalId() + ".Properties.Events." + route.eventName() + ".Properties";
                    boolean isDefault = route.path().equals(HttpApiDefinition.Route.DEFAULT);
                    if (!isDefault && !ROUTE_PATH.matcher(route.path()).matches()) {
                        throw new TemplateException(at + ".Path", "'" + route.path() + "' is not an HTTP API route path"
                                + " (like /media/{id} or /files/{proxy+}, a greedy variable only last)");
                    }
                    if (!route.method().matches("ANY|GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS")) {
                        throw new TemplateException(at + ".Method", "'" + route.method() + "' is not an HTTP method");
                    }
                    if (!route.payloadFormatVersion().equals("2.0") && !route.payloadFormatVersion().equals("1.0")) {
                        throw new TemplateException(at + ".PayloadFormatVersion", "'" + route.payloadFormatVersion()
                                + "' is neither 1.0 nor 2.0");
                    }
                    var definition = new HttpApiDefinition.Route(isDefault ? "ANY" : route.method(), route.path(),
                            f.name(), route.payloadFormatVersion(), f.logicalId() + "." + route.eventName());
                    HttpApiDefinition.Route clash = byKey.putIfAbsent(definition.routeKey(), definition);
                    if (clash != null) {
                        throw new TemplateException(at, "route " + definition.routeKey() + " of " + r.logicalId()
                                + " is declared twice (also by " + clash.eventName() + "); API Gateway refuses that");
                    }
                    if (route.payloadFormatVersion().equals("1.0")) {
                        warnings.add(at + ".PayloadFormatVersion: 1.0 is not emulated locally; "
                                + definition.routeKey() + " gets 2.0 events");
                    }
                }
            }
            apis.add(new HttpApiDefinition(r.logicalId(), physicalId(r), httpApiCors(r), new ArrayList<>(byKey.values())));
        }
        return apis;
    }

    private Optional<HttpApiDefinition.Cors> httpApiCors(Resource r) {
        Object value = property(r, "CorsConfiguration");
        String at = r.propertyPath("CorsConfiguration");
        if (value == null && section("Globals").get("HttpApi") instanceof Map<?, ?> globals
                && globals.get("CorsConfiguration") != null) {
            at = "Globals.HttpApi.CorsConfiguration";
            value = intrinsics.resolve(globals.get("CorsConfiguration"), at);
            value = value == Intrinsics.NO_VALUE ? null : value;
        }
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean || value instanceof String) {
            String flag = Intrinsics.scalar(value, at);
            return switch (flag) {
                case "true" -> Optional.of(HttpApiDefinition.Cors.allowAllOrigins());
                case "false" -> Optional.empty();
                default -> throw new TemplateException(at, "must be true, false or a mapping, got '" + flag + "'");
            };
        }
        Map<?, ?> cors = map(value, at);
        for (Object key : cors.keySet()) {
            if (!Set.of("AllowOrigins", "AllowMethods", "AllowHeaders", "ExposeHeaders", "MaxAge", "AllowCredentials")
                    .contains(String.valueOf(key))) {
                throw new TemplateException(at + "." + key, "unknown CorsConfiguration property (AllowOrigins,"
                        + " AllowMethods, AllowHeaders, ExposeHeaders, MaxAge, AllowCredentials)");
            }
        }
        Optional<Integer> maxAge = cors.get("MaxAge") == null ? Optional.empty()
                : Optional.of(integer(cors.get("MaxAge"), at + ".MaxAge", -1, 86_400));
        boolean credentials = cors.get("AllowCredentials") != null
                && Intrinsics.scalar(cors.get("AllowCredentials"), at + ".AllowCredentials").equals("true");
        return Optional.of(new HttpApiDefinition.Cors(
                cors.get("AllowOrigins") == null ? List.of() : strings(cors.get("AllowOrigins"), at + ".AllowOrigins"),
                cors.get("AllowMethods") == null ? List.of() : strings(cors.get("AllowMethods"), at + ".AllowMethods"),
                cors.get("AllowHeaders") == null ? List.of() : strings(cors.get("AllowHeaders"), at + ".AllowHeaders"),
                cors.get("ExposeHeaders") == null ? List.of() : strings(cors.get("ExposeHeaders"), at + ".ExposeHeaders"),
                maxAge, credentials));
    }

    private String apiLogicalId(Object resolvedRef, String implicit) {
        if (resolvedRef == null) {
            return implicit;
        }
        String id = Intrinsics.text(resolvedRef);
        return resources.values().stream().filter(r -> r.type().startsWith("AWS::Serverless::")
                        && physicalId(r).equals(id)).map(Resource::logicalId).findFirst().orElse(id);
    }

    private static String[] keyFilter(Object filter, String at) {
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
    private static Optional<Map<String, Object>> filterPolicy(Object policy, String at) {
        if (policy == null) {
            return Optional.empty();
        }
        if (policy instanceof String json) {
            try {
                return Optional.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new TemplateException(at, "is not a JSON filter policy: " + e.getOriginalMessage());
            }
        }
        return Optional.of((Map<String, Object>) map(policy, at));
    }

    private EventInvokeConfig eventInvokeConfig(Map<?, ?> config, String at) {
        if (config.isEmpty()) {
            return EventInvokeConfig.DEFAULT;
        }
        int retries = config.get("MaximumRetryAttempts") == null ? 2
                : integer(config.get("MaximumRetryAttempts"), at + ".MaximumRetryAttempts", 0, 2);
        int age = config.get("MaximumEventAgeInSeconds") == null ? 21_600
                : integer(config.get("MaximumEventAgeInSeconds"), at + ".MaximumEventAgeInSeconds", 60, 21_600);
        Map<?, ?> destinations = map(config.get("DestinationConfig"), at + ".DestinationConfig");
        return new EventInvokeConfig(retries, age,
                destination(destinations.get("OnFailure"), at + ".DestinationConfig.OnFailure"),
                destination(destinations.get("OnSuccess"), at + ".DestinationConfig.OnSuccess"));
    }

    private Optional<Destination> destination(Object value, String at) {
        if (value == null) {
            return Optional.empty();
        }
        Map<?, ?> d = map(value, at);
        String arn = string(d, "Destination", at).orElse(null);
        Destination.Type type;
        if (d.get("Type") != null) {
            try {
                type = Destination.Type.parse(Intrinsics.scalar(d.get("Type"), at + ".Type"));
            } catch (IllegalArgumentException e) {
                throw new TemplateException(at + ".Type", e.getMessage());
            }
        } else if (arn != null) {
            type = typeOfArn(arn, at + ".Destination");
        } else {
            throw new TemplateException(at, "needs a Type and a Destination ARN");
        }
        if (arn == null) {
            if (type == Destination.Type.S3 || type == Destination.Type.LAMBDA) {
                throw new TemplateException(at + ".Destination", "missing: the ARN of the "
                        + (type == Destination.Type.S3 ? "bucket" : "function"));
            }
            warnings.add(at + ": " + type + " destinations are not emulated; records are logged");
            return Optional.of(new Destination(type, ""));
        }
        if (type == Destination.Type.S3 && !arn.startsWith("arn:aws:s3:::")) {
            throw new TemplateException(at + ".Destination", "'" + arn + "' is not a bucket ARN (use !GetAtt Bucket.Arn)");
        }
        if (type == Destination.Type.LAMBDA && !arn.startsWith("arn:aws:lambda:")) {
            throw new TemplateException(at + ".Destination", "'" + arn + "' is not a function ARN (use !GetAtt Function.Arn)");
        }
        if (type != Destination.Type.S3 && type != Destination.Type.LAMBDA) {
            warnings.add(at + ": " + type + " destinations are not emulated; records are logged");
        }
        return Optional.of(new Destination(type, arn));
    }

    private static Destination.Type typeOfArn(String arn, String at) {
        String[] parts = arn.split(":");
        String service = parts.length > 2 ? parts[2] : "";
        return switch (service) {
            case "s3" -> Destination.Type.S3;
            case "lambda" -> Destination.Type.LAMBDA;
            case "sqs" -> Destination.Type.SQS;
            case "sns" -> Destination.Type.SNS;
            case "events" -> Destination.Type.EVENT_BRIDGE;
            default -> throw new TemplateException(at, "'" + arn + "' is not an S3, Lambda, SQS, SNS or EventBridge ARN");
        };
    }

    /** AWS::Lambda::EventInvokeConfig resources, by the logical id of the function they configure. */
    private Map<String, EventInvokeConfig> eventInvokeConfigResources() {
        Map<String, EventInvokeConfig> out = new HashMap<>();
        for (Resource r : resources.values()) {
            if (!r.type().equals("AWS::Lambda::EventInvokeConfig")) {
                continue;
            }
            String functionName = optionalString(r, "FunctionName").orElseThrow(
                    () -> new TemplateException(r.propertyPath("FunctionName"), "missing"));
            Resource function = resources.values().stream()
                    .filter(f -> f.type().equals("AWS::Serverless::Function") && physicalId(f).equals(functionName))
                    .findFirst()
                    .orElseThrow(() -> new TemplateException(r.propertyPath("FunctionName"), "'" + functionName
                            + "' is not a function of this template"));
            Map<String, Object> config = new LinkedHashMap<>();
            for (String key : List.of("MaximumRetryAttempts", "MaximumEventAgeInSeconds", "DestinationConfig")) {
                Object value = property(r, key);
                if (value != null) {
                    config.put(key, value);
                }
            }
            out.put(function.logicalId(), eventInvokeConfig(config, r.path() + ".Properties"));
        }
        return out;
    }

    private void checkDestinations(List<FunctionDefinition> functions, List<BucketDefinition> buckets) {
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
                    warnings.add(at + ": destination bucket " + destination.arn() + " is not declared in the template;"
                            + " it must exist on the endpoint");
                }
            }
        }
    }

    // ---------------------------------------------------------------- topics

    private String topicName(Resource r) {
        return physicalId(r);
    }

    private List<Subscription> inlineSubscriptions(Resource r) {
        List<Subscription> out = new ArrayList<>();
        List<?> subscriptions = list(property(r, "Subscription"), r.propertyPath("Subscription"));
        for (int i = 0; i < subscriptions.size(); i++) {
            String at = r.propertyPath("Subscription[" + i + "]");
            Map<?, ?> s = map(subscriptions.get(i), at);
            String protocol = requiredString(s, "Protocol", at);
            String endpoint = requiredString(s, "Endpoint", at);
            if (!protocol.equals("lambda")) {
                warnings.add(at + ": protocol " + protocol + " is not emulated; ignored");
                continue;
            }
            out.add(new Subscription(ref(r), functionNameOfArn(endpoint, at + ".Endpoint"), Optional.empty(), false,
                    ref(r) + ":" + uuidFor(ref(r) + "/" + endpoint)));
        }
        return out;
    }

    private Optional<Subscription> subscription(Resource r) {
        String protocol = optionalString(r, "Protocol").orElseThrow(
                () -> new TemplateException(r.propertyPath("Protocol"), "missing"));
        if (!protocol.equals("lambda")) {
            warnings.add(r.path() + ": protocol " + protocol + " is not emulated; ignored");
            return Optional.empty();
        }
        String topicArn = optionalString(r, "TopicArn").orElseThrow(
                () -> new TemplateException(r.propertyPath("TopicArn"), "missing"));
        String endpoint = optionalString(r, "Endpoint").orElseThrow(
                () -> new TemplateException(r.propertyPath("Endpoint"), "missing"));
        return Optional.of(new Subscription(topicArn, functionNameOfArn(endpoint, r.propertyPath("Endpoint")),
                filterPolicy(property(r, "FilterPolicy"), r.propertyPath("FilterPolicy")),
                "MessageBody".equals(property(r, "FilterPolicyScope")),
                topicArn + ":" + uuidFor(topicArn + "/" + r.logicalId())));
    }

    private String functionNameOfArn(String arn, String at) {
        for (Resource f : resources.values()) {
            if (f.type().equals("AWS::Serverless::Function")) {
                String functionArn = functionArn(physicalId(f));
                if (arn.equals(functionArn) || arn.startsWith(functionArn + ":") || arn.equals(physicalId(f))) {
                    return physicalId(f);
                }
            }
        }
        throw new TemplateException(at, "'" + arn + "' is not a function of this template");
    }

    // ---------------------------------------------------------------- buckets

    private BucketDefinition bucket(Resource r, List<NotificationConfiguration> samEvents,
                                    List<FunctionDefinition> functions, List<TopicDefinition> topics) {
        String name = physicalId(r);
        List<NotificationConfiguration> notifications = new ArrayList<>();
        Map<?, ?> config = map(property(r, "NotificationConfiguration"), r.propertyPath("NotificationConfiguration"));
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
            warnings.add(nat + ".QueueConfigurations: SQS is not emulated; ignored");
        }
        if (config.get("EventBridgeConfiguration") != null) {
            warnings.add(nat + ".EventBridgeConfiguration: EventBridge is not emulated; ignored");
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
        Map<?, ?> corsConfig = map(property(r, "CorsConfiguration"), r.propertyPath("CorsConfiguration"));
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
        String[] filter = keyFilter(c.get("Filter"), at + ".Filter");
        return new NotificationConfiguration(id, event, filter[0], filter[1], target);
    }

    private static String describe(NotificationConfiguration n) {
        return n.event() + (n.prefix().isEmpty() ? "" : " prefix '" + n.prefix() + "'")
                + (n.suffix().isEmpty() ? "" : " suffix '" + n.suffix() + "'") + " → "
                + (n.target() instanceof FunctionTarget f ? f.functionName() : ((TopicTarget) n.target()).topicArn());
    }

    // ---------------------------------------------------------------- tables

    private TableDefinition table(Resource r) {
        String name = physicalId(r);
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name);
        List<?> attributes = list(property(r, "AttributeDefinitions"), r.propertyPath("AttributeDefinitions"));
        List<AttributeDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            String at = r.propertyPath("AttributeDefinitions[" + i + "]");
            Map<?, ?> a = map(attributes.get(i), at);
            String type = requiredString(a, "AttributeType", at);
            if (!Set.of("S", "N", "B").contains(type)) {
                throw new TemplateException(at + ".AttributeType", "is S, N or B, not '" + type + "'");
            }
            definitions.add(AttributeDefinition.builder().attributeName(requiredString(a, "AttributeName", at))
                    .attributeType(ScalarAttributeType.fromValue(type)).build());
        }
        if (definitions.isEmpty()) {
            throw new TemplateException(r.propertyPath("AttributeDefinitions"), "missing");
        }
        request.attributeDefinitions(definitions);
        request.keySchema(keySchema(property(r, "KeySchema"), r.propertyPath("KeySchema"), definitions));
        String billing = optionalString(r, "BillingMode").orElse("PROVISIONED");
        boolean onDemand = billing.equals("PAY_PER_REQUEST");
        if (!onDemand && !billing.equals("PROVISIONED")) {
            throw new TemplateException(r.propertyPath("BillingMode"), "is PAY_PER_REQUEST or PROVISIONED");
        }
        request.billingMode(onDemand ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED);
        if (!onDemand) {
            request.provisionedThroughput(throughput(property(r, "ProvisionedThroughput"), r.propertyPath("ProvisionedThroughput")));
        }
        List<?> gsis = list(property(r, "GlobalSecondaryIndexes"), r.propertyPath("GlobalSecondaryIndexes"));
        List<GlobalSecondaryIndex> globalIndexes = new ArrayList<>();
        for (int i = 0; i < gsis.size(); i++) {
            String at = r.propertyPath("GlobalSecondaryIndexes[" + i + "]");
            Map<?, ?> g = map(gsis.get(i), at);
            GlobalSecondaryIndex.Builder index = GlobalSecondaryIndex.builder()
                    .indexName(requiredString(g, "IndexName", at))
                    .keySchema(keySchema(g.get("KeySchema"), at + ".KeySchema", definitions))
                    .projection(projection(g.get("Projection"), at + ".Projection"));
            if (!onDemand) {
                index.provisionedThroughput(throughput(g.get("ProvisionedThroughput"), at + ".ProvisionedThroughput"));
            }
            globalIndexes.add(index.build());
        }
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }
        List<?> lsis = list(property(r, "LocalSecondaryIndexes"), r.propertyPath("LocalSecondaryIndexes"));
        List<LocalSecondaryIndex> localIndexes = new ArrayList<>();
        for (int i = 0; i < lsis.size(); i++) {
            String at = r.propertyPath("LocalSecondaryIndexes[" + i + "]");
            Map<?, ?> l = map(lsis.get(i), at);
            localIndexes.add(LocalSecondaryIndex.builder()
                    .indexName(requiredString(l, "IndexName", at))
                    .keySchema(keySchema(l.get("KeySchema"), at + ".KeySchema", definitions))
                    .projection(projection(l.get("Projection"), at + ".Projection"))
                    .build());
        }
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }
        Map<?, ?> stream = map(property(r, "StreamSpecification"), r.propertyPath("StreamSpecification"));
        if (!stream.isEmpty()) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(StreamViewType.fromValue(requiredString(stream, "StreamViewType",
                            r.propertyPath("StreamSpecification")))).build());
        }
        Map<?, ?> ttl = map(property(r, "TimeToLiveSpecification"), r.propertyPath("TimeToLiveSpecification"));
        Optional<String> ttlAttribute = Optional.empty();
        if (!ttl.isEmpty() && "true".equals(string(ttl, "Enabled", r.propertyPath("TimeToLiveSpecification")).orElse("false"))) {
            ttlAttribute = Optional.of(requiredString(ttl, "AttributeName", r.propertyPath("TimeToLiveSpecification")));
        }
        return new TableDefinition(r.logicalId(), name, request.build(), ttlAttribute);
    }

    private TableDefinition simpleTable(Resource r) {
        String name = physicalId(r);
        Map<?, ?> key = map(property(r, "PrimaryKey"), r.propertyPath("PrimaryKey"));
        String keyName = string(key, "Name", r.propertyPath("PrimaryKey")).orElse("id");
        String keyType = string(key, "Type", r.propertyPath("PrimaryKey")).orElse("String");
        String type = switch (keyType) {
            case "String" -> "S";
            case "Number" -> "N";
            case "Binary" -> "B";
            default -> throw new TemplateException(r.propertyPath("PrimaryKey.Type"), "is String, Number or Binary");
        };
        Object throughput = property(r, "ProvisionedThroughput");
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(keyName)
                        .attributeType(ScalarAttributeType.fromValue(type)).build())
                .keySchema(KeySchemaElement.builder().attributeName(keyName).keyType(KeyType.HASH).build());
        if (throughput == null) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            request.billingMode(BillingMode.PROVISIONED)
                    .provisionedThroughput(throughput(throughput, r.propertyPath("ProvisionedThroughput")));
        }
        return new TableDefinition(r.logicalId(), name, request.build(), Optional.empty());
    }

    private static List<KeySchemaElement> keySchema(Object value, String at, List<AttributeDefinition> definitions) {
        List<?> elements = list(value, at);
        if (elements.isEmpty() || elements.size() > 2) {
            throw new TemplateException(at, "needs a HASH key and at most one RANGE key");
        }
        List<KeySchemaElement> out = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            String eat = at + "[" + i + "]";
            Map<?, ?> e = map(elements.get(i), eat);
            String attribute = requiredString(e, "AttributeName", eat);
            String keyType = requiredString(e, "KeyType", eat);
            if (!keyType.equals("HASH") && !keyType.equals("RANGE")) {
                throw new TemplateException(eat + ".KeyType", "is HASH or RANGE, not '" + keyType + "'");
            }
            if (definitions.stream().noneMatch(d -> d.attributeName().equals(attribute))) {
                throw new TemplateException(eat + ".AttributeName", "'" + attribute + "' is not in AttributeDefinitions");
            }
            out.add(KeySchemaElement.builder().attributeName(attribute).keyType(KeyType.fromValue(keyType)).build());
        }
        return out;
    }

    private static Projection projection(Object value, String at) {
        Map<?, ?> p = map(value, at);
        String type = string(p, "ProjectionType", at).orElse("KEYS_ONLY");
        Projection.Builder projection = Projection.builder();
        try {
            projection.projectionType(ProjectionType.valueOf(type));
        } catch (IllegalArgumentException e) {
            throw new TemplateException(at + ".ProjectionType", "is ALL, KEYS_ONLY or INCLUDE, not '" + type + "'");
        }
        if (p.get("NonKeyAttributes") != null) {
            projection.nonKeyAttributes(strings(p.get("NonKeyAttributes"), at + ".NonKeyAttributes"));
        }
        return projection.build();
    }

    private static ProvisionedThroughput throughput(Object value, String at) {
        Map<?, ?> t = map(value, at);
        if (t.isEmpty()) {
            throw new TemplateException(at, "missing: a PROVISIONED table needs ReadCapacityUnits and WriteCapacityUnits");
        }
        return ProvisionedThroughput.builder()
                .readCapacityUnits((long) integer(t.get("ReadCapacityUnits"), at + ".ReadCapacityUnits", 1, Integer.MAX_VALUE))
                .writeCapacityUnits((long) integer(t.get("WriteCapacityUnits"), at + ".WriteCapacityUnits", 1, Integer.MAX_VALUE))
                .build();
    }

    // ---------------------------------------------------------------- outputs

    private Map<String, String> outputs() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : section("Outputs").entrySet()) {
            String at = "Outputs." + e.getKey();
            Map<?, ?> output = map(e.getValue(), at);
            if (output.get("Condition") != null
                    && !conditionValue(Intrinsics.scalar(output.get("Condition"), at + ".Condition"), at + ".Condition")) {
                continue;
            }
            Object value = intrinsics.resolve(output.get("Value"), at + ".Value");
            if (value == null || value == Intrinsics.NO_VALUE) {
                throw new TemplateException(at + ".Value", "missing");
            }
            out.put(e.getKey(), value instanceof List<?> l
                    ? String.join(",", l.stream().map(Intrinsics::text).toList()) : Intrinsics.scalar(value, at + ".Value"));
        }
        return out;
    }
}
