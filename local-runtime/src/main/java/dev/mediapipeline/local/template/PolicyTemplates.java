package dev.mediapipeline.local.template;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * aws-sam-translator's own data, shipped as resources of this module (Apache-2.0, see the NOTICE beside them): its
 * SAM policy templates ({@code sam-policy-templates.json}, the translator's policy_templates.json unchanged) and its
 * map of AWS managed policy names to ARNs ({@code aws-managed-policies.json}, the "aws" partition). A template is
 * expanded exactly as the translator's {@code Template.to_statement} does: every {@code Ref} to one of the template's
 * parameters is replaced by the value given (as written, intrinsics and all); the caller resolves the result.
 */
final class PolicyTemplates {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Map<String, Object>> TEMPLATES = templates();
    private static final Map<String, String> MANAGED_POLICIES = read("aws-managed-policies.json",
            new TypeReference<>() { });

    private PolicyTemplates() {
    }

    static boolean has(String name) {
        return TEMPLATES.containsKey(name);
    }

    /** The ARN of an AWS managed policy SAM knows by name ({@code AmazonS3ReadOnlyAccess}). */
    static Optional<String> managedPolicyArn(String name) {
        return Optional.ofNullable(MANAGED_POLICIES.get(name));
    }

    /**
     * The policy document of template {@code name} with {@code values} (the mapping the template gives it, not yet
     * resolved). Refuses, as the translator does, values that are not a mapping or that miss a parameter.
     */
    static Object expand(String name, Object values, String at) {
        Map<String, Object> template = TEMPLATES.get(name);
        if (!(values instanceof Map<?, ?> given)) {
            throw new TemplateException(at, "Must specify valid parameter values for policy template '" + name
                    + "' (a mapping of its parameters: " + parameters(template).keySet() + ")");
        }
        TreeSet<String> missing = new TreeSet<>(parameters(template).keySet());
        missing.removeAll(given.keySet().stream().map(String::valueOf).toList());
        if (!missing.isEmpty()) {
            throw new TemplateException(at, "Following required parameters of template '" + name
                    + "' don't have values: " + missing);
        }
        return substitute(template.get("Definition"), parameters(template), given);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(Map<String, Object> template) {
        Object parameters = template.get("Parameters");
        return parameters instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
    }

    private static Object substitute(Object node, Map<String, Object> parameters, Map<?, ?> values) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Ref") instanceof String ref && parameters.containsKey(ref)) {
                return values.get(ref);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), substitute(v, parameters, values)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(substitute(item, parameters, values)));
            return out;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> templates() {
        Map<String, Object> file = read("sam-policy-templates.json", new TypeReference<>() { });
        return (Map<String, Map<String, Object>>) file.get("Templates");
    }

    private static <T> T read(String resource, TypeReference<T> type) {
        try (InputStream in = PolicyTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the local runtime");
            }
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
