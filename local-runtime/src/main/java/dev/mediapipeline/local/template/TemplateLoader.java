package dev.mediapipeline.local.template;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a SAM template into the {@link StackTemplate} the local runtime runs, reading it the way aws-sam-translator
 * and CloudFormation do: parameters (defaults and overrides, with their constraints checked), pseudo parameters,
 * conditions, SAM Globals, intrinsic functions, and the resources the runtime emulates (S3 buckets and their
 * notifications, SNS topics and subscriptions, functions with their events, async-invoke configuration, layers,
 * architecture and execution role with its policies, DynamoDB tables, HTTP APIs). Resource types that do not change
 * behaviour locally are accepted; other unknown types are ignored with a warning. Anything SAM would refuse, or the
 * runtime cannot run the way AWS would, fails at once with the resource and property named, never half a stack.
 *
 * <p>The readers, one per concern: {@link TemplateParameters}, {@link ResourceCollector}, {@link ResourceNames},
 * {@link FunctionReader} (with {@link EventSourceReader}, {@link InvokeConfigReader}, {@link RoleReader}),
 * {@link TopicReader}, {@link BucketReader}, {@link TableReader}, {@link HttpApiReader}.
 */
public final class TemplateLoader {

    /** What AWS would supply: the stack's name, region and account. */
    public record Settings(String stackName, String region, String accountId) {

        public static final Settings LOCAL = new Settings("media-pipeline", "us-east-1", "000000000000");
    }

    private TemplateLoader() {
    }

    public static StackTemplate load(Path file, Map<String, String> parameterOverrides) {
        return load(file, parameterOverrides, Settings.LOCAL);
    }

    public static StackTemplate load(Path file, Map<String, String> parameterOverrides, Settings settings) {
        Path absolute = file.toAbsolutePath().normalize();
        return build(new TemplateContext(absolute, CloudFormationYaml.read(absolute), settings), parameterOverrides);
    }

    /** For tests: a template given as text, CodeUri paths relative to {@code directory}. */
    public static StackTemplate parse(String yaml, Path directory, Map<String, String> parameterOverrides) {
        Path file = directory.toAbsolutePath().normalize().resolve("template.yaml");
        return build(new TemplateContext(file, CloudFormationYaml.parse(yaml, "template.yaml"), Settings.LOCAL),
                parameterOverrides);
    }

    private static StackTemplate build(TemplateContext context, Map<String, String> overrides) {
        ResourceCollector collector = new ResourceCollector(context);
        collector.checkTransform();
        TemplateParameters.resolve(context, overrides);
        collector.collectResources();
        collector.validateReferences();

        EventSourceReader events = new EventSourceReader(context);
        List<FunctionDefinition> functions = new FunctionReader(context, events).functions();
        TopicReader topics = new TopicReader(context);
        topics.read(events.subscriptions);
        List<BucketDefinition> buckets = new BucketReader(context).buckets(events.s3Events, functions, topics.topics);
        InvokeConfigReader.checkDestinations(context, functions, buckets);
        List<TableDefinition> tables = new TableReader(context).tables();
        List<HttpApiDefinition> httpApis = new HttpApiReader(context).httpApis(functions);
        Map<String, String> outputs = outputs(context);
        Map<String, String> parameters = new LinkedHashMap<>();
        context.parameterValues.forEach((k, v) -> parameters.put(k, v instanceof List<?> l
                ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(v)));
        var settings = context.settings;
        return new StackTemplate(context.file, settings.stackName(), settings.region(), settings.accountId(),
                parameters, buckets, topics.topics, topics.subscriptions, functions, tables, httpApis, outputs,
                context.warnings);
    }

    private static Map<String, String> outputs(TemplateContext context) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : context.section("Outputs").entrySet()) {
            String at = "Outputs." + e.getKey();
            Map<?, ?> output = Values.map(e.getValue(), at);
            if (output.get("Condition") != null
                    && !context.conditionValue(Intrinsics.scalar(output.get("Condition"), at + ".Condition"), at + ".Condition")) {
                continue;
            }
            Object value = context.intrinsics.resolve(output.get("Value"), at + ".Value");
            if (value == null || value == Intrinsics.NO_VALUE) {
                throw new TemplateException(at + ".Value", "missing");
            }
            out.put(e.getKey(), value instanceof List<?> l
                    ? String.join(",", l.stream().map(Intrinsics::text).toList()) : Intrinsics.scalar(value, at + ".Value"));
        }
        return out;
    }
}
