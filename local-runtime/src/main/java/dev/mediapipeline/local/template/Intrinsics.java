package dev.mediapipeline.local.template;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.charset.StandardCharsets;

/**
 * Evaluates CloudFormation intrinsic functions in a value of the template: {@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::If}, {@code Fn::Equals},
 * {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}, {@code Fn::FindInMap}, {@code Fn::Base64}, {@code Fn::GetAZs}
 * and {@code Condition}. {@code AWS::NoValue} removes the property or list element it stands for. Every failure
 * names the place in the template.
 */
final class Intrinsics {

    /** What Ref and GetAtt point at; implemented by the template loader. */
    interface Scope {

        /** The value of a parameter or pseudo parameter, or of a resource's Ref; null when no such name. */
        Object ref(String name, String path);

        /** A resource attribute; throws a TemplateException naming the path when unknown. */
        Object getAtt(String logicalId, String attribute, String path);

        boolean condition(String name, String path);

        Map<String, Object> mappings();
    }

    /** The value of {@code AWS::NoValue}: the property it is given to is removed. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    static final Set<String> FUNCTION_NAMES = Set.of("Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select",
            "Fn::Split", "Fn::If", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Fn::FindInMap", "Fn::Base64",
            "Fn::GetAZs", "Fn::ImportValue", "Fn::Cidr", "Fn::Transform", "Condition", "Fn::Length",
            "Fn::ToJsonString");

    private final Scope scope;

    Intrinsics(Scope scope) {
        this.scope = scope;
    }

    /** Whether a value is a single-key map naming an intrinsic function. */
    static boolean isIntrinsic(Object value) {
        return value instanceof Map<?, ?> map && map.size() == 1
                && FUNCTION_NAMES.contains(String.valueOf(map.keySet().iterator().next()))
                && !"Condition".equals(map.keySet().iterator().next());
    }

    /** Resolves every intrinsic in a value; may return {@link #NO_VALUE}. */
    Object resolve(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (FUNCTION_NAMES.contains(key) && !key.equals("Condition")) {
                    return call(key, map.values().iterator().next(), path);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object resolved = resolve(e.getValue(), path + "." + key);
                if (resolved != NO_VALUE) {
                    out.put(key, resolved);
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Object resolved = resolve(list.get(i), path + "[" + i + "]");
                if (resolved != NO_VALUE) {
                    out.add(resolved);
                }
            }
            return out;
        }
        return value;
    }

    /** Evaluates a condition expression (a Conditions entry, or the first argument of Fn::If via its name). */
    boolean evaluateCondition(Object expression, String path) {
        if (expression instanceof Map<?, ?> map && map.size() == 1) {
            String fn = String.valueOf(map.keySet().iterator().next());
            Object arg = map.values().iterator().next();
            switch (fn) {
                case "Condition" -> {
                    return scope.condition(scalar(arg, path + ".Condition"), path + ".Condition");
                }
                case "Fn::Equals" -> {
                    List<?> args = list(arg, 2, path + ".Fn::Equals");
                    Object left = resolve(args.get(0), path + ".Fn::Equals[0]");
                    Object right = resolve(args.get(1), path + ".Fn::Equals[1]");
                    return text(left).equals(text(right));
                }
                case "Fn::Not" -> {
                    List<?> args = list(arg, 1, path + ".Fn::Not");
                    return !evaluateCondition(args.get(0), path + ".Fn::Not[0]");
                }
                case "Fn::And", "Fn::Or" -> {
                    if (!(arg instanceof List<?> args) || args.size() < 2 || args.size() > 10) {
                        throw new TemplateException(path + "." + fn, "takes a list of 2 to 10 conditions");
                    }
                    boolean and = fn.equals("Fn::And");
                    boolean result = and;
                    for (int i = 0; i < args.size(); i++) {
                        boolean c = evaluateCondition(args.get(i), path + "." + fn + "[" + i + "]");
                        result = and ? result && c : result || c;
                    }
                    return result;
                }
                default -> {
                    // a function that yields a boolean-ish value, e.g. a Ref to a parameter holding "true"
                }
            }
        }
        if (expression instanceof String name && !name.equals("true") && !name.equals("false")) {
            return scope.condition(name, path);
        }
        Object resolved = resolve(expression, path);
        if (resolved instanceof Boolean b) {
            return b;
        }
        if ("true".equalsIgnoreCase(String.valueOf(resolved))) {
            return true;
        }
        if ("false".equalsIgnoreCase(String.valueOf(resolved))) {
            return false;
        }
        throw new TemplateException(path, "is not a condition (Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition)");
    }

    private Object call(String fn, Object arg, String path) {
        String at = path + "." + fn;
        switch (fn) {
            case "Ref" -> {
                String name = scalar(arg, at);
                if (name.equals("AWS::NoValue")) {
                    return NO_VALUE;
                }
                Object value = scope.ref(name, at);
                if (value == null) {
                    throw new TemplateException(at, "no parameter, resource or pseudo parameter named '" + name + "'");
                }
                return value;
            }
            case "Fn::GetAtt" -> {
                List<?> args;
                if (arg instanceof String s) {
                    int dot = s.indexOf('.');
                    if (dot < 0) {
                        throw new TemplateException(at, "takes LogicalId.Attribute, got '" + s + "'");
                    }
                    args = List.of(s.substring(0, dot), s.substring(dot + 1));
                } else {
                    args = list(arg, 2, at);
                }
                String logicalId = scalar(resolve(args.get(0), at + "[0]"), at + "[0]");
                String attribute = scalar(resolve(args.get(1), at + "[1]"), at + "[1]");
                return scope.getAtt(logicalId, attribute, at);
            }
            case "Fn::Sub" -> {
                return sub(arg, at);
            }
            case "Fn::Join" -> {
                List<?> args = list(arg, 2, at);
                String delimiter = scalar(resolve(args.get(0), at + "[0]"), at + "[0]");
                Object values = resolve(args.get(1), at + "[1]");
                if (!(values instanceof List<?> items)) {
                    throw new TemplateException(at + "[1]", "must be a list of values to join");
                }
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    parts.add(scalar(items.get(i), at + "[1][" + i + "]"));
                }
                return String.join(delimiter, parts);
            }
            case "Fn::Select" -> {
                List<?> args = list(arg, 2, at);
                String indexText = scalar(resolve(args.get(0), at + "[0]"), at + "[0]");
                int index;
                try {
                    index = Integer.parseInt(indexText);
                } catch (NumberFormatException e) {
                    throw new TemplateException(at + "[0]", "index must be a number, got '" + indexText + "'");
                }
                Object values = resolve(args.get(1), at + "[1]");
                if (!(values instanceof List<?> items)) {
                    throw new TemplateException(at + "[1]", "must be a list");
                }
                if (index < 0 || index >= items.size()) {
                    throw new TemplateException(at, "index " + index + " is outside the list of " + items.size());
                }
                return items.get(index);
            }
            case "Fn::Split" -> {
                List<?> args = list(arg, 2, at);
                String delimiter = scalar(resolve(args.get(0), at + "[0]"), at + "[0]");
                String source = scalar(resolve(args.get(1), at + "[1]"), at + "[1]");
                if (delimiter.isEmpty()) {
                    throw new TemplateException(at + "[0]", "delimiter must not be empty");
                }
                List<Object> parts = new ArrayList<>();
                int from = 0;
                while (true) {
                    int next = source.indexOf(delimiter, from);
                    if (next < 0) {
                        parts.add(source.substring(from));
                        break;
                    }
                    parts.add(source.substring(from, next));
                    from = next + delimiter.length();
                }
                return parts;
            }
            case "Fn::If" -> {
                List<?> args = list(arg, 3, at);
                String condition = scalar(args.get(0), at + "[0]");
                return scope.condition(condition, at + "[0]")
                        ? resolve(args.get(1), at + "[1]")
                        : resolve(args.get(2), at + "[2]");
            }
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> {
                Map<String, Object> expression = new LinkedHashMap<>();
                expression.put(fn, arg);
                return evaluateCondition(expression, path);
            }
            case "Fn::FindInMap" -> {
                if (!(arg instanceof List<?> args) || args.size() < 3 || args.size() > 4) {
                    throw new TemplateException(at, "takes [MapName, TopLevelKey, SecondLevelKey]");
                }
                String mapName = scalar(resolve(args.get(0), at + "[0]"), at + "[0]");
                String top = scalar(resolve(args.get(1), at + "[1]"), at + "[1]");
                String second = scalar(resolve(args.get(2), at + "[2]"), at + "[2]");
                Object map = scope.mappings().get(mapName);
                Object level = map instanceof Map<?, ?> m ? m.get(top) : null;
                Object value = level instanceof Map<?, ?> l ? l.get(second) : null;
                if (value == null && args.size() == 4 && args.get(3) instanceof Map<?, ?> options
                        && options.containsKey("DefaultValue")) {
                    return resolve(options.get("DefaultValue"), at + "[3].DefaultValue");
                }
                if (map == null) {
                    throw new TemplateException(at + "[0]", "no mapping named '" + mapName + "' in Mappings");
                }
                if (value == null) {
                    throw new TemplateException(at, "mapping '" + mapName + "' has no entry " + top + "." + second);
                }
                return value;
            }
            case "Fn::Base64" -> {
                String text = scalar(resolve(arg, at), at);
                return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
            }
            case "Fn::GetAZs" -> {
                Object region = scope.ref("AWS::Region", at);
                return List.of(region + "a", region + "b", region + "c");
            }
            case "Fn::Length" -> {
                Object values = resolve(arg, at);
                if (!(values instanceof List<?> items)) {
                    throw new TemplateException(at, "must be a list");
                }
                return items.size();
            }
            default -> throw new TemplateException(at, fn + " is not supported by the local runtime"
                    + (fn.equals("Fn::ImportValue") ? " (there are no other stacks to import from)" : ""));
        }
    }

    private Object sub(Object arg, String at) {
        String template;
        Map<String, Object> variables = Map.of();
        if (arg instanceof String s) {
            template = s;
        } else if (arg instanceof List<?> args && args.size() == 2 && args.get(0) instanceof String s
                && args.get(1) instanceof Map<?, ?> vars) {
            template = s;
            Map<String, Object> resolvedVars = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : vars.entrySet()) {
                resolvedVars.put(String.valueOf(e.getKey()), resolve(e.getValue(), at + "[1]." + e.getKey()));
            }
            variables = resolvedVars;
        } else {
            throw new TemplateException(at, "takes a string, or [string, {variables}]");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf("${", i);
            if (start < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, start);
            int end = template.indexOf('}', start);
            if (end < 0) {
                throw new TemplateException(at, "unclosed ${ in '" + template + "'");
            }
            String name = template.substring(start + 2, end);
            if (name.startsWith("!")) {
                out.append("${").append(name.substring(1)).append('}');
            } else {
                name = name.trim();
                Object value;
                if (variables.containsKey(name)) {
                    value = variables.get(name);
                } else if (name.contains(".") && !name.startsWith("AWS::")) {
                    int dot = name.indexOf('.');
                    value = scope.getAtt(name.substring(0, dot), name.substring(dot + 1), at);
                } else {
                    value = scope.ref(name, at);
                    if (value == null) {
                        throw new TemplateException(at, "${" + name + "} names no parameter, resource or pseudo parameter");
                    }
                }
                if (value instanceof List<?>) {
                    throw new TemplateException(at, "${" + name + "} is a list; Fn::Sub needs a single value");
                }
                out.append(text(value));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static List<?> list(Object arg, int size, String at) {
        if (!(arg instanceof List<?> args) || args.size() != size) {
            throw new TemplateException(at, "takes a list of " + size + " arguments");
        }
        return args;
    }

    static String scalar(Object value, String at) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return text(value);
        }
        if (value == NO_VALUE) {
            throw new TemplateException(at, "AWS::NoValue is not allowed here");
        }
        throw new TemplateException(at, "must be a single value, got " + describe(value));
    }

    static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    static String describe(Object value) {
        if (value instanceof Map<?, ?> m) {
            return "a mapping with keys " + m.keySet();
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return value == null ? "nothing" : "'" + value + "'";
    }
}
