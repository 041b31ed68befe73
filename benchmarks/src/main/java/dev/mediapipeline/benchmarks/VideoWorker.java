package dev.mediapipeline.benchmarks;

import dev.mediapipeline.model.VideoLadder;
import dev.mediapipeline.transcode.TranscodeBenchmark;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Java side of the video benchmark, one JVM per measurement (started by {@link VideoBench}, pinned there), one
 * command per line on stdin, one answer per line on stdout (tab-separated); everything else goes to stderr:
 * <pre>
 * info                                   ->  info FFMPEG_VERSION ENCODER BUNDLED_FFMPEG_PATH   (loads the natives)
 * generate FILE WIDTH HEIGHT SECONDS     ->  ok SECONDS
 * ladder SOURCE                          ->  ladder NAME:WxH:KBPS,...
 * cli FFMPEG ENCODER SOURCE OUT THREADS  ->  cli ARG ARG ...         (the command line, not run)
 * ours SOURCE OUT ENCODER THREADS        ->  ok WALL_NS CPU_NS PEAK_RSS_KB ENCODER
 * parallel SOURCE DIR WORKERS THREADS CHUNK_SEGMENTS
 *                                        ->  ok WALL_NS CPU_NS PEAK_RSS_KB ENCODER CHUNKS PLANNER_S CHUNK_S,CHUNK_S,... COMPLETED
 * quit
 * </pre>
 * Errors answer {@code error CLASS MESSAGE}. CPU is the process's user + system time ({@code /proc/self/stat},
 * which keeps the time of threads that have ended: the transcoder's encoder threads live only as long as a chunk);
 * peak RSS is the JVM's high-water mark since the measured command started (the kernel's mark is reset first).
 */
public final class VideoWorker {

    private VideoWorker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.split("\t");
            if (f[0].equals("quit")) {
                return;
            }
            String reply;
            try {
                reply = handle(f);
            } catch (Exception | OutOfMemoryError e) {
                e.printStackTrace();
                reply = "error\t" + e.getClass().getSimpleName() + "\t" + oneLine(e.getMessage());
            }
            out.println(reply);
        }
    }

    private static String handle(String[] f) throws Exception {
        return switch (f[0]) {
            case "info" -> String.join("\t", "info", TranscodeBenchmark.ffmpegVersion(), TranscodeBenchmark.encoder("auto"),
                    TranscodeBenchmark.bundledFfmpeg().toString());
            case "generate" -> {
                long t0 = System.nanoTime();
                TranscodeBenchmark.generate(Path.of(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]), Double.parseDouble(f[4]));
                yield "ok\t" + String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9);
            }
            case "ladder" -> {
                List<String> rungs = new ArrayList<>();
                for (VideoLadder.Rendition r : TranscodeBenchmark.ladderFor(Path.of(f[1]))) {
                    rungs.add(r.name() + ":" + r.width() + "x" + r.height() + ":" + r.videoKbps());
                }
                yield "ladder\t" + String.join(",", rungs);
            }
            case "cli" -> "cli\t" + String.join("\t", TranscodeBenchmark.cliCommand(f[1], f[2], Path.of(f[3]), Path.of(f[4]),
                    Integer.parseInt(f[5])));
            case "ours" -> {
                String encoder = TranscodeBenchmark.encoder(f[3]);
                Path outDir = Path.of(f[2]);
                Bench.deleteTree(outDir);
                resetPeak();
                long cpu0 = cpuNanos();
                long t0 = System.nanoTime();
                TranscodeBenchmark.Ours r = TranscodeBenchmark.ours(Path.of(f[1]), outDir, encoder, Integer.parseInt(f[4]));
                long wall = System.nanoTime() - t0;
                long cpu = cpuNanos() - cpu0;
                yield String.join("\t", "ok", Long.toString(wall), Long.toString(cpu), peakKb(), r.encoder());
            }
            case "parallel" -> {
                Path dir = Path.of(f[2]);
                Bench.deleteTree(dir);
                resetPeak();
                long t0 = System.nanoTime();
                TranscodeBenchmark.Parallel p = TranscodeBenchmark.parallel(Path.of(f[1]), dir, Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5]));
                long wall = System.nanoTime() - t0;
                Bench.deleteTree(dir);
                List<String> chunks = p.chunkSeconds().stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList();
                yield String.join("\t", "ok", Long.toString((long) (p.wallSeconds() * 1e9)), Long.toString((long) (p.cpuSeconds() * 1e9)), peakKb(),
                        p.encoder(), Integer.toString(p.chunks()), String.format(Locale.ROOT, "%.2f", p.plannerSeconds()),
                        String.join(",", chunks), Integer.toString(p.completed()), Long.toString(wall));
            }
            default -> "error\tprotocol\tunknown command " + f[0];
        };
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    private static void resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException e) {
            // the peak then counts from JVM start
        }
    }

    private static String peakKb() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmHWM:")) {
                return l.substring("VmHWM:".length()).trim().split("\\s+")[0];
            }
        }
        return "-1";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ');
    }
}
