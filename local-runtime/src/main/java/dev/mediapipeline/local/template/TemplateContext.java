package dev.mediapipeline.local.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What every reader of one template shares: the document, the settings AWS would supply, the resolved parameters,
 * the resources that exist after their Conditions, and the intrinsic functions evaluated over them.
 */
final class TemplateContext {

    final Path file;
    final TemplateLoader.Settings settings;
    final Map<String, Object> document;
    final Map<String, Object> parameterValues = new LinkedHashMap<>();
    final Map<String, TemplateResource> resources = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    final Intrinsics intrinsics;
    final ResourceNames names;
    private final Map<String, Object> conditionDefinitions;
    private final Map<String, Boolean> conditionValues = new HashMap<>();
    private final Set<String> conditionsInProgress = new LinkedHashSet<>();
    private final Map<String, Object> mappings;

    TemplateContext(Path file, Map<String, Object> document, TemplateLoader.Settings settings) {
        this.file = file;
        this.document = document;
        this.settings = settings;
        this.conditionDefinitions = section("Conditions");
        this.mappings = section("Mappings");
        this.names = new ResourceNames(this);
        this.intrinsics = new Intrinsics(new Scope());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> section(String name) {
        Object value = document.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new TemplateException(name, "must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    Map<String, Object> conditionDefinitions() {
        return conditionDefinitions;
    }

    Stream<TemplateResource> resourcesOfType(String... types) {
        Set<String> wanted = Set.of(types);
        return resources.values().stream().filter(r -> wanted.contains(r.type()));
    }

    boolean conditionValue(String name, String at) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        if (!conditionDefinitions.containsKey(name)) {
            throw new TemplateException(at, "no condition named '" + name + "' in Conditions");
        }
        if (!conditionsInProgress.add(name)) {
            throw new TemplateException("Conditions." + name, "refers to itself through " + conditionsInProgress);
        }
        try {
            boolean value = intrinsics.evaluateCondition(conditionDefinitions.get(name), "Conditions." + name);
            conditionValues.put(name, value);
            return value;
        } finally {
            conditionsInProgress.remove(name);
        }
    }

    /** Resolves every intrinsic in a value; null when it is absent or AWS::NoValue. */
    Object resolve(Object raw, String at) {
        if (raw == null) {
            return null;
        }
        Object value = intrinsics.resolve(raw, at);
        return value == Intrinsics.NO_VALUE ? null : value;
    }

    Object property(TemplateResource r, String name) {
        return resolve(r.properties().get(name), r.propertyPath(name));
    }

    Optional<String> optionalString(TemplateResource r, String name) {
        Object value = property(r, name);
        return value == null ? Optional.empty() : Optional.of(Intrinsics.scalar(value, r.propertyPath(name)));
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    private final class Scope implements Intrinsics.Scope {

        @Override
        public Object ref(String name, String path) {
            Object pseudo = names.pseudo(name);
            if (pseudo != null) {
                return pseudo;
            }
            if (parameterValues.containsKey(name)) {
                return parameterValues.get(name);
            }
            TemplateResource resource = resources.get(name);
            if (resource == null) {
                if (section("Resources").containsKey(name)) {
                    throw new TemplateException(path, "refers to " + name + ", which its Condition leaves out");
                }
                return null;
            }
            return names.ref(resource);
        }

        @Override
        public Object getAtt(String logicalId, String attribute, String path) {
            TemplateResource resource = resources.get(logicalId);
            if (resource == null) {
                throw new TemplateException(path, section("Resources").containsKey(logicalId)
                        ? "refers to " + logicalId + ", which its Condition leaves out"
                        : "no resource named '" + logicalId + "'");
            }
            return names.attribute(resource, attribute, path);
        }

        @Override
        public boolean condition(String name, String path) {
            return conditionValue(name, path);
        }

        @Override
        public Map<String, Object> mappings() {
            return mappings;
        }
    }
}
