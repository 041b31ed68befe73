package dev.mediapipeline.it.template;

import dev.mediapipeline.local.template.CloudFormationYaml;
import dev.mediapipeline.testing.TemplateTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameter values AWS's template tools check {@code template.yaml} with, derived from the template itself: its
 * defaults, plus one case per allowed value of every parameter that changes the template's shape. Such a parameter
 * has {@code AllowedValues} and is referenced in {@code Conditions} or in a resource's (or the {@code Globals}')
 * properties other than environment variables (e.g. {@code Architectures: [!Ref Architecture]}). A parameter read
 * only as a function's environment variable changes behaviour, not the template's shape.
 */
final class TemplateCases {

    /** One run of a tool: a name for the report and the parameter values given (the rest take their defaults). */
    record Case(String name, Map<String, String> parameters) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    private TemplateCases() {
    }

    /** The project's template.yaml. */
    static Path projectTemplate() {
        return TemplateTables.projectTemplate();
    }

    /** The cases for the project's template.yaml (JUnit {@code @MethodSource}). */
    static List<Case> ofProjectTemplate() {
        return of(CloudFormationYaml.read(projectTemplate()));
    }

    /** The defaults first, then {@code Parameter=value} for every allowed value of every shape parameter. */
    static List<Case> of(Map<String, Object> template) {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("defaults", Map.of()));
        Map<String, Object> parameters = mapping(template.get("Parameters"));
        for (String parameter : shapeParameters(template)) {
            for (Object value : list(mapping(parameters.get(parameter)).get("AllowedValues"))) {
                String text = String.valueOf(value);
                cases.add(new Case(parameter + "=" + text, Map.of(parameter, text)));
            }
        }
        return cases;
    }

    /** The parameters with {@code AllowedValues} that conditions or resource properties refer to, in template order. */
    static Set<String> shapeParameters(Map<String, Object> template) {
        Set<String> referenced = new LinkedHashSet<>();
        collectReferences(template.get("Conditions"), referenced);
        collectReferences(template.get("Globals"), referenced);
        collectReferences(template.get("Resources"), referenced);
        Set<String> shape = new LinkedHashSet<>();
        mapping(template.get("Parameters")).forEach((name, definition) -> {
            if (referenced.contains(name) && !list(mapping(definition).get("AllowedValues")).isEmpty()) {
                shape.add(name);
            }
        });
        return shape;
    }

    /** A copy of the project's template in {@code dir} with {@code original} replaced by {@code replacement} once. */
    static Path copyWith(Path dir, String original, String replacement) {
        try {
            String text = Files.readString(projectTemplate(), StandardCharsets.UTF_8);
            if (!text.contains(original)) {
                throw new IllegalStateException("template.yaml no longer contains '" + original + "': update this test");
            }
            return Files.writeString(dir.resolve("template.yaml"), text.replaceFirst(Pattern.quote(original),
                    Matcher.quoteReplacement(replacement)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names given to {@code Ref} or used as {@code ${Name}} in {@code Fn::Sub}, skipping environment variables. */
    private static void collectReferences(Object node, Set<String> into) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object value = e.getValue();
                if (key.equals("Environment")) {
                    continue;
                }
                if (key.equals("Ref") && value instanceof String name) {
                    into.add(name);
                } else if (key.equals("Fn::Sub")) {
                    Object text = value instanceof List<?> l && !l.isEmpty() ? l.getFirst() : value;
                    if (text instanceof String s) {
                        Matcher m = SUB_REFERENCE.matcher(s);
                        while (m.find()) {
                            into.add(m.group(1));
                        }
                    }
                    if (value instanceof List<?> l && l.size() > 1) {
                        collectReferences(l.get(1), into);
                    }
                } else {
                    collectReferences(value, into);
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectReferences(item, into));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object node) {
        return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<?> list(Object node) {
        return node instanceof List<?> l ? l : List.of();
    }
}
