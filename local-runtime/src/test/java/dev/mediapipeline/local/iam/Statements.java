package dev.mediapipeline.local.iam;

import dev.mediapipeline.local.template.PolicyStatement;
import java.util.List;
import java.util.Map;

/** Policy statements written the way a template's would be, for tests. */
public final class Statements {

    private Statements() {
    }

    public static PolicyStatement allow(List<String> actions, List<String> resources) {
        return statement(PolicyStatement.Effect.ALLOW, actions, resources, Map.of());
    }

    public static PolicyStatement deny(List<String> actions, List<String> resources) {
        return statement(PolicyStatement.Effect.DENY, actions, resources, Map.of());
    }

    public static PolicyStatement statement(PolicyStatement.Effect effect, List<String> actions, List<String> resources,
                                     Map<String, Map<String, List<String>>> conditions) {
        return new PolicyStatement("", effect, actions, List.of(), resources, List.of(), conditions, "test policy");
    }
}
