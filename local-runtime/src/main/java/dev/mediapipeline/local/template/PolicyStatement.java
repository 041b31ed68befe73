package dev.mediapipeline.local.template;

import java.util.List;
import java.util.Map;

/**
 * One statement of an IAM policy attached to a function's role, every intrinsic resolved, exactly as the
 * CloudFormation that aws-sam-translator makes would hold it (SAM policy templates expanded, the destination
 * policies SAM adds, inline statements, customer managed policies of the template).
 *
 * @param sid          the statement's Sid, or empty
 * @param effect       Allow or Deny
 * @param actions      Action, e.g. {@code s3:GetObject}, {@code dynamodb:*}, with {@code *}/{@code ?} wildcards
 * @param notActions   NotAction (exclusive with actions)
 * @param resources    Resource ARNs, with wildcards
 * @param notResources NotResource (exclusive with resources)
 * @param conditions   operator -> condition key -> values, e.g. {@code StringLike -> s3:prefix -> [work/*]}
 * @param source       where it came from, for messages: the policy name the translator gives it
 */
public record PolicyStatement(String sid, Effect effect, List<String> actions, List<String> notActions,
                              List<String> resources, List<String> notResources,
                              Map<String, Map<String, List<String>>> conditions, String source) {

    public enum Effect { ALLOW, DENY }

    public PolicyStatement {
        actions = List.copyOf(actions);
        notActions = List.copyOf(notActions);
        resources = List.copyOf(resources);
        notResources = List.copyOf(notResources);
        conditions = Map.copyOf(conditions);
    }
}
