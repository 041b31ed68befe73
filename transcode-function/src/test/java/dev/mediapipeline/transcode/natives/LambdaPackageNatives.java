package dev.mediapipeline.transcode.natives;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Whether the native libraries inside a Lambda package (a shaded function jar) load on the Lambda java21 runtime:
 * only linux-x86_64 and linux-arm64 natives, each needing at most glibc 2.34 and only libraries shipped next to it or
 * present on Amazon Linux 2023 minimal; a package with FFmpeg natives has both platforms, everything the functions
 * load, and no libavdevice or ffmpeg/ffprobe executables. Used for the transcode package here and, by
 * integration-tests, for every package template.yaml deploys.
 */
public final class LambdaPackageNatives {

    /** What one package holds: its natives by platform, and what would not load on Lambda. */
    public record Report(Map<String, Map<String, ElfFile>> byPlatform, List<String> problems) {

        public boolean hasNatives() {
            return !byPlatform.isEmpty();
        }
    }

    private LambdaPackageNatives() {
    }

    public static Report inspect(Path jar) throws IOException {
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
        if (!byPlatform.isEmpty()) {
            LambdaNativesPolicy.PLATFORMS.stream().filter(p -> !byPlatform.containsKey(p))
                    .forEach(p -> problems.add(p + ": no natives for this Lambda architecture"));
            byPlatform.forEach((platform, natives) -> {
                natives.keySet().stream().filter(p -> p.contains("avdevice") || p.endsWith("/ffmpeg") || p.endsWith("/ffprobe"))
                        .forEach(p -> problems.add(p + ": libavdevice and the ffmpeg/ffprobe executables stay out"));
                List<String> names = natives.keySet().stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).toList();
                NativeJars.LOADED_BY_THE_FUNCTION.stream().filter(n -> !names.contains(n))
                        .forEach(n -> problems.add(platform + "/" + n + ": loaded by the functions but not in the package"));
            });
        }
        return new Report(byPlatform, problems);
    }
}
