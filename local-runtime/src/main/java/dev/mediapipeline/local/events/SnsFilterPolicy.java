package dev.mediapipeline.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * SNS subscription filter policies: on message attributes (the default scope) or on the message body
 * ({@code FilterPolicyScope: MessageBody}, nested keys). Supports exact strings and numbers, {@code prefix},
 * {@code suffix}, {@code anything-but} (values or {@code prefix}), {@code exists}, {@code numeric} ranges,
 * {@code equals-ignore-case}, and {@code $or}. Every key of the policy must match (AND); any value of a key's
 * list may (OR). A message without attributes matches no policy that names attributes, as on SNS.
 */
public final class SnsFilterPolicy {

    private SnsFilterPolicy() {
    }

    /** Policy against message attributes, name to string value (numbers as their text, with Type Number). */
    public static boolean matchesAttributes(Map<String, Object> policy, Map<String, Map<String, String>> attributes) {
        com.fasterxml.jackson.databind.node.ObjectNode values = S3EventFactory.JSON.createObjectNode();
        attributes.forEach((name, attribute) -> {
            String value = attribute.get("Value");
            if ("Number".equals(attribute.get("Type"))) {
                try {
                    values.put(name, new BigDecimal(value));
                    return;
                } catch (NumberFormatException e) {
                    // keep as text
                }
            }
            if ("String.Array".equals(attribute.get("Type"))) {
                try {
                    values.set(name, S3EventFactory.JSON.readTree(value));
                    return;
                } catch (java.io.IOException e) {
                    // keep as text
                }
            }
            values.put(name, value);
        });
        return matches(policy, values);
    }

    /** Policy against a JSON message body. */
    public static boolean matchesBody(Map<String, Object> policy, String body) {
        try {
            return matches(policy, S3EventFactory.JSON.readTree(body));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    static boolean matches(Map<String, Object> policy, JsonNode message) {
        for (Map.Entry<String, Object> e : policy.entrySet()) {
            if (e.getKey().equals("$or")) {
                boolean any = false;
                for (Object alternative : (List<Object>) e.getValue()) {
                    any |= matches((Map<String, Object>) alternative, message);
                }
                if (!any) {
                    return false;
                }
                continue;
            }
            JsonNode value = message == null ? null : message.get(e.getKey());
            if (e.getValue() instanceof Map<?, ?> nested) {
                if (!nestedMatches((Map<String, Object>) nested, value)) {
                    return false;
                }
                continue;
            }
            List<Object> conditions = e.getValue() instanceof List<?> l ? (List<Object>) l : List.of(e.getValue());
            boolean any = false;
            for (Object condition : conditions) {
                any |= valueMatches(condition, value);
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** A nested policy applies to an object, or to any object of an array (SNS flattens arrays). */
    private static boolean nestedMatches(Map<String, Object> policy, JsonNode value) {
        if (value == null) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isObject() && matches(policy, item)) {
                    return true;
                }
            }
            return false;
        }
        return value.isObject() && matches(policy, value);
    }

    @SuppressWarnings("unchecked")
    private static boolean valueMatches(Object condition, JsonNode value) {
        if (condition instanceof Map<?, ?> operator) {
            Map<String, Object> op = (Map<String, Object>) operator;
            if (op.containsKey("exists")) {
                return Boolean.TRUE.equals(op.get("exists")) == (value != null && !value.isNull());
            }
            if (value == null || value.isNull()) {
                return false;
            }
            if (value.isArray()) {
                for (JsonNode item : value) {
                    if (valueMatches(condition, item)) {
                        return true;
                    }
                }
                return false;
            }
            if (op.containsKey("prefix")) {
                return value.isTextual() && value.asText().startsWith(String.valueOf(op.get("prefix")));
            }
            if (op.containsKey("suffix")) {
                return value.isTextual() && value.asText().endsWith(String.valueOf(op.get("suffix")));
            }
            if (op.containsKey("equals-ignore-case")) {
                return value.isTextual() && value.asText().equalsIgnoreCase(String.valueOf(op.get("equals-ignore-case")));
            }
            if (op.containsKey("anything-but")) {
                Object excluded = op.get("anything-but");
                if (excluded instanceof Map<?, ?> m && m.containsKey("prefix")) {
                    return !(value.isTextual() && value.asText().startsWith(String.valueOf(m.get("prefix"))));
                }
                List<Object> values = excluded instanceof List<?> l ? (List<Object>) l : List.of(excluded);
                for (Object v : values) {
                    if (scalarEquals(v, value)) {
                        return false;
                    }
                }
                return true;
            }
            if (op.containsKey("numeric")) {
                if (!value.isNumber()) {
                    return false;
                }
                List<Object> terms = (List<Object>) op.get("numeric");
                BigDecimal number = value.decimalValue();
                for (int i = 0; i + 1 < terms.size(); i += 2) {
                    int c = number.compareTo(new BigDecimal(String.valueOf(terms.get(i + 1))));
                    boolean ok = switch (String.valueOf(terms.get(i))) {
                        case "=" -> c == 0;
                        case "<" -> c < 0;
                        case "<=" -> c <= 0;
                        case ">" -> c > 0;
                        case ">=" -> c >= 0;
                        default -> false;
                    };
                    if (!ok) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (scalarEquals(condition, item)) {
                    return true;
                }
            }
            return false;
        }
        return scalarEquals(condition, value);
    }

    private static boolean scalarEquals(Object condition, JsonNode value) {
        if (condition instanceof Number n) {
            return value.isNumber() && value.decimalValue().compareTo(new BigDecimal(n.toString())) == 0;
        }
        if (condition instanceof Boolean b) {
            return value.isBoolean() && value.asBoolean() == b;
        }
        return value.isTextual() && value.asText().equals(String.valueOf(condition));
    }
}
