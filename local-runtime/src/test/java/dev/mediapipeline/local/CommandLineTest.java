package dev.mediapipeline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    private static final Path ROOT = Path.of("/project");

    @Nested
    class Parsing {

        @Test
        void defaultsComeFromTheProject() {
            CommandLine c = CommandLine.parse(List.of(), ROOT);
            assertThat(c.command()).isEqualTo(CommandLine.Command.RUN);
            assertThat(c.port()).isEqualTo(4566);
            assertThat(c.dataDirectory()).isEqualTo(ROOT.resolve(".local-data"));
            assertThat(c.template()).isEqualTo(ROOT.resolve("template.yaml"));
            assertThat(c.concurrency()).isEqualTo(2);
            assertThat(c.retryDelay()).isEqualTo(Duration.ofSeconds(1));
            assertThat(c.webPort()).as("the upload page's port").isEqualTo(8080);
            assertThat(c.siteDirectory()).as("the site served there").isEqualTo(ROOT.resolve("website/public"));
        }

        @Test
        void iamIsEnforcedUnlessTurnedOff() {
            assertThat(CommandLine.parse(List.of(), ROOT).iam()).as("default").isTrue();
            assertThat(CommandLine.parse(List.of("--no-iam"), ROOT).iam()).as("--no-iam").isFalse();
            assertThat(CommandLine.parse(List.of("invoke", "Fn", "--no-iam"), ROOT).iam()).as("invoke --no-iam")
                    .isFalse();
            assertThat(CommandLine.USAGE).as("help").contains("--no-iam");
        }

        @Test
        void theWebPortAndTheSite() {
            CommandLine c = CommandLine.parse(List.of("--web-port", "9090", "--site-dir=/tmp/site"), ROOT);
            assertThat(c.webPort()).isEqualTo(9090);
            assertThat(c.siteDirectory()).isEqualTo(Path.of("/tmp/site"));
            assertThat(CommandLine.parse(List.of("--web-port", "0", "--port", "0"), ROOT).webPort()).as("both free").isZero();
            assertThatThrownBy(() -> CommandLine.parse(List.of("--web-port", "4566"), ROOT)).as("one port for two servers")
                    .isInstanceOf(UsageException.class).hasMessageContaining("must differ");
            assertThatThrownBy(() -> CommandLine.parse(List.of("--web-port", "web"), ROOT))
                    .hasMessage("--web-port must be a number, got 'web'");
        }

        @Test
        void optionsAndOverrides() {
            CommandLine c = CommandLine.parse(List.of("--port=4600", "--fresh", "--concurrency", "3", "--retry-delay",
                    "250ms", "--parameter-overrides", "NamePrefix=demo", "JpegQuality=90", "--data-dir", "/tmp/d"), ROOT);
            assertThat(c.port()).isEqualTo(4600);
            assertThat(c.fresh()).isTrue();
            assertThat(c.concurrency()).isEqualTo(3);
            assertThat(c.retryDelay()).isEqualTo(Duration.ofMillis(250));
            assertThat(c.parameterOverrides()).isEqualTo(Map.of("NamePrefix", "demo", "JpegQuality", "90"));
            assertThat(c.dataDirectory()).isEqualTo(Path.of("/tmp/d"));
            assertThat(CommandLine.parse(List.of("--parameter-overrides", "A=1 B='x y'"), ROOT).parameterOverrides())
                    .isEqualTo(Map.of("A", "1", "B", "x y"));
        }

        @Test
        void invoke() {
            CommandLine c = CommandLine.parse(List.of("invoke", "ThumbnailFunction", "-e", "events/s3-put-photo.json",
                    "--endpoint-url", "http://localhost:4566"), ROOT);
            assertThat(c.command()).isEqualTo(CommandLine.Command.INVOKE);
            assertThat(c.function()).isEqualTo("ThumbnailFunction");
            assertThat(c.event()).contains("events/s3-put-photo.json");
            assertThat(c.endpointUrl()).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(4566));
            assertThat(CommandLine.parse(List.of("invoke", "F", "-e", "-"), ROOT).event()).contains("-");
        }

        @Test
        void mistakesAreExplained() {
            assertThatThrownBy(() -> CommandLine.parse(List.of("--port", "http"), ROOT))
                    .isInstanceOf(UsageException.class).hasMessage("--port must be a number, got 'http'");
            assertThatThrownBy(() -> CommandLine.parse(List.of("--port", "70000"), ROOT)).hasMessageContaining("between 0 and 65535");
            assertThatThrownBy(() -> CommandLine.parse(List.of("--port"), ROOT)).hasMessage("--port needs a value");
            assertThatThrownBy(() -> CommandLine.parse(List.of("--retry-delay", "soon"), ROOT)).hasMessageContaining("not a duration");
            assertThatThrownBy(() -> CommandLine.parse(List.of("--parameter-overrides", "novalue"), ROOT)).hasMessageContaining("not Key=Value");
            assertThatThrownBy(() -> CommandLine.parse(List.of("-e", "x.json"), ROOT)).hasMessageContaining("options of invoke");
            assertThatThrownBy(() -> CommandLine.parse(List.of("--fresh", "--in-memory"), ROOT)).hasMessageContaining("--in-memory");
        }
    }

    @Nested
    class Fresh {

        @Test
        void wipesOnlyADirectoryTheRuntimeMade(@TempDir Path tmp) throws IOException {
            Path data = DataDirectory.prepare(tmp.resolve("data"), false);
            Files.writeString(data.resolve("object"), "x");
            DataDirectory.prepare(data, true);
            assertThat(data.resolve("object")).doesNotExist();
            assertThat(data.resolve(DataDirectory.MARKER)).exists();

            Path precious = Files.createDirectories(tmp.resolve("precious"));
            Files.writeString(precious.resolve("thesis.tex"), "years of work");
            assertThatThrownBy(() -> DataDirectory.prepare(precious, true))
                    .isInstanceOf(UsageException.class).hasMessageContaining("refusing to wipe");
            assertThat(precious.resolve("thesis.tex")).exists();
        }
    }
}
