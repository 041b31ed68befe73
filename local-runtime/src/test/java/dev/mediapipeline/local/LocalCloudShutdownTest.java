package dev.mediapipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.local.aws.ObjectEvent;
import dev.mediapipeline.local.lambda.SandboxMarker;
import dev.mediapipeline.local.template.StackTemplate;
import dev.mediapipeline.local.template.TemplateLoader;
import dev.mediapipeline.local.testfunction.ProbeFunction;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the runtime stops every function process and whatever they started, promptly. */
class LocalCloudShutdownTest {

    private static final String TEMPLATE = """
            Resources:
              Inbox:
                Type: AWS::S3::Bucket
                Properties: {BucketName: shutdown-inbox}
              Busy:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: probe-function.jar
                  Handler: HANDLER
                  Runtime: java21
                  MemorySize: 256
                  Timeout: 120
                  Environment: {Variables: {PROBE_ACTION: spawn, PROBE_RECORD_DIR: RECORDS}}
                  Events:
                    Any: {Type: S3, Properties: {Bucket: !Ref Inbox, Events: 's3:ObjectCreated:*'}}
            """;

    /** Function JVMs started by this test JVM (they carry the sandbox mark) and their children. */
    private static List<ProcessHandle> functionProcesses() {
        String mark = "-D" + SandboxMarker.PROPERTY + "=" + ProcessHandle.current().pid();
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(mark)).orElse(false))
                .toList();
    }

    @Test
    void closingLeavesNoFunctionProcessNorTheirChildren(@TempDir Path records) throws Exception {
        StackTemplate template = TemplateLoader.parse(TEMPLATE.replace("HANDLER", ProbeFunction.HANDLER)
                .replace("RECORDS", records.toString()), ProbeFunction.jar().getParent(), Map.of());
        try (EmbeddedS3Services services = new EmbeddedS3Services()) {
            LocalCloud cloud = LocalCloud.start(template, services, new LocalCloud.Options(2, Duration.ofMillis(100),
                    (fn, line, err) -> { }));
            for (int i = 0; i < 2; i++) {
                cloud.notifications().onObjectEvent(new ObjectEvent("ObjectCreated:Put", "shutdown-inbox", "k" + i, 1,
                        "e", "0" + i, Instant.now(), "r", "127.0.0.1"));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<ProcessHandle> children = List.of();
            while (System.nanoTime() < deadline) {
                children = java.nio.file.Files.list(records).filter(f -> f.getFileName().toString().startsWith("child-"))
                        .map(f -> ProcessHandle.of(Long.parseLong(f.getFileName().toString().replaceAll("\\D", ""))))
                        .flatMap(java.util.Optional::stream).toList();
                if (children.size() == 2) {
                    break;
                }
                Thread.sleep(100);
            }
            List<ProcessHandle> functions = functionProcesses();
            assertThat(functions).as("two function processes running").hasSize(2);
            assertThat(children).as("each started a child process").hasSize(2);

            long begin = System.nanoTime();
            cloud.close();
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).as("stop time").isLessThan(Duration.ofSeconds(10));
            assertThat(functionProcesses()).as("function processes left").isEmpty();
            for (ProcessHandle p : functions) {
                assertThat(p.isAlive()).as("function pid %s", p.pid()).isFalse();
            }
            for (ProcessHandle p : children) {
                p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(p.isAlive()).as("child pid %s", p.pid()).isFalse();
            }
        }
    }
}
