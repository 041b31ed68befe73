package dev.mediapipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.aws.AwsClients;
import dev.mediapipeline.local.testfunction.ProbeFunction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The runtime as a user runs it: its own JVM ({@code LocalRuntime} main), stopped with SIGTERM as Ctrl-C would.
 */
class LocalRuntimeProcessTest {

    private static final Pattern ENDPOINT = Pattern.compile("AWS endpoint\\s+(http://localhost:\\d+)");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private final class Runtime {
        final Process process;
        final List<String> out = new CopyOnWriteArrayList<>();
        volatile URI endpoint;

        Runtime(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-cp", classPath(),
                    LocalRuntime.class.getName()));
            command.addAll(List.of(args));
            if (!command.contains("--web-port") && !command.contains("--no-web")) {
                command.addAll(List.of("--web-port", "0")); // never the shared machine's 8080
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("MEDIA_PIPELINE_HOME", dir.toString());
            process = builder.start();
            started.add(process);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        out.add(line);
                        Matcher m = ENDPOINT.matcher(line);
                        if (m.find()) {
                            endpoint = URI.create(m.group(1));
                        }
                    }
                } catch (IOException e) {
                    // process gone
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        URI awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (endpoint == null && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(endpoint).as("banner printed; output:\n%s", String.join("\n", out)).isNotNull();
            return endpoint;
        }

        /** SIGTERM, as Ctrl-C or a service manager would (Process.destroy would also close our end of its output). */
        int stop() throws InterruptedException {
            process.toHandle().destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped after SIGTERM; output:\n%s",
                    String.join("\n", out)).isTrue();
            return process.exitValue();
        }
    }

    private static String classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (Path p : ProbeFunction.testClassPath()) {
            entries.add(p.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private Path template(Path records) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Resources:
                  Inbox:
                    Type: AWS::S3::Bucket
                    Properties: {BucketName: process-inbox}
                  Items:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: process-items
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: %s
                      Handler: %s
                      Runtime: java21
                      MemorySize: 256
                      Timeout: 120
                      Environment: {Variables: {PROBE_RECORD_DIR: %s}}
                      Events:
                        Uploads: {Type: S3, Properties: {Bucket: !Ref Inbox, Events: 's3:ObjectCreated:*'}}
                """.formatted(ProbeFunction.jar(), ProbeFunction.HANDLER, records));
        return file;
    }

    private static S3Client s3(URI endpoint) {
        return S3Client.builder().httpClient(AwsClients.httpClient()).region(Region.US_EAST_1).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    private static DynamoDbClient dynamoDb(URI endpoint) {
        return DynamoDbClient.builder().httpClient(AwsClients.httpClient()).region(Region.US_EAST_1).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    private static List<Long> awaitChildren(Path records, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(records)) {
                List<Long> pids = files.map(f -> f.getFileName().toString())
                        .filter(n -> n.startsWith("child-")).map(n -> Long.parseLong(n.replaceAll("\\D", ""))).toList();
                if (pids.size() >= count) {
                    return pids;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the function did not start its child processes");
    }

    @Test
    void sigtermStopsTheRuntimeAndEveryFunctionProcess() throws Exception {
        Path records = Files.createDirectories(dir.resolve("records"));
        Runtime runtime = new Runtime("--port", "0", "--in-memory", "--template", template(records).toString());
        URI endpoint = runtime.awaitReady();
        assertThat(String.join("\n", runtime.out)).contains("process-inbox").contains("process-items")
                .contains("s3 cp photo.jpg s3://process-inbox/");
        try (S3Client s3 = s3(endpoint)) {
            for (int i = 0; i < 2; i++) {
                s3.putObject(b -> b.bucket("process-inbox").key("probe-action-spawn-" + System.nanoTime()),
                        RequestBody.fromString("x"));
            }
        }
        List<Long> children = awaitChildren(records, 2);
        List<ProcessHandle> tree = runtime.process.descendants().toList();
        assertThat(tree.size()).as("function JVMs and their children").isGreaterThanOrEqualTo(4);

        int exit = runtime.stop();
        for (ProcessHandle p : tree) {
            p.onExit().get(10, TimeUnit.SECONDS);
            assertThat(p.isAlive()).as("pid %s (%s) after SIGTERM", p.pid(), p.info().command().orElse("?")).isFalse();
        }
        for (long pid : children) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (runtime.out.stream().noneMatch(l -> l.contains("local-runtime: stopped in")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(String.join("\n", runtime.out)).as("exit code %s", exit).contains("local-runtime: stopped in");
    }

    @Test
    void aPortInUseIsReportedWithThePortAndHowToChooseAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Runtime runtime = new Runtime("--port", Integer.toString(taken.getLocalPort()), "--in-memory",
                    "--template", template(Files.createDirectories(dir.resolve("r"))).toString());
            assertThat(runtime.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(runtime.process.exitValue()).isEqualTo(LocalRuntime.PORT_IN_USE);
            assertThat(String.join("\n", runtime.out)).contains("port " + taken.getLocalPort())
                    .contains("already in use").contains("--port");
        }
    }

    @Test
    void dataSurvivesARestartAndFreshWipesIt() throws Exception {
        Path records = Files.createDirectories(dir.resolve("records"));
        Path template = template(records);
        Path data = dir.resolve("data");
        Runtime first = new Runtime("--port", "0", "--data-dir", data.toString(), "--template", template.toString());
        URI endpoint = first.awaitReady();
        try (S3Client s3 = s3(endpoint); DynamoDbClient ddb = dynamoDb(endpoint)) {
            s3.putObject(b -> b.bucket("process-inbox").key("kept.txt"), RequestBody.fromString("kept"));
            ddb.putItem(b -> b.tableName("process-items").item(Map.of("id", AttributeValue.fromS("kept"))));
        }
        assertThat(first.stop()).isNotNull();

        Runtime second = new Runtime("--port", "0", "--data-dir", data.toString(), "--template", template.toString());
        endpoint = second.awaitReady();
        try (S3Client s3 = s3(endpoint); DynamoDbClient ddb = dynamoDb(endpoint)) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("process-inbox").key("kept.txt")).asUtf8String()).isEqualTo("kept");
            assertThat(ddb.getItem(b -> b.tableName("process-items").key(Map.of("id", AttributeValue.fromS("kept")))).hasItem())
                    .isTrue();
        }
        second.stop();

        Runtime fresh = new Runtime("--port", "0", "--data-dir", data.toString(), "--fresh", "--template", template.toString());
        endpoint = fresh.awaitReady();
        try (S3Client s3 = s3(endpoint); DynamoDbClient ddb = dynamoDb(endpoint)) {
            assertThat(s3.listObjectsV2(b -> b.bucket("process-inbox")).contents()).as("wiped by --fresh").isEmpty();
            assertThat(ddb.getItem(b -> b.tableName("process-items").key(Map.of("id", AttributeValue.fromS("kept")))).hasItem())
                    .isFalse();
        }
        fresh.stop();
    }
}
