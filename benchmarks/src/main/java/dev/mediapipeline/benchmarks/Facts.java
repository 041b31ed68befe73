package dev.mediapipeline.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the numbers depend on: CPU, cores, OS, the JDK and its JPEG codec, the anchors' versions, the load. */
final class Facts {

    private Facts() {
    }

    static Map<String, String> machine() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("CPU", cpuModel());
        f.put("cores", Integer.toString(cores()));
        f.put("memory", memory());
        f.put("OS", osName() + ", kernel " + firstLine(List.of("uname", "-r")));
        return f;
    }

    static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    static int cores() {
        try {
            return (int) Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        } catch (IOException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    static String memory() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(l.replaceAll("\\D", ""));
                    return (kb / 1024 / 1024) + " GB";
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "?";
    }

    static String osName() {
        try {
            for (String l : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (l.startsWith("PRETTY_NAME=")) {
                    return l.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.name");
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * The JPEG codec inside a JDK: Debian's and Ubuntu's OpenJDK packages link the system libjpeg (libjpeg-turbo,
     * SIMD); Temurin, Corretto (Lambda's) and Oracle's builds bundle IJG libjpeg 6b into libjavajpeg.so.
     */
    static String jdkJpegCodec(String javaHome) {
        Path lib = Path.of(javaHome, "lib", "libjavajpeg.so");
        if (!Files.exists(lib)) {
            return "unknown (no lib/libjavajpeg.so)";
        }
        for (String l : lines(List.of("ldd", lib.toString()))) {
            if (l.contains("libjpeg")) {
                String target = l.contains("=>") ? l.split("=>")[1].trim().split("\\s+")[0] : l.trim();
                String real = target;
                try {
                    real = Path.of(target).toRealPath().getFileName().toString();
                } catch (IOException e) {
                    // keep the link name
                }
                return "system " + real + " (libjpeg-turbo on Debian/Ubuntu)";
            }
        }
        return "bundled IJG libjpeg 6b (statically in libjavajpeg.so, no SIMD)";
    }

    /** Debian's {@code ffmpeg} package version ("5.1.6-0+deb12u1"), or "not installed". */
    static String debianFfmpeg() {
        if (!Files.isExecutable(Path.of("/usr/bin/ffmpeg"))) {
            return "not installed";
        }
        String l = firstLine(List.of("/usr/bin/ffmpeg", "-hide_banner", "-version"));
        return l.startsWith("ffmpeg version ") ? l.substring("ffmpeg version ".length()).split(" ")[0] : l;
    }

    static String firstLine(List<String> command) {
        List<String> l = lines(command);
        return l.isEmpty() ? "not installed" : l.get(0).trim();
    }

    static List<String> lines(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return new ArrayList<>(out.lines().toList());
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
