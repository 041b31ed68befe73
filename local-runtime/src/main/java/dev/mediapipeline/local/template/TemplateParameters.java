package dev.mediapipeline.local.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The template's Parameters: overrides, else defaults, each checked against its type and constraints. */
final class TemplateParameters {

    private TemplateParameters() {
    }

    static void resolve(TemplateContext context, Map<String, String> overrides) {
        Map<String, Object> definitions = context.section("Parameters");
        for (String name : overrides.keySet()) {
            if (!definitions.containsKey(name)) {
                throw new TemplateException("Parameters", "--parameter-overrides names '" + name
                        + "', which the template does not declare (it declares " + String.join(", ", definitions.keySet()) + ")");
            }
        }
        for (Map.Entry<String, Object> e : definitions.entrySet()) {
            String name = e.getKey();
            String at = "Parameters." + name;
            if (!(e.getValue() instanceof Map<?, ?> definition)) {
                throw new TemplateException(at, "must be a mapping with at least a Type");
            }
            String type = definition.get("Type") == null ? null : Intrinsics.text(definition.get("Type"));
            if (type == null) {
                throw new TemplateException(at + ".Type", "missing");
            }
            String raw;
            String source;
            if (overrides.containsKey(name)) {
                raw = overrides.get(name);
                source = "--parameter-overrides value";
            } else if (definition.containsKey("Default")) {
                Object d = definition.get("Default");
                raw = d instanceof List<?> l ? String.join(",", l.stream().map(Intrinsics::text).toList()) : Intrinsics.text(d);
                source = "Default";
            } else {
                throw new TemplateException(at, "has no Default: give a value with --parameter-overrides " + name + "=...");
            }
            context.parameterValues.put(name, parameterValue(context, at, type, raw, source, definition));
        }
    }

    private static Object parameterValue(TemplateContext context, String at, String type, String raw, String source, Map<?, ?> definition) {
        List<String> allowed = definition.get("AllowedValues") instanceof List<?> l
                ? l.stream().map(Intrinsics::text).toList() : List.of();
        String description = definition.containsKey("ConstraintDescription")
                ? " (" + definition.get("ConstraintDescription") + ")" : "";
        switch (type) {
            case "Number" -> {
                BigDecimal number = number(at, raw, source);
                checkRange(at, number, definition, source, description);
                checkAllowed(at, raw, allowed, source);
                return raw.trim();
            }
            case "List<Number>", "CommaDelimitedList" -> {
                List<String> items = new ArrayList<>();
                for (String item : raw.split(",", -1)) {
                    String value = type.equals("CommaDelimitedList") ? item : item.trim();
                    if (type.equals("List<Number>")) {
                        number(at, value, source);
                    }
                    checkAllowed(at, value, allowed, source);
                    items.add(value);
                }
                return List.copyOf(items);
            }
            default -> {
                if (!type.equals("String")) {
                    context.warn(at + ": type " + type + " is treated as String locally");
                }
                if (definition.get("AllowedPattern") != null) {
                    String pattern = Intrinsics.text(definition.get("AllowedPattern"));
                    try {
                        if (!Pattern.compile(pattern).matcher(raw).matches()) {
                            throw new TemplateException(at, "the " + source + " '" + raw + "' does not match AllowedPattern "
                                    + pattern + description);
                        }
                    } catch (PatternSyntaxException e) {
                        throw new TemplateException(at + ".AllowedPattern", "is not a valid pattern: " + e.getDescription());
                    }
                }
                if (definition.get("MinLength") != null && raw.length() < number(at + ".MinLength",
                        Intrinsics.text(definition.get("MinLength")), "MinLength").intValue()) {
                    throw new TemplateException(at, "the " + source + " '" + raw + "' is shorter than MinLength " + definition.get("MinLength"));
                }
                if (definition.get("MaxLength") != null && raw.length() > number(at + ".MaxLength",
                        Intrinsics.text(definition.get("MaxLength")), "MaxLength").intValue()) {
                    throw new TemplateException(at, "the " + source + " '" + raw + "' is longer than MaxLength " + definition.get("MaxLength"));
                }
                checkAllowed(at, raw, allowed, source);
                return raw;
            }
        }
    }

    private static BigDecimal number(String at, String raw, String source) {
        try {
            return new BigDecimal(raw.trim());
        } catch (NumberFormatException e) {
            throw new TemplateException(at, "the " + source + " '" + raw + "' is not a number");
        }
    }

    private static void checkRange(String at, BigDecimal number, Map<?, ?> definition, String source, String description) {
        if (definition.get("MinValue") != null
                && number.compareTo(number(at + ".MinValue", Intrinsics.text(definition.get("MinValue")), "MinValue")) < 0) {
            throw new TemplateException(at, "the " + source + " " + number + " is below MinValue "
                    + definition.get("MinValue") + description);
        }
        if (definition.get("MaxValue") != null
                && number.compareTo(number(at + ".MaxValue", Intrinsics.text(definition.get("MaxValue")), "MaxValue")) > 0) {
            throw new TemplateException(at, "the " + source + " " + number + " is above MaxValue "
                    + definition.get("MaxValue") + description);
        }
    }

    private static void checkAllowed(String at, String value, List<String> allowed, String source) {
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            throw new TemplateException(at, "the " + source + " '" + value + "' is not one of AllowedValues " + allowed);
        }
    }
}
