package dev.mediapipeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * AWS's own template tools, run as AWS runs them: {@code cfn-lint} and {@code aws-sam-translator} (the library
 * behind {@code sam deploy}'s transform), from a Python that has both. They are looked for in the PATH's
 * {@code python3} and in pyenv's versions. Tests call {@link #requireTools()} first: where they are missing, a
 * developer's test skips with the reason and CI fails.
 */
public final class SamTools {

    /** The region the translator and the local runtime assume ({@code us-east-1}, the runtime's default). */
    public static final String REGION = "us-east-1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOW_TO_INSTALL = "a python3 with the aws-sam-translator and cfn-lint packages"
            + " (pip install aws-sam-translator==1.110.0 cfn-lint==1.51.0); looked for on the PATH and under ~/.pyenv";
    private static volatile Optional<Path> python;

    /** What the translator made of a template: CloudFormation, or its refusal. */
    public sealed interface Translation {
    }

    /** The CloudFormation template the translator produced. */
    public record Translated(JsonNode cloudFormation) implements Translation {
    }

    /** The translator refused the template; {@code message} is its own text. */
    public record Refused(String message) implements Translation {
    }

    /** What cfn-lint printed and its exit code (0: no error and no warning). */
    public record LintResult(int exitCode, String output) {

        public boolean clean() {
            return exitCode == 0;
        }
    }

    private SamTools() {
    }

    /** Skips (developer machine) or fails (CI) unless both tools are available. */
    public static Path requireTools() {
        Optional<Path> found = python();
        RequiredTools.require(found.isPresent(), "cfn-lint / aws-sam-translator", HOW_TO_INSTALL);
        return found.orElseThrow();
    }

    /** A Python that imports both {@code samtranslator} and {@code cfnlint}, if this machine has one. */
    public static Optional<Path> python() {
        Optional<Path> p = python;
        if (p == null) {
            p = findPython();
            python = p;
        }
        return p;
    }

    /** Translates {@code template} with {@code parameters} (the rest take their defaults). */
    public static Translation translate(Path template, Map<String, String> parameters) {
        Path py = requireTools();
        try {
            Path dir = Files.createTempDirectory("sam-translate");
            try {
                Path script = script(dir, "sam_translate.py");
                Path params = dir.resolve("parameters.json");
                JSON.writeValue(params.toFile(), parameters);
                Run run = run(List.of(py.toString(), script.toString(), template.toAbsolutePath().toString(),
                        params.toString(), REGION), dir);
                return switch (run.exitCode()) {
                    case 0 -> new Translated(JSON.readTree(run.stdout()));
                    case 2 -> new Refused(run.stderr().strip());
                    default -> throw new IllegalStateException("aws-sam-translator crashed on " + template + " (exit "
                            + run.exitCode() + "):\n" + run.stderr());
                };
            } finally {
                delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Translates and returns the CloudFormation, failing with the translator's message when it refuses. */
    public static JsonNode cloudFormation(Path template, Map<String, String> parameters) {
        return switch (translate(template, parameters)) {
            case Translated t -> t.cloudFormation();
            case Refused r -> throw new AssertionError("aws-sam-translator refused " + template + " with "
                    + parameters + ":\n" + r.message());
        };
    }

    /**
     * Runs cfn-lint on {@code template} with {@code parameters} ({@code --parameters Key=Value}). Through
     * {@code cfn_lint.py}: cfn-lint 1.51 drops the parameter values of a SAM template after its transform.
     */
    public static LintResult cfnLint(Path template, Map<String, String> parameters) {
        Path py = requireTools();
        try {
            Path dir = Files.createTempDirectory("cfn-lint");
            try {
                List<String> command = new ArrayList<>(List.of(py.toString(), script(dir, "cfn_lint.py").toString(),
                        "--format", "parseable", "--regions", REGION));
                if (!parameters.isEmpty()) {
                    command.add("--parameters");
                    parameters.forEach((k, v) -> command.add(k + "=" + v));
                }
                command.add("--");
                command.add(template.toAbsolutePath().toString());
                Run run = run(command, template.toAbsolutePath().getParent());
                return new LintResult(run.exitCode(), (run.stdout() + run.stderr()).strip());
            } finally {
                delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the Python script {@code name} (a resource next to this class) into {@code dir}. */
    private static Path script(Path dir, String name) throws IOException {
        Path script = dir.resolve(name);
        try (InputStream in = SamTools.class.getResourceAsStream(name)) {
            Files.copy(in, script);
        }
        return script;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private static Run run(List<String> command, Path dir) throws IOException {
        Path out = Files.createTempFile("sam-tools", ".out");
        Path err = Files.createTempFile("sam-tools", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Optional<Path> findPython() {
        Set<Path> candidates = new LinkedHashSet<>();
        RequiredTools.onPath("python3").ifPresent(candidates::add);
        Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv");
        candidates.add(pyenv.resolve("shims/python3"));
        Path versions = pyenv.resolve("versions");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                dirs.sorted(java.util.Comparator.reverseOrder()).forEach(d -> candidates.add(d.resolve("bin/python3")));
            } catch (IOException e) {
                // no pyenv versions to offer
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate) && imports(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean imports(Path python) {
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import samtranslator, cfnlint")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
