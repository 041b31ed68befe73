package dev.mediapipeline.local.iam;

import dev.mediapipeline.local.template.PolicyStatement;
import java.util.List;

/**
 * Evaluates identity-based policy statements as IAM does: a matching Deny wins; otherwise a matching Allow
 * allows; otherwise the request is implicitly denied. A statement matches when its {@code Action} (or
 * {@code NotAction}) covers the action, its {@code Resource} (or {@code NotResource}) covers the ARN, and its
 * conditions hold. Actions match case-insensitively, resources case-sensitively, both with {@code *}/{@code ?}.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    public static Decision evaluate(List<PolicyStatement> statements, AccessRequest request) {
        PolicyStatement allowing = null;
        for (PolicyStatement statement : statements) {
            if (!coversAction(statement, request.action()) || !coversResource(statement, request.resource())) {
                continue;
            }
            Conditions.Result conditions = Conditions.evaluate(statement.conditions(), request);
            if (statement.effect() == PolicyStatement.Effect.DENY) {
                // an operator we cannot evaluate fails closed: the Deny applies
                if (conditions != Conditions.Result.NO_MATCH) {
                    return new Decision.ExplicitDeny(statement);
                }
            } else if (conditions == Conditions.Result.MATCH && allowing == null) {
                allowing = statement;
            }
        }
        return allowing != null ? new Decision.Allowed(allowing) : new Decision.ImplicitDeny();
    }

    static boolean coversAction(PolicyStatement statement, String action) {
        if (!statement.actions().isEmpty()) {
            return statement.actions().stream().anyMatch(p -> Wildcard.matches(p, action, true));
        }
        if (!statement.notActions().isEmpty()) {
            return statement.notActions().stream().noneMatch(p -> Wildcard.matches(p, action, true));
        }
        return false;
    }

    static boolean coversResource(PolicyStatement statement, String resource) {
        if (!statement.resources().isEmpty()) {
            return statement.resources().stream().anyMatch(p -> Wildcard.matches(p, resource, false));
        }
        if (!statement.notResources().isEmpty()) {
            return statement.notResources().stream().noneMatch(p -> Wildcard.matches(p, resource, false));
        }
        return false;
    }
}
