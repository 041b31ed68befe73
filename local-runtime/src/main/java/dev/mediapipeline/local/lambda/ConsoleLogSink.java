package dev.mediapipeline.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Map;

/**
 * Relays function output to a console stream: a JSON object line stays one JSON object, with the function's name
 * added as {@code "function"} when the line does not carry it already; any other line is prefixed with
 * {@code [FunctionName]}.
 */
public final class ConsoleLogSink implements FunctionLogSink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    public ConsoleLogSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void line(String functionName, String line, boolean stderr) {
        out.println(tag(functionName, line));
    }

    public static String tag(String functionName, String line) {
        String trimmed = line.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            try {
                JsonNode node = JSON.readTree(trimmed);
                if (node instanceof ObjectNode object) {
                    if (object.has("function")) {
                        return trimmed;
                    }
                    ObjectNode tagged = JSON.createObjectNode();
                    tagged.put("function", functionName);
                    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        tagged.set(e.getKey(), e.getValue());
                    }
                    return JSON.writeValueAsString(tagged);
                }
            } catch (JsonProcessingException e) {
                // not JSON after all: prefix it like text
            }
        }
        return "[" + functionName + "] " + line;
    }
}
