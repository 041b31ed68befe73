package dev.mediapipeline.local.template;

import static dev.mediapipeline.local.template.Values.map;
import static dev.mediapipeline.local.template.Values.optionalStrings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM policy documents, resolved, as {@link PolicyStatement}s: Action/NotAction and Resource/NotResource as lists
 * (a single string is a list of one), Effect checked, Condition as operator to key to values (all strings). A
 * Resource that is neither {@code *} nor an ARN is refused: IAM refuses such a policy.
 */
final class PolicyDocuments {

    private PolicyDocuments() {
    }

    /** The statements of a resolved policy document found at {@code at}; {@code source} names the policy. */
    static List<PolicyStatement> statements(Object document, String at, String source) {
        Map<?, ?> doc = map(document, at);
        Object statement = doc.get("Statement");
        if (statement == null) {
            throw new TemplateException(at + ".Statement", "missing: a policy document has a Statement");
        }
        List<?> items = statement instanceof List<?> l ? l : List.of(statement);
        String sat = at + ".Statement";
        List<PolicyStatement> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String iat = statement instanceof List<?> ? sat + "[" + i + "]" : sat;
            out.add(statement(map(items.get(i), iat), iat, source));
        }
        return out;
    }

    private static PolicyStatement statement(Map<?, ?> s, String at, String source) {
        String sid = s.get("Sid") == null ? "" : Intrinsics.scalar(s.get("Sid"), at + ".Sid");
        String effectText = s.get("Effect") == null ? null : Intrinsics.scalar(s.get("Effect"), at + ".Effect");
        PolicyStatement.Effect effect = switch (effectText == null ? "" : effectText) {
            case "Allow" -> PolicyStatement.Effect.ALLOW;
            case "Deny" -> PolicyStatement.Effect.DENY;
            default -> throw new TemplateException(at + ".Effect", effectText == null ? "missing (Allow or Deny)"
                    : "is Allow or Deny, not '" + effectText + "'");
        };
        List<String> actions = optionalStrings(s.get("Action"), at + ".Action");
        List<String> notActions = optionalStrings(s.get("NotAction"), at + ".NotAction");
        if (actions.isEmpty() == notActions.isEmpty()) {
            throw new TemplateException(at, "a statement has either Action or NotAction");
        }
        List<String> resources = arns(s.get("Resource"), at + ".Resource");
        List<String> notResources = arns(s.get("NotResource"), at + ".NotResource");
        if (resources.isEmpty() == notResources.isEmpty()) {
            throw new TemplateException(at, "a statement of an identity policy has either Resource or NotResource");
        }
        return new PolicyStatement(sid, effect, actions, notActions, resources, notResources,
                conditions(s.get("Condition"), at + ".Condition"), source);
    }

    private static List<String> arns(Object value, String at) {
        List<String> arns = optionalStrings(value, at);
        for (int i = 0; i < arns.size(); i++) {
            String arn = arns.get(i);
            if (!arn.equals("*") && !(arn.startsWith("arn:") && arn.split(":", -1).length >= 6)) {
                throw new TemplateException(value instanceof List<?> ? at + "[" + i + "]" : at, "'" + arn
                        + "' is neither * nor an ARN (arn:partition:service:region:account:resource); IAM refuses it");
            }
        }
        return arns;
    }

    private static Map<String, Map<String, List<String>>> conditions(Object value, String at) {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> operator : map(value, at).entrySet()) {
            String oat = at + "." + operator.getKey();
            Map<String, List<String>> keys = new LinkedHashMap<>();
            for (Map.Entry<?, ?> key : map(operator.getValue(), oat).entrySet()) {
                keys.put(String.valueOf(key.getKey()), optionalStrings(key.getValue(), oat + "." + key.getKey()));
            }
            out.put(String.valueOf(operator.getKey()), keys);
        }
        return out;
    }
}
