package dev.mediapipeline.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A copy of the project's template.yaml with policy statements taken out of functions' roles (by their Sid), written
 * under {@code target/} with its CodeUri paths made absolute so that it runs from there.
 */
public final class TemplateVariant {

    private static final Pattern CODE_URI = Pattern.compile("(?m)^(\\s+CodeUri:\\s+)(\\S+)$");
    private static final Pattern RESOURCE = Pattern.compile("^  ([A-Za-z0-9]+):\\s*$");
    private static final Pattern SID = Pattern.compile("^(\\s*)- Sid: ([A-Za-z0-9]+)\\s*$");

    private final List<String> lines;

    private TemplateVariant(List<String> lines) {
        this.lines = lines;
    }

    public static TemplateVariant ofProjectTemplate() {
        try {
            return new TemplateVariant(new ArrayList<>(Files.readAllLines(Project.template())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the statement {@code sid} from the policies of resource {@code function}; it must be there. */
    public TemplateVariant withoutStatement(String function, String sid) {
        String current = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher resource = RESOURCE.matcher(lines.get(i));
            if (resource.matches()) {
                current = resource.group(1);
                continue;
            }
            Matcher statement = SID.matcher(lines.get(i));
            if (function.equals(current) && statement.matches() && statement.group(2).equals(sid)) {
                int indent = statement.group(1).length();
                int end = i + 1;
                while (end < lines.size() && (lines.get(end).isBlank() || indentOf(lines.get(end)) > indent
                        || (indentOf(lines.get(end)) == indent && lines.get(end).strip().startsWith("#")))) {
                    end++;
                }
                lines.subList(i, end).clear();
                return this;
            }
        }
        throw new IllegalArgumentException("template.yaml has no statement " + sid + " in " + function);
    }

    /** Writes the variant as {@code target/iam-templates/<name>.yaml}. */
    public Path write(String name) {
        String text = String.join("\n", lines) + "\n";
        Matcher codeUri = CODE_URI.matcher(text);
        StringBuilder absolute = new StringBuilder();
        while (codeUri.find()) {
            codeUri.appendReplacement(absolute, Matcher.quoteReplacement(codeUri.group(1)
                    + Project.root().resolve(codeUri.group(2)).toAbsolutePath()));
        }
        codeUri.appendTail(absolute);
        try {
            Path file = Files.createDirectories(Project.target("iam-templates")).resolve(name + ".yaml");
            Files.writeString(file, absolute.toString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
