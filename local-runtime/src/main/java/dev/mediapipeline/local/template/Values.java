package dev.mediapipeline.local.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of resolved template values; every failure names the place in the template. */
final class Values {

    private Values() {
    }

    static Optional<String> string(Map<?, ?> map, String key, String at) {
        Object value = map.get(key);
        return value == null ? Optional.empty() : Optional.of(Intrinsics.scalar(value, at + "." + key));
    }

    static String requiredString(Map<?, ?> map, String key, String at) {
        return string(map, key, at).orElseThrow(() -> new TemplateException(at + "." + key, "missing"));
    }

    static int integer(Object value, String at, int min, int max) {
        String text = Intrinsics.scalar(value, at);
        int n;
        try {
            n = new BigDecimal(text).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TemplateException(at, "'" + text + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new TemplateException(at, n + " is outside " + min + " to " + max);
        }
        return n;
    }

    static Map<?, ?> map(Object value, String at) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new TemplateException(at, "must be a mapping, got " + Intrinsics.describe(value));
        }
        return m;
    }

    static List<?> list(Object value, String at) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw new TemplateException(at, "must be a list, got " + Intrinsics.describe(value));
        }
        return l;
    }

    /** A single value or a list of them, as strings (IAM's Action, Resource, condition values; S3 event types). */
    static List<String> strings(Object value, String at) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return List.of(Intrinsics.text(value));
        }
        List<?> items = list(value, at);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(Intrinsics.scalar(items.get(i), at + "[" + i + "]"));
        }
        return out;
    }

    /** Like {@link #strings} but an absent value is an empty list. */
    static List<String> optionalStrings(Object value, String at) {
        return value == null ? List.of() : strings(value, at);
    }
}
