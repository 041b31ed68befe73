package dev.mediapipeline.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SAM's rules for the {@code Globals} section: a function's own value of a property wins over the global one for
 * single values (an intrinsic function counts as a single value); mappings are merged key by key, recursively, the
 * function winning on conflicts; lists are additive, the global entries first.
 */
final class SamGlobals {

    private SamGlobals() {
    }

    static Map<String, Object> merge(Map<String, Object> global, Map<String, Object> local) {
        Map<String, Object> out = new LinkedHashMap<>(global);
        for (Map.Entry<String, Object> e : local.entrySet()) {
            out.put(e.getKey(), mergeValue(global.get(e.getKey()), e.getValue()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValue(Object global, Object local) {
        if (global == null) {
            return local;
        }
        if (global instanceof Map<?, ?> g && local instanceof Map<?, ?> l
                && !Intrinsics.isIntrinsic(g) && !Intrinsics.isIntrinsic(l)) {
            return merge((Map<String, Object>) g, (Map<String, Object>) l);
        }
        if (global instanceof List<?> g && local instanceof List<?> l) {
            List<Object> out = new ArrayList<>(g);
            out.addAll(l);
            return out;
        }
        return local;
    }
}
