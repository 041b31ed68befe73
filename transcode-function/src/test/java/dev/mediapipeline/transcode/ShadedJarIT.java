package dev.mediapipeline.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.DeviceProfiles;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.VideoSummary;
import dev.mediapipeline.testing.EmbeddedS3;
import dev.mediapipeline.testing.PackagedHandler;
import dev.mediapipeline.transcode.testing.Events;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The Lambda package itself, target/transcode-function.jar: its handler runs from the jar alone in a fresh JVM,
 * configured only by environment variables and the JVM options template.yaml gives it (JavaCPP's cache under a
 * /tmp-like directory), against a real S3 API. The FFmpeg natives load from the jar's linux-x86_64 (or arm64)
 * directory, image-core renders the posters, and log4j writes JSON.
 */
class ShadedJarIT {

    static final Path JAR = Path.of("target", "transcode-function.jar");
    static final String UPLOADS = "media-pipeline-uploads-000000000000";
    static final String RENDITIONS = "media-pipeline-renditions-000000000000";
    static final String WORK = "media-pipeline-work-000000000000";
    static EmbeddedS3 server;
    static S3Client s3;

    @BeforeAll
    static void start() {
        assertThat(JAR).as("run after 'package': the shaded jar").exists();
        server = EmbeddedS3.start();
        s3 = server.client();
        for (String b : List.of(UPLOADS, RENDITIONS, WORK)) {
            server.createBucket(b);
        }
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void jarHoldsTheHandlerAndNoTestCode() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getJarEntry("dev/mediapipeline/transcode/TranscodeHandler.class")).isNotNull();
            assertThat(jar.getJarEntry("dev/mediapipeline/image/ThumbnailRenderer.class")).as("image-core").isNotNull();
            assertThat(jar.getJarEntry("dev/mediapipeline/testing/PackagedHandler.class")).as("no test code").isNull();
            assertThat(jar.getJarEntry("org/bytedeco/javacv/FFmpegFrameGrabber.class")).as("no JavaCV (it loads libavdevice)").isNull();
        }
    }

    @Test
    void handlerTranscodesASampleFromTheJarAlone(@TempDir Path dir) throws Exception {
        String key = "videos/landscape sample.mp4";
        Path sample = Path.of("..", "sample-media", "video", "landscape-640x360.mp4");
        String eTag = s3.putObject(b -> b.bucket(UPLOADS).key(key), RequestBody.fromFile(sample)).eTag().replace("\"", "");
        Path event = dir.resolve("event.json");
        try (InputStream in = Events.snsUpload(UPLOADS, key, Files.size(sample), eTag)) {
            Files.write(event, in.readAllBytes());
        }
        Path lambdaTmp = Files.createDirectories(dir.resolve("tmp"));

        PackagedHandler.Run run = PackagedHandler.run(JAR, "dev.mediapipeline.transcode.TranscodeHandler", event,
                List.of("-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED",
                        "-Djava.io.tmpdir=" + lambdaTmp, "-Dorg.bytedeco.javacpp.cachedir=" + lambdaTmp.resolve("javacpp")),
                Map.of("UPLOAD_BUCKET", UPLOADS, "RENDITIONS_BUCKET", RENDITIONS, "WORK_BUCKET", WORK,
                        "VIDEO_LADDER", "360p:600k,240p:300k",
                        "AWS_ENDPOINT_URL", server.endpoint().toString(), "AWS_REGION", "us-east-1",
                        "AWS_ACCESS_KEY_ID", EmbeddedS3.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", EmbeddedS3.SECRET_KEY,
                        "AWS_LAMBDA_FUNCTION_NAME", "TranscodeFunction"),
                dir, 180);
        String output = run.output();

        assertThat(run.finished()).as("the JVM finished:%n%s", output).isTrue();
        assertThat(run.exitCode()).as("exit code:%n%s", output).isZero();
        assertThat(output).contains("{\"outcomes\":[\"COMPLETED\"]}").contains(PackagedHandler.DONE);
        assertThat(output).as("structured JSON log lines from the jar's log4j2 configuration")
                .containsPattern("\\{\"timestamp\":\"[^\"]+\",\"level\":\"INFO\"");
        assertThat(output).as("no logging fallback or plugin errors").doesNotContain("ERROR StatusLogger").doesNotContain("SLF4J(W)");

        AssetId asset = AssetId.of(UPLOADS, key);
        HeadObjectResponse master = s3.headObject(b -> b.bucket(RENDITIONS).key(KeyLayout.hlsMasterKey(asset)));
        VideoSummary summary = VideoSummary.fromUserMetadata(master.metadata()).orElseThrow();
        assertThat(summary.renditions()).containsExactly("360p", "240p");
        for (String profile : DeviceProfiles.defaults().names()) {
            s3.headObject(b -> b.bucket(RENDITIONS).key(KeyLayout.thumbnailKey(asset, profile, "jpg")));
        }
        try (Stream<Path> natives = Files.walk(lambdaTmp.resolve("javacpp"))) {
            assertThat(natives.map(p -> p.getFileName().toString()))
                    .as("natives extracted under the configured cache dir").contains("libavcodec.so.61")
                    .noneMatch(n -> n.contains("avdevice"));
        }
        try (Stream<Path> left = Files.list(lambdaTmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("only the natives cache stays in /tmp").containsExactly("javacpp");
        }
    }
}
