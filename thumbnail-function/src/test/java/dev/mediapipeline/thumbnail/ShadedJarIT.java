package dev.mediapipeline.thumbnail;

import static dev.mediapipeline.thumbnail.Fixtures.RENDITIONS;
import static dev.mediapipeline.thumbnail.Fixtures.UPLOADS;
import static dev.mediapipeline.thumbnail.Fixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.aws.S3ObjectStore;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.ObjectInfo;
import dev.mediapipeline.testing.EmbeddedS3;
import dev.mediapipeline.testing.PackagedHandler;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Lambda package itself: target/thumbnail-function.jar (what template.yaml's CodeUri deploys). Checks that
 * shading kept the ServiceLoader registrations (ImageIO plugins, the SDK's HTTP client) and dropped the HTTP
 * clients we exclude, then runs the handler from the jar alone in a fresh JVM, configured only by environment
 * variables, against a real S3 API: a CMYK JPEG and a WebP (both need TwelveMonkeys' plugins) become thumbnails.
 */
class ShadedJarIT {

    static final Path JAR = Path.of("target", "thumbnail-function.jar");
    static EmbeddedS3 server;
    static S3Client s3;

    @BeforeAll
    static void start() {
        assertThat(JAR).as("run after 'package': the shaded jar").exists();
        server = EmbeddedS3.start();
        server.createBucket(UPLOADS);
        server.createBucket(RENDITIONS);
        s3 = server.client();
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    static String entry(JarFile jar, String name) throws IOException {
        var e = jar.getJarEntry(name);
        assertThat(e).as("%s in the jar", name).isNotNull();
        try (InputStream in = jar.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Nested
    class Contents {

        @Test
        void serviceRegistrationsSurviveShading() throws IOException {
            try (JarFile jar = new JarFile(JAR.toFile())) {
                assertThat(entry(jar, "META-INF/services/javax.imageio.spi.ImageReaderSpi"))
                        .as("TwelveMonkeys readers registered")
                        .contains("com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi")
                        .contains("com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi");
                assertThat(entry(jar, "META-INF/services/software.amazon.awssdk.http.SdkHttpService").lines()
                        .filter(l -> !l.isBlank() && !l.startsWith("#")))
                        .as("only the URLConnection HTTP client")
                        .containsExactly("software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService");
                assertThat(jar.stream().map(java.util.zip.ZipEntry::getName))
                        .as("no excluded HTTP clients")
                        .noneMatch(n -> n.startsWith("software/amazon/awssdk/http/apache") || n.startsWith("io/netty")
                                || n.startsWith("org/apache/http") || n.startsWith("software/amazon/awssdk/http/nio"));
                assertThat(jar.getJarEntry("dev/mediapipeline/thumbnail/ThumbnailHandler.class")).as("the handler").isNotNull();
                assertThat(jar.getJarEntry("dev/mediapipeline/testing/PackagedHandler.class")).as("no test classes").isNull();
            }
        }
    }

    @Nested
    class FreshJvm {

        @Test
        void handlerRunsFromTheJarAloneOnATwoRecordEvent(@TempDir Path dir) throws Exception {
            s3.putObject(b -> b.bucket(UPLOADS).key("photos/landscape.jpg"), RequestBody.fromBytes(sample("cmyk.jpg")));
            s3.putObject(b -> b.bucket(UPLOADS).key("photos/portrait.jpg"), RequestBody.fromBytes(sample("photo.webp")));

            String output = runHandlerFromTheJar(dir);

            S3ObjectStore store = new S3ObjectStore(s3);
            List<String> keys = store.list(RENDITIONS, "").stream().map(ObjectInfo::key).toList();
            assertThat(keys).as("4 thumbnails per photo").hasSize(8);
            BufferedImage cmyk = read(KeyLayout.thumbnailKey(AssetId.of(UPLOADS, "photos/landscape.jpg"), "desktop", "jpg"));
            Color cyan = new Color(cmyk.getRGB(64 + 32, 32));
            assertThat(cyan.getRed()).as("cyan patch converted from CMYK (TwelveMonkeys): %s", cyan).isLessThan(60);
            assertThat(cyan.getBlue()).as("cyan patch: %s", cyan).isGreaterThan(200);
            BufferedImage webp = read(KeyLayout.thumbnailKey(AssetId.of(UPLOADS, "photos/portrait.jpg"), "desktop", "jpg"));
            assertThat(webp.getWidth() + "x" + webp.getHeight()).as("WebP decoded (TwelveMonkeys)").isEqualTo("640x480");
        }

        @Test
        void plainJpegsAreDecodedByFfmpegWhoseNativesLoadFromTheJar(@TempDir Path dir) throws Exception {
            s3.putObject(b -> b.bucket(UPLOADS).key("photos/landscape.jpg"), RequestBody.fromBytes(sample("landscape.jpg")));
            s3.putObject(b -> b.bucket(UPLOADS).key("photos/portrait.jpg"), RequestBody.fromBytes(sample("portrait-exif-orientation-6.jpg")));

            String output = runHandlerFromTheJar(dir);

            assertThat(java.util.regex.Pattern.compile("Rendered [^\\n]*\\[ffmpeg-mjpeg").matcher(output).results().count())
                    .as("both photos decoded by FFmpeg, from natives extracted out of the jar:%n%s", output).isEqualTo(2);
            assertThat(output).as("no fallback to the JDK decoder").doesNotContain("FFmpeg natives unavailable");
            assertThat(dir.resolve("javacpp")).as("natives extracted where -Dorg.bytedeco.javacpp.cachedir points (/tmp/javacpp on Lambda)")
                    .isDirectoryRecursivelyContaining("glob:**/libavcodec.so*");
            BufferedImage landscape = read(KeyLayout.thumbnailKey(AssetId.of(UPLOADS, "photos/landscape.jpg"), "desktop", "jpg"));
            assertThat(landscape.getWidth() + "x" + landscape.getHeight()).isEqualTo("1920x1280");
            BufferedImage portrait = read(KeyLayout.thumbnailKey(AssetId.of(UPLOADS, "photos/portrait.jpg"), "phone", "jpg"));
            assertThat(portrait.getWidth() + "x" + portrait.getHeight()).as("EXIF orientation 6 applied").isEqualTo("640x853");
        }

        /** Runs the packaged handler on the two-photo event in a fresh JVM, as Lambda would; returns its output. */
        private String runHandlerFromTheJar(Path dir) throws Exception {
            PackagedHandler.Run run = PackagedHandler.run(JAR, "dev.mediapipeline.thumbnail.ThumbnailHandler",
                    Fixtures.event("s3-put-two-photos.json"),
                    List.of("-Xmx512m", "-Djava.awt.headless=true", "-Dorg.bytedeco.javacpp.cachedir=" + dir.resolve("javacpp")),
                    Map.of("UPLOAD_BUCKET", UPLOADS, "RENDITIONS_BUCKET", RENDITIONS,
                            "AWS_ENDPOINT_URL", server.endpoint().toString(), "AWS_REGION", "us-east-1",
                            "AWS_ACCESS_KEY_ID", EmbeddedS3.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", EmbeddedS3.SECRET_KEY,
                            "AWS_LAMBDA_FUNCTION_NAME", "ThumbnailFunction"),
                    dir, 180);
            String output = run.output();

            assertThat(run.finished()).as("the JVM finished:%n%s", output).isTrue();
            assertThat(run.exitCode()).as("exit code:%n%s", output).isZero();
            assertThat(output).as("handler summary").contains("\"rendered\":2").contains(PackagedHandler.DONE);
            assertThat(output).as("structured JSON log lines from the jar's log4j2 configuration")
                    .containsPattern("\\{\"timestamp\":\"[^\"]+\",\"level\":\"INFO\"");
            assertThat(output).as("no logging fallback or plugin errors").doesNotContain("ERROR StatusLogger").doesNotContain("SLF4J(W)");
            return output;
        }

        private BufferedImage read(String key) throws IOException {
            try (InputStream in = s3.getObject(b -> b.bucket(RENDITIONS).key(key))) {
                return ImageIO.read(new ByteArrayInputStream(in.readAllBytes()));
            }
        }
    }
}
