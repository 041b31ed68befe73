package dev.mediapipeline.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core package must not reference the AWS SDK, the Lambda libraries, Jackson or a logging API. */
class ModelPackageDependenciesTest {

    private static final List<String> FORBIDDEN = List.of("software/amazon/", "com/amazonaws/", "com/fasterxml/", "org/slf4j/",
            "org/apache/logging/");

    @Test
    void coreClassesReferenceOnlyTheJdk() throws IOException {
        Path classes = Path.of("target", "classes", "dev", "mediapipeline", "model");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                // class references live in the constant pool as UTF-8 internal names
                String constantPool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                FORBIDDEN.stream().filter(constantPool::contains).forEach(f -> offenders.add(file.getFileName() + " -> " + f));
            }
        }
        assertThat(offenders).as("core classes referencing non-JDK packages").isEmpty();
        assertThat(classes.resolve("KeyLayout.class")).as("the scan looked at the compiled core").exists();
    }
}
