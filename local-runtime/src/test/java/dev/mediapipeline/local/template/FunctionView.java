package dev.mediapipeline.local.template;

import dev.mediapipeline.local.template.NotificationConfiguration.FunctionTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the conformance test compares of one function, every value a plain string: as the local runtime read it
 * ({@link #of}), or as read from aws-sam-translator's CloudFormation ({@link TranslatedStack#function}).
 */
record FunctionView(String handler, String runtime, int memorySizeMb, int timeoutSeconds,
                    Map<String, String> environment, List<String> layers, String architecture,
                    int maximumRetryAttempts, int maximumEventAgeSeconds, Optional<String> onFailure,
                    Optional<String> onSuccess, Set<SnsSubscription> subscriptions,
                    Set<S3Notification> notifications, Set<Route> routes, String roleArn,
                    List<PolicyStatement> statements, List<String> managedPolicyArns) {

    /** An SNS subscription of the function: topic, filter policy (empty when none) and whether it reads the body. */
    record SnsSubscription(String topicArn, Map<String, Object> filterPolicy, boolean filterOnBody) {
    }

    /** A bucket notification configuration that invokes the function. */
    record S3Notification(String bucket, String event, String prefix, String suffix) {
    }

    /** An HTTP API route to the function. */
    record Route(String api, String method, String path) {
    }

    static FunctionView of(FunctionDefinition f, StackTemplate stack) {
        EventInvokeConfig config = f.eventInvokeConfig();
        Set<SnsSubscription> subscriptions = stack.subscriptions().stream()
                .filter(s -> s.functionName().equals(f.name()))
                .map(s -> new SnsSubscription(s.topicArn(), s.filterPolicy().orElse(Map.of()), s.filterOnBody()))
                .collect(Collectors.toSet());
        Set<S3Notification> notifications = stack.buckets().stream()
                .flatMap(b -> b.notifications().stream()
                        .filter(n -> n.target().equals(new FunctionTarget(f.name())))
                        .map(n -> new S3Notification(b.name(), n.event(), n.prefix(), n.suffix())))
                .collect(Collectors.toSet());
        Set<Route> routes = f.httpRoutes().stream()
                .map(r -> new Route(r.apiId(), r.method(), r.path()))
                .collect(Collectors.toSet());
        return new FunctionView(f.handler(), f.runtime(), f.memorySizeMb(), f.timeoutSeconds(), f.environment(),
                f.layers(), f.architecture(), config.maximumRetryAttempts(), config.maximumEventAgeSeconds(),
                config.onFailure().map(Destination::arn), config.onSuccess().map(Destination::arn), subscriptions,
                notifications, routes, f.role().arn(), f.role().statements(), f.role().managedPolicyArns());
    }
}
