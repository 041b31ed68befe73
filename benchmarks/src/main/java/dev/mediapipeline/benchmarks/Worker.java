package dev.mediapipeline.benchmarks;

import dev.mediapipeline.model.DeviceProfiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A long-lived JVM that runs the Java sides on request, so they are measured warm and without JVM start, one
 * command per line on stdin, one answer per line on stdout (tab-separated):
 * <pre>
 * render  SIDE INPUT OUTDIR PROFILES QUALITY  ->  ok WALL_NS CPU_NS DETAIL | oom | error CLASS MESSAGE
 * rss                                        ->  rss PEAK_KB CURRENT_KB
 * reset-rss                                  ->  ok   (resets the kernel's peak-RSS mark of this process)
 * java                                       ->  java VENDOR VERSION VM HOME
 * ffmpeg                                     ->  ffmpeg VERSION   (loads the natives)
 * encode-modes INPUT QUALITY REPS            ->  encode MODE=MS/BYTES;...   (see JavaSides#encodeModes)
 * quit
 * </pre>
 * CPU is the sum over all of this JVM's threads (render, GC, JIT) of the scheduler's nanosecond run time
 * ({@code /proc/self/task/}{@code *}{@code /schedstat}), so it counts work, not waiting for the core.
 */
public final class Worker {

    private Worker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        // anything the code under test prints must not corrupt the protocol
        System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8));
        Map<String, JavaSides.Side> sides = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.split("\t");
            switch (f[0]) {
                case "render" -> out.println(render(sides, f));
                case "rss" -> out.println("rss\t" + status("VmHWM") + "\t" + status("VmRSS"));
                case "reset-rss" -> {
                    try {
                        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
                        out.println("ok");
                    } catch (IOException e) {
                        out.println("error\treset-rss\t" + e); // the peak then counts from JVM start
                    }
                }
                case "java" -> out.println("java\t" + System.getProperty("java.vendor") + "\t"
                        + System.getProperty("java.runtime.version") + "\t" + System.getProperty("java.vm.name")
                        + "\t" + System.getProperty("java.home"));
                case "encode-modes" -> {
                    try {
                        out.println("encode\t" + JavaSides.encodeModes(Path.of(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3])));
                    } catch (IOException | RuntimeException e) {
                        out.println("error\t" + e.getClass().getSimpleName() + "\t" + oneLine(e.getMessage()));
                    }
                }
                case "ffmpeg" -> out.println("ffmpeg\t" + org.bytedeco.ffmpeg.global.avutil.av_version_info().getString());
                case "quit" -> {
                    return;
                }
                default -> out.println("error\tprotocol\tunknown command " + f[0]);
            }
        }
    }

    private static String render(Map<String, JavaSides.Side> sides, String[] f) {
        try {
            JavaSides.Side side = sides.computeIfAbsent(f[1], JavaSides::byName);
            Path input = Path.of(f[2]);
            Path outDir = Path.of(f[3]);
            DeviceProfiles profiles = DeviceProfiles.parse(f[4]);
            int quality = Integer.parseInt(f[5]);
            Files.createDirectories(outDir);
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            String detail = side.render(input, outDir, profiles, quality);
            long wall = System.nanoTime() - t0;
            long cpu = processCpuNanos() - cpu0;
            return "ok\t" + wall + "\t" + cpu + "\t" + detail;
        } catch (OutOfMemoryError e) {
            return "oom\t" + oneLine(e.getMessage());
        } catch (Exception e) {
            return "error\t" + e.getClass().getSimpleName() + "\t" + oneLine(e.getMessage());
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ');
    }

    /** Sum of sum_exec_runtime (ns) over this process's threads. */
    static long processCpuNanos() {
        long total = 0;
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String s = Files.readString(task.resolve("schedstat"));
                    total += Long.parseLong(s.substring(0, s.indexOf(' ')));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    private static String status(String key) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith(key + ":")) {
                return l.substring(key.length() + 1).trim().split("\\s+")[0];
            }
        }
        return "-1";
    }
}
