package dev.mediapipeline.local.template;

import java.util.Map;
import java.util.Optional;

/**
 * A function subscribed to a topic: a SAM {@code Type: SNS} event, or an {@code AWS::SNS::Subscription} with
 * protocol {@code lambda}.
 *
 * @param filterPolicy      the subscription's FilterPolicy, if any
 * @param filterOnBody      FilterPolicyScope MessageBody (the policy applies to the message's JSON) instead of
 *                          MessageAttributes
 * @param subscriptionArn   the topic ARN plus a stable id, as SNS puts it in {@code EventSubscriptionArn}
 */
public record Subscription(String topicArn, String functionName, Optional<Map<String, Object>> filterPolicy,
                           boolean filterOnBody, String subscriptionArn) {
}
