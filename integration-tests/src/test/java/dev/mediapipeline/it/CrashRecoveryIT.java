package dev.mediapipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.it.harness.Clients;
import dev.mediapipeline.it.harness.MediaApiClient;
import dev.mediapipeline.it.harness.Poll;
import dev.mediapipeline.it.harness.Project;
import dev.mediapipeline.it.harness.TestImages;
import dev.mediapipeline.model.AssetId;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Nothing is lost locally across a crash: {@code ./run-local}'s runtime (the packaged jar, in its own process, on
 * the project's template and a data directory) takes a burst of uploads and is killed with SIGKILL while their
 * events are queued or running; restarted on the same data directory, it replays what it had accepted and every
 * upload ends READY.
 */
class CrashRecoveryIT {

    private static final Pattern ENDPOINT = Pattern.compile("AWS endpoint\\s+(http://\\S+)");
    private static final Pattern API = Pattern.compile("HTTP API\\s+(http://\\S+/api)");
    private static final String UPLOADS = "media-pipeline-uploads-000000000000";
    private static final int BURST = 12;

    private final List<Process> runtimes = new ArrayList<>();

    private record Runtime(Process process, URI endpoint, URI api, Path log) {
    }

    @AfterEach
    void stop() {
        for (Process p : runtimes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private Runtime start(Path data, Path log, boolean fresh) throws IOException {
        Path jar = Project.root().resolve("local-runtime/target/local-runtime.jar");
        assertThat(jar).as("the runtime jar (built by the reactor)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--template", Project.template().toString(), "--data-dir", data.toString(), "--port", "0",
                "--web-port", "0", "--retry-delay", "1s"));
        if (fresh) {
            command.add("--fresh");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MEDIA_PIPELINE_HOME", Project.root().toString());
        Process process = builder.start();
        runtimes.add(process);
        String banner = Poll.until("the runtime's banner in " + log, Duration.ofSeconds(120), () -> {
            assertThat(process.isAlive()).as("runtime running; its output:\n%s", read(log)).isTrue();
            String text = read(log);
            return ENDPOINT.matcher(text).find() && API.matcher(text).find() ? Optional.of(text) : Optional.empty();
        }, () -> read(log));
        return new Runtime(process, URI.create(group(ENDPOINT, banner)), URI.create(group(API, banner)), log);
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Nested
    class ABurstOfUploadsWhenTheRuntimeIsKilled {

        @Test
        void endsWithEveryUploadReadyAfterARestart() throws Exception {
            Path dir = Project.target("crash-recovery");
            Files.createDirectories(dir);
            Path data = dir.resolve("data");
            Runtime first = start(data, dir.resolve("first.log"), true);

            Map<String, String> ids = new TreeMap<>();
            try (S3Client s3 = Clients.s3(first.endpoint())) {
                for (int i = 0; i < BURST; i++) {
                    String key = "crash/photo " + i + ".jpg";
                    s3.putObject(b -> b.bucket(UPLOADS).key(key).contentType("image/jpeg"),
                            RequestBody.fromBytes(TestImages.jpeg(800, 600, i)));
                    ids.put(key, AssetId.of(UPLOADS, key).value());
                }
            }
            // every upload was acknowledged; most of their events are still queued or running
            first.process().destroyForcibly();
            first.process().waitFor();
            assertThat(first.process().exitValue()).as("killed with SIGKILL").isEqualTo(137);

            Runtime second = start(data, dir.resolve("second.log"), false);
            assertThat(read(second.log())).as("the restarted runtime replays what the killed one had accepted")
                    .containsPattern("replaying \\d+ event\\(s\\) accepted before the last stop");
            MediaApiClient api = new MediaApiClient(second.api());
            Map<String, String> statuses = new TreeMap<>();
            Poll.until("every upload of the burst ready", Duration.ofMinutes(4), () -> {
                ids.forEach((key, id) -> {
                    MediaApiClient.Response r = api.get("/media/" + id);
                    statuses.put(key, r.status() == 200 ? r.json().path("status").asText() : "HTTP " + r.status());
                });
                return statuses.values().stream().allMatch("ready"::equals) ? Optional.of(true) : Optional.empty();
            }, statuses::toString);
            assertThat(statuses).as("status of each upload").allSatisfy((key, status) ->
                    assertThat(status).as(key).isEqualTo("ready"));
        }
    }
}
