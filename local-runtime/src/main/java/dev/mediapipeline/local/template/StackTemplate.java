package dev.mediapipeline.local.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the local runtime runs: the template's resources with every parameter, condition and intrinsic resolved.
 *
 * @param parameters resolved parameter values (lists joined by commas)
 * @param httpApis   the HTTP APIs with their routes (served by the local runtime's web port)
 * @param outputs    resolved Outputs, for the banner
 * @param warnings   what the template declares but the local runtime does not emulate
 */
public record StackTemplate(Path file, String stackName, String region, String accountId,
                            Map<String, String> parameters, List<BucketDefinition> buckets, List<TopicDefinition> topics,
                            List<Subscription> subscriptions, List<FunctionDefinition> functions,
                            List<TableDefinition> tables, List<HttpApiDefinition> httpApis, Map<String, String> outputs,
                            List<String> warnings) {

    public StackTemplate {
        parameters = Map.copyOf(parameters);
        buckets = List.copyOf(buckets);
        topics = List.copyOf(topics);
        subscriptions = List.copyOf(subscriptions);
        functions = List.copyOf(functions);
        tables = List.copyOf(tables);
        httpApis = List.copyOf(httpApis);
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        warnings = List.copyOf(warnings);
    }

    /** A function by logical id or function name. */
    public Optional<FunctionDefinition> function(String nameOrLogicalId) {
        return functions.stream()
                .filter(f -> f.logicalId().equals(nameOrLogicalId) || f.name().equals(nameOrLogicalId))
                .findFirst();
    }

    public Optional<BucketDefinition> bucket(String name) {
        return buckets.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    public Optional<TopicDefinition> topicByArn(String arn) {
        return topics.stream().filter(t -> t.arn().equals(arn)).findFirst();
    }
}
