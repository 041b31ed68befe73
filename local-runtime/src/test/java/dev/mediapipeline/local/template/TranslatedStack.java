package dev.mediapipeline.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.local.template.FunctionView.Route;
import dev.mediapipeline.local.template.FunctionView.S3Notification;
import dev.mediapipeline.local.template.FunctionView.SnsSubscription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CloudFormation that aws-sam-translator made of a template, every intrinsic resolved with the local runtime's
 * settings (its {@link Intrinsics} over a scope of the translated resources), read back into {@link FunctionView}s.
 * Deliberately independent of the runtime's readers: only names and intrinsics are shared.
 */
final class TranslatedStack {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TemplateContext context;

    @SuppressWarnings("unchecked")
    TranslatedStack(JsonNode cloudFormation, Map<String, String> parameters) {
        Map<String, Object> document = JSON.convertValue(cloudFormation, Map.class);
        context = new TemplateContext(Path.of("translated.json").toAbsolutePath(), document,
                TemplateLoader.Settings.LOCAL);
        TemplateParameters.resolve(context, parameters);
        new ResourceCollector(context).collectResources();
    }

    /** Logical ids of the translated AWS::Lambda::Functions. */
    List<String> functionIds() {
        return context.resourcesOfType("AWS::Lambda::Function").map(TemplateResource::logicalId).toList();
    }

    FunctionView function(String logicalId) {
        TemplateResource f = context.resources.get(logicalId);
        String name = context.names.physicalId(f);
        String arn = context.names.functionArn(name);
        Map<?, ?> invokeConfig = context.resourcesOfType("AWS::Lambda::EventInvokeConfig")
                .filter(c -> name.equals(text(c, "FunctionName")))
                .map(TemplateResource::properties).findFirst().orElse(Map.of());
        Map<?, ?> destinations = (Map<?, ?>) context.resolve(invokeConfig.get("DestinationConfig"), "DestinationConfig");
        Object architectures = resolved(f, "Architectures");
        String roleArn = text(f, "Role");
        return new FunctionView(text(f, "Handler"), text(f, "Runtime"), number(f, "MemorySize", 128),
                number(f, "Timeout", 3), environment(f), strings(resolved(f, "Layers")),
                architectures == null ? "x86_64" : String.join(",", strings(architectures)),
                invokeConfig.get("MaximumRetryAttempts") == null ? 2
                        : Integer.parseInt(Intrinsics.text(invokeConfig.get("MaximumRetryAttempts"))),
                invokeConfig.get("MaximumEventAgeInSeconds") == null ? 21_600
                        : Integer.parseInt(Intrinsics.text(invokeConfig.get("MaximumEventAgeInSeconds"))),
                destination(destinations, "OnFailure"), destination(destinations, "OnSuccess"),
                subscriptions(arn), notifications(arn), routes(arn), roleArn, statements(roleArn),
                managedPolicyArns(roleArn));
    }

    private Object resolved(TemplateResource r, String property) {
        return context.property(r, property);
    }

    private String text(TemplateResource r, String property) {
        Object value = resolved(r, property);
        return value == null ? null : Intrinsics.text(value);
    }

    private int number(TemplateResource r, String property, int otherwise) {
        String value = text(r, property);
        return value == null ? otherwise : Integer.parseInt(value);
    }

    private Map<String, String> environment(TemplateResource f) {
        Map<String, String> out = new LinkedHashMap<>();
        if (resolved(f, "Environment") instanceof Map<?, ?> env && env.get("Variables") instanceof Map<?, ?> vars) {
            vars.forEach((k, v) -> out.put(String.valueOf(k), Intrinsics.text(v)));
        }
        return out;
    }

    private static Optional<String> destination(Map<?, ?> destinations, String event) {
        if (destinations != null && destinations.get(event) instanceof Map<?, ?> d) {
            return Optional.of(Intrinsics.text(d.get("Destination")));
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private Set<SnsSubscription> subscriptions(String functionArn) {
        Set<SnsSubscription> out = new HashSet<>();
        context.resourcesOfType("AWS::SNS::Subscription")
                .filter(s -> "lambda".equals(text(s, "Protocol")) && functionArn.equals(text(s, "Endpoint")))
                .forEach(s -> {
                    Object policy = resolved(s, "FilterPolicy");
                    if (policy instanceof String json) {
                        try {
                            policy = JSON.readValue(json, Map.class);
                        } catch (JsonProcessingException e) {
                            throw new AssertionError("translated FilterPolicy is not JSON: " + json, e);
                        }
                    }
                    out.add(new SnsSubscription(text(s, "TopicArn"),
                            policy == null ? Map.of() : (Map<String, Object>) policy,
                            "MessageBody".equals(text(s, "FilterPolicyScope"))));
                });
        return out;
    }

    private Set<S3Notification> notifications(String functionArn) {
        Set<S3Notification> out = new HashSet<>();
        context.resourcesOfType("AWS::S3::Bucket").forEach(b -> {
            if (!(resolved(b, "NotificationConfiguration") instanceof Map<?, ?> config)
                    || !(config.get("LambdaConfigurations") instanceof List<?> lambdas)) {
                return;
            }
            for (Object item : lambdas) {
                Map<?, ?> c = (Map<?, ?>) item;
                if (!functionArn.equals(Intrinsics.text(c.get("Function")))) {
                    continue;
                }
                String prefix = "";
                String suffix = "";
                if (c.get("Filter") instanceof Map<?, ?> filter && filter.get("S3Key") instanceof Map<?, ?> key) {
                    for (Object rule : (List<?>) key.get("Rules")) {
                        Map<?, ?> r = (Map<?, ?>) rule;
                        String value = Intrinsics.text(r.get("Value"));
                        if (Intrinsics.text(r.get("Name")).equalsIgnoreCase("prefix")) {
                            prefix = value;
                        } else {
                            suffix = value;
                        }
                    }
                }
                out.add(new S3Notification(context.names.physicalId(b), Intrinsics.text(c.get("Event")), prefix,
                        suffix));
            }
        });
        return out;
    }

    /** Routes of the OpenAPI bodies SAM writes for HTTP and REST APIs whose integration invokes the function. */
    private Set<Route> routes(String functionArn) {
        Set<Route> out = new HashSet<>();
        context.resourcesOfType("AWS::ApiGatewayV2::Api", "AWS::ApiGateway::RestApi").forEach(api -> {
            if (!(resolved(api, "Body") instanceof Map<?, ?> body) || !(body.get("paths") instanceof Map<?, ?> paths)) {
                return;
            }
            paths.forEach((path, methods) -> ((Map<?, ?>) methods).forEach((method, operation) -> {
                if (operation instanceof Map<?, ?> op
                        && op.get("x-amazon-apigateway-integration") instanceof Map<?, ?> integration
                        && Intrinsics.text(integration.get("uri")).contains(functionArn + "/invocations")) {
                    String m = String.valueOf(method);
                    out.add(new Route(api.logicalId(), m.equals("x-amazon-apigateway-any-method") ? "ANY"
                            : m.toUpperCase(Locale.ROOT), String.valueOf(path)));
                }
            }));
        });
        return out;
    }

    private Optional<TemplateResource> role(String roleArn) {
        return context.resourcesOfType("AWS::IAM::Role")
                .filter(r -> roleArn.equals(context.names.attribute(r, "Arn", r.path())))
                .findFirst();
    }

    /** The role's inline policies, the template's managed policies it names, then the policies naming it. */
    private List<PolicyStatement> statements(String roleArn) {
        List<PolicyStatement> out = new ArrayList<>();
        role(roleArn).ifPresent(role -> {
            if (resolved(role, "Policies") instanceof List<?> policies) {
                for (Object p : policies) {
                    Map<?, ?> policy = (Map<?, ?>) p;
                    out.addAll(normalise(policy.get("PolicyDocument"), Intrinsics.text(policy.get("PolicyName"))));
                }
            }
            List<String> attached = strings(resolved(role, "ManagedPolicyArns"));
            context.resourcesOfType("AWS::IAM::ManagedPolicy")
                    .filter(p -> attached.contains(context.names.ref(p)))
                    .forEach(p -> out.addAll(normalise(resolved(p, "PolicyDocument"), p.logicalId())));
            String roleName = context.names.physicalId(role);
            context.resourcesOfType("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")
                    .filter(p -> strings(resolved(p, "Roles")).contains(roleName)
                            && !attached.contains(context.names.ref(p)))
                    .forEach(p -> out.addAll(normalise(resolved(p, "PolicyDocument"),
                            p.is("AWS::IAM::Policy") ? text(p, "PolicyName") : p.logicalId())));
        });
        return out;
    }

    private List<String> managedPolicyArns(String roleArn) {
        return role(roleArn).map(role -> {
            Set<String> own = new HashSet<>();
            context.resourcesOfType("AWS::IAM::ManagedPolicy").forEach(p -> own.add(context.names.ref(p)));
            return strings(resolved(role, "ManagedPolicyArns")).stream().filter(a -> !own.contains(a)).toList();
        }).orElse(List.of());
    }

    private static List<PolicyStatement> normalise(Object document, String source) {
        Object statement = ((Map<?, ?>) document).get("Statement");
        List<?> items = statement instanceof List<?> l ? l : List.of(statement);
        List<PolicyStatement> out = new ArrayList<>();
        for (Object item : items) {
            Map<?, ?> s = (Map<?, ?>) item;
            Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
            if (s.get("Condition") instanceof Map<?, ?> c) {
                c.forEach((op, keys) -> {
                    Map<String, List<String>> byKey = new LinkedHashMap<>();
                    ((Map<?, ?>) keys).forEach((k, v) -> byKey.put(String.valueOf(k), strings(v)));
                    conditions.put(String.valueOf(op), byKey);
                });
            }
            out.add(new PolicyStatement(s.get("Sid") == null ? "" : Intrinsics.text(s.get("Sid")),
                    PolicyStatement.Effect.valueOf(Intrinsics.text(s.get("Effect")).toUpperCase(Locale.ROOT)),
                    strings(s.get("Action")), strings(s.get("NotAction")), strings(s.get("Resource")),
                    strings(s.get("NotResource")), conditions, source));
        }
        return out;
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Intrinsics::text).toList();
        }
        return List.of(Intrinsics.text(value));
    }
}
