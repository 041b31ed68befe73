package dev.mediapipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** The shared event fixtures in the repository's {@code events/} folder, and JSON structure comparison. */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("events")) ? here : here.getParent();
    }

    public static Path event(String name) {
        return projectRoot().resolve("events").resolve(name);
    }

    public static JsonNode eventJson(String name) {
        try {
            return JSON.readTree(event(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every field path of a JSON document with the JSON type found there: its structure. */
    public static Map<String, String> shape(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        shape(node, "$", out);
        return out;
    }

    private static void shape(JsonNode node, String path, Map<String, String> out) {
        out.put(path, node.getNodeType().name());
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                shape(e.getValue(), path + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                shape(item, path + "[]", out);
            }
        }
    }
}
