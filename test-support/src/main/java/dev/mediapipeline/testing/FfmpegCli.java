package dev.mediapipeline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code ffmpeg} and {@code ffprobe} command-line tools (FFmpeg 5.1 with libx264), as tests use them: to
 * make test clips and to read what the functions made with an FFmpeg build and code path independent of theirs
 * (FFmpeg 7.1 through JavaCPP). The one place that finds them: on the {@code PATH}, where
 * {@code .ci/install-test-tools} (run by {@code ./mvnw verify}) puts them.
 */
public final class FfmpegCli {

    public static final String HOW_TO_INSTALL = "apt-get install ffmpeg (./mvnw verify runs .ci/install-test-tools,"
            + " which installs it as root or with passwordless sudo)";

    private FfmpegCli() {
    }

    /** True when both {@code ffmpeg} and {@code ffprobe} are on the PATH. */
    public static boolean present() {
        return RequiredTools.onPath("ffmpeg").isPresent() && RequiredTools.onPath("ffprobe").isPresent();
    }

    /** Skips the test (developer machine) or fails it (CI) unless both tools are on the PATH. */
    public static void require() {
        RequiredTools.require(present(), "ffmpeg and ffprobe", HOW_TO_INSTALL);
    }

    /**
     * Runs {@code command} ({@code ffmpeg ...} or {@code ffprobe ...}, with {@code -loglevel error}) and returns what
     * it printed on stdout; fails with its error output unless it exits 0 within {@code timeout} and prints nothing
     * on stderr.
     */
    public static String run(List<String> command, Duration timeout) {
        try {
            Path out = Files.createTempFile("ffmpeg-cli-", ".out");
            Path err = Files.createTempFile("ffmpeg-cli-", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(command.getFirst() + " did not finish in " + timeout + ": " + command);
                }
                String errors = Files.readString(err, StandardCharsets.UTF_8).strip();
                if (p.exitValue() != 0 || !errors.isEmpty()) {
                    throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": " + errors);
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst() + " (" + HOW_TO_INSTALL + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }
}
