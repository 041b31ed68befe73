package dev.mediapipeline.transcode.natives;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Every native library inside the function's Lambda package ({@code target/transcode-function.jar}, built by the
 * shade plugin in {@code package}) loads on the Lambda java21 runtime: only linux-x86_64 and linux-arm64 natives,
 * each needing at most glibc 2.34 and only libraries shipped next to it or present on Amazon Linux 2023 minimal.
 * Runs in {@code integration-test}, after {@code package}, so {@code ./mvnw verify} fails on a bad natives bump.
 */
class LambdaPackageNativesIT {

    @Test
    void everyNativeInThePackageLoadsOnLambda() throws IOException {
        Path jar = Path.of("target", "transcode-function.jar");
        assertThat(jar).as("the Lambda package (run after package)").exists();
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, ElfFile>> byPlatform = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".dll") || n.endsWith(".dylib") || n.endsWith(".jnilib"))
                    .forEach(n -> problems.add(n + ": a Windows or macOS native"));
            NativeJars.elfEntries(file, "").forEach((path, elf) -> {
                String platform = LambdaNativesPolicy.platformOf(path);
                if (platform == null) {
                    problems.add(path + ": an ELF file outside a JavaCPP platform directory");
                } else {
                    byPlatform.computeIfAbsent(platform, k -> new LinkedHashMap<>()).put(path, elf);
                }
            });
        }
        byPlatform.forEach((platform, natives) -> problems.addAll(LambdaNativesPolicy.violations(platform, natives, natives)));

        assertThat(problems).as("natives that would not load on Lambda").isEmpty();
        assertThat(byPlatform.keySet()).as("platforms in the package").containsExactlyInAnyOrderElementsOf(LambdaNativesPolicy.PLATFORMS);
        for (Map<String, ElfFile> natives : byPlatform.values()) {
            assertThat(natives.keySet()).as("no libavdevice, no ffmpeg/ffprobe executables")
                    .noneMatch(p -> p.contains("avdevice") || p.endsWith("/ffmpeg") || p.endsWith("/ffprobe"));
            List<String> names = natives.keySet().stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).toList();
            assertThat(names).as("what the function loads is in the package").containsAll(NativeJars.LOADED_BY_THE_FUNCTION);
        }
        assertThat(Collections.unmodifiableSet(byPlatform.keySet())).hasSize(2);
    }
}
