package dev.mediapipeline.local.template;

import static dev.mediapipeline.local.template.Values.list;
import static dev.mediapipeline.local.template.Values.map;
import static dev.mediapipeline.local.template.Values.requiredString;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SNS topics and their Lambda subscriptions: inline ({@code Subscription}) and {@code AWS::SNS::Subscription}. */
final class TopicReader {

    private final TemplateContext context;
    final List<TopicDefinition> topics = new ArrayList<>();
    final List<Subscription> subscriptions = new ArrayList<>();

    TopicReader(TemplateContext context) {
        this.context = context;
    }

    /** Reads every topic and subscription; then checks that {@code functionSubscriptions} name topics that exist. */
    void read(List<Subscription> functionSubscriptions) {
        subscriptions.addAll(functionSubscriptions);
        for (TemplateResource r : context.resources.values()) {
            if (r.is("AWS::SNS::Topic")) {
                topics.add(new TopicDefinition(r.logicalId(), context.names.physicalId(r), context.names.ref(r)));
                subscriptions.addAll(inlineSubscriptions(r));
            } else if (r.is("AWS::SNS::Subscription")) {
                subscription(r).ifPresent(subscriptions::add);
            }
        }
        for (Subscription s : subscriptions) {
            if (topics.stream().noneMatch(t -> t.arn().equals(s.topicArn()))) {
                throw new TemplateException("Resources", "function " + s.functionName() + " subscribes to topic "
                        + s.topicArn() + ", which the template does not declare");
            }
        }
    }

    private List<Subscription> inlineSubscriptions(TemplateResource r) {
        List<Subscription> out = new ArrayList<>();
        List<?> declared = list(context.property(r, "Subscription"), r.propertyPath("Subscription"));
        String topicArn = context.names.ref(r);
        for (int i = 0; i < declared.size(); i++) {
            String at = r.propertyPath("Subscription[" + i + "]");
            Map<?, ?> s = map(declared.get(i), at);
            String protocol = requiredString(s, "Protocol", at);
            String endpoint = requiredString(s, "Endpoint", at);
            if (!protocol.equals("lambda")) {
                context.warn(at + ": protocol " + protocol + " is not emulated; ignored");
                continue;
            }
            out.add(new Subscription(topicArn, functionName(endpoint, at + ".Endpoint"), Optional.empty(), false,
                    topicArn + ":" + ResourceNames.uuidFor(topicArn + "/" + endpoint)));
        }
        return out;
    }

    private Optional<Subscription> subscription(TemplateResource r) {
        String protocol = context.optionalString(r, "Protocol").orElseThrow(
                () -> new TemplateException(r.propertyPath("Protocol"), "missing"));
        if (!protocol.equals("lambda")) {
            context.warn(r.path() + ": protocol " + protocol + " is not emulated; ignored");
            return Optional.empty();
        }
        String topicArn = context.optionalString(r, "TopicArn").orElseThrow(
                () -> new TemplateException(r.propertyPath("TopicArn"), "missing"));
        String endpoint = context.optionalString(r, "Endpoint").orElseThrow(
                () -> new TemplateException(r.propertyPath("Endpoint"), "missing"));
        return Optional.of(new Subscription(topicArn, functionName(endpoint, r.propertyPath("Endpoint")),
                EventSourceReader.filterPolicy(context.property(r, "FilterPolicy"), r.propertyPath("FilterPolicy")),
                "MessageBody".equals(context.property(r, "FilterPolicyScope")),
                topicArn + ":" + ResourceNames.uuidFor(topicArn + "/" + r.logicalId())));
    }

    private String functionName(String arn, String at) {
        return context.names.physicalId(context.names.functionOfArn(arn, at));
    }
}
