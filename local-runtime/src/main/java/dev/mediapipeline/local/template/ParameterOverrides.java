package dev.mediapipeline.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code --parameter-overrides} the way {@code sam deploy} takes them: {@code Key=Value} pairs separated by
 * spaces (in one argument or several), values optionally quoted ({@code Key="a b"}), or the
 * {@code ParameterKey=Key,ParameterValue=Value} form.
 */
public final class ParameterOverrides {

    private ParameterOverrides() {
    }

    public static Map<String, String> parse(List<String> arguments) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String argument : arguments) {
            for (String token : tokens(argument)) {
                if (token.startsWith("ParameterKey=")) {
                    int comma = token.indexOf(",ParameterValue=");
                    if (comma < 0) {
                        throw new IllegalArgumentException("--parameter-overrides: '" + token
                                + "' lacks ',ParameterValue=' (write Key=Value)");
                    }
                    out.put(token.substring("ParameterKey=".length(), comma),
                            token.substring(comma + ",ParameterValue=".length()));
                    continue;
                }
                int eq = token.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--parameter-overrides: '" + token + "' is not Key=Value");
                }
                out.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return out;
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || !current.isEmpty()) {
                    out.add(current.toString());
                }
                current.setLength(0);
                any = false;
            } else {
                current.append(c);
                any = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("--parameter-overrides: unclosed quote in '" + text + "'");
        }
        if (any || !current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }
}
