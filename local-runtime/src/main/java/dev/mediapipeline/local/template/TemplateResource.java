package dev.mediapipeline.local.template;

import java.util.Map;

/**
 * A resource of the template after its Condition was applied (and SAM Globals merged into functions).
 *
 * @param implicit created by SAM rather than declared (a function's role, version and alias; the implicit APIs)
 */
record TemplateResource(String logicalId, String type, Map<String, Object> properties, boolean implicit) {

    String path() {
        return "Resources." + logicalId;
    }

    String propertyPath(String property) {
        return path() + ".Properties." + property;
    }

    boolean is(String resourceType) {
        return type.equals(resourceType);
    }
}
