package dev.mediapipeline.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A temporary directory where templates are read: placeholder packages ({@code fn.jar}, {@code other.jar} and every
 * CodeUri of the project's template.yaml) so that the loader, which refuses a CodeUri that does not exist, reads
 * templates without the function jars being built.
 */
abstract class TemplateFixture {

    private static final Pattern CODE_URI = Pattern.compile("(?m)^\\s*(?:CodeUri|ContentUri):\\s*(\\S+)\\s*$");

    static final String FUNCTION = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: fn.jar
                  Handler: example.Handler::handleRequest
                  Runtime: java21
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void placeholderPackages() throws IOException {
        placeholders(dir, projectTemplate());
        placeholders(dir, "CodeUri: fn.jar\nCodeUri: other.jar\n");
    }

    /** Writes {@code yaml} as template.yaml in the directory, with a placeholder for each of its CodeUris. */
    Path write(String yaml) {
        try {
            placeholders(dir, yaml);
            return Files.writeString(dir.resolve("template.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StackTemplate parse(String yaml) {
        return TemplateLoader.parse(yaml, dir, Map.of());
    }

    StackTemplate parse(String yaml, Map<String, String> overrides) {
        return TemplateLoader.parse(yaml, dir, overrides);
    }

    static String projectTemplate() throws IOException {
        Path here = Path.of("").toAbsolutePath();
        Path file = Files.exists(here.resolve("template.yaml")) ? here.resolve("template.yaml")
                : here.getParent().resolve("template.yaml");
        return Files.readString(file);
    }

    private static void placeholders(Path dir, String yaml) throws IOException {
        List<String> packages = new ArrayList<>();
        var m = CODE_URI.matcher(yaml);
        while (m.find()) {
            packages.add(m.group(1));
        }
        for (String p : packages) {
            Path file = dir.resolve(p);
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.write(file, new byte[]{'P', 'K'});
            }
        }
    }
}
