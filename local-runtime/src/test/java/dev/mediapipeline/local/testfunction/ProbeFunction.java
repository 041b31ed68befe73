package dev.mediapipeline.local.testfunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.lambda.S3EventEnvelope;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packages {@link ProbeHandler} as a function jar, the way a function module's build would: its classes, plus a
 * manifest Class-Path naming the libraries it uses (the SDK, Jackson) from the test class path. Built once per
 * test JVM under {@code target/test-function/}.
 */
public final class ProbeFunction {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String HANDLER = ProbeHandler.class.getName() + "::handleRequest";

    private static Path jar;

    private ProbeFunction() {
    }

    /** The events {@code function} received, one per attempt, as the probe recorded them in {@code records}. */
    public static List<JsonNode> received(Path records, String function) {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(records)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(function + "-")).toList()) {
                out.add(JSON.readTree(f.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The URL-decoded key of a received S3 event's first record (direct or in an SNS envelope). */
    public static String decodedKey(JsonNode event) {
        return S3EventEnvelope.read(event).getRecords().getFirst().getS3().getObject().getUrlDecodedKey();
    }

    public static synchronized Path jar() {
        if (jar == null) {
            jar = build();
        }
        return jar;
    }

    private static Path build() {
        try {
            Path classes = Path.of(ProbeHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = classes.getParent().resolve("test-function").resolve("probe-function.jar");
            Files.createDirectories(target.getParent());
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            List<String> libraries = new ArrayList<>();
            for (Path entry : testClassPath()) {
                if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                    libraries.add(entry.toUri().toString());
                }
            }
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", libraries));
            Path tmp = target.resolveSibling("probe-function.jar.tmp");
            try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file, manifest)) {
                Path packageDir = classes.resolve(ProbeHandler.class.getPackageName().replace('.', '/'));
                try (Stream<Path> files = Files.walk(packageDir)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test JVM's class path, with manifest-only jars (surefire's booter) expanded. */
    public static List<Path> testClassPath() throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        String property = System.getProperty("surefire.test.class.path");
        if (property == null || property.isBlank()) {
            property = System.getProperty("java.class.path");
        }
        for (String entry : property.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                expand(Path.of(entry).toAbsolutePath(), out);
            }
        }
        return new ArrayList<>(out);
    }

    private static void expand(Path entry, Set<Path> out) throws IOException {
        if (!out.add(entry) || !Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jarFile = new JarFile(entry.toFile())) {
            Manifest manifest = jarFile.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath != null && jarFile.size() <= 2) {
                out.remove(entry);
                for (String item : classPath.trim().split("\\s+")) {
                    try {
                        expand(Path.of(entry.getParent().toUri().resolve(item)), out);
                    } catch (IllegalArgumentException e) {
                        // not a file URL
                    }
                }
            }
        }
    }
}
