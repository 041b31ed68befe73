package dev.mediapipeline.local.events;

import dev.mediapipeline.local.template.StackTemplate;
import dev.mediapipeline.local.template.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template's SNS topics: a published message goes to every function subscribed to the topic whose filter
 * policy it passes, each in its own SNS envelope, by asynchronous invocation (SNS invokes Lambda asynchronously).
 */
public final class SnsTopics {

    private static final Logger LOG = LoggerFactory.getLogger(SnsTopics.class);

    private final StackTemplate template;
    private final AsyncInvoker invoker;

    public SnsTopics(StackTemplate template, AsyncInvoker invoker) {
        this.template = template;
        this.invoker = invoker;
    }

    /** Returns the message id; no subscriber is fine (SNS accepts the message and delivers it to nobody). */
    public String publish(String topicArn, String subject, String message, Map<String, Map<String, String>> attributes) {
        if (template.topicByArn(topicArn).isEmpty()) {
            throw new IllegalArgumentException("no topic " + topicArn + " in the template");
        }
        String messageId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        for (Subscription subscription : template.subscriptions()) {
            if (!subscription.topicArn().equals(topicArn)) {
                continue;
            }
            if (subscription.filterPolicy().isPresent()) {
                boolean passes = subscription.filterOnBody()
                        ? SnsFilterPolicy.matchesBody(subscription.filterPolicy().get(), message)
                        : SnsFilterPolicy.matchesAttributes(subscription.filterPolicy().get(), attributes);
                if (!passes) {
                    LOG.debug("message {} of {} filtered out for {}", messageId, topicArn, subscription.functionName());
                    continue;
                }
            }
            String envelope = SnsEnvelope.wrap(topicArn, subscription.subscriptionArn(), messageId, subject, message,
                    now, attributes, template.region()).toString();
            invoker.invokeAsync(subscription.functionName(), envelope.getBytes(StandardCharsets.UTF_8));
        }
        return messageId;
    }
}
