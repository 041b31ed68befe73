package dev.mediapipeline.benchmarks;

import dev.mediapipeline.model.DeviceProfile;
import dev.mediapipeline.model.DeviceProfiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** How each side is run and measured: Java sides in a warm worker JVM, the anchors as command-line processes. */
final class Runners {

    private Runners() {
    }

    /** One render of every profile of one image by one side. */
    record Result(boolean ok, String failure, double wallMs, double cpuMs, long rssKb, String detail) {
        static Result failed(String why) {
            return new Result(false, why, Double.NaN, Double.NaN, -1, "");
        }

        boolean oom() {
            return !ok && failure.startsWith("out of memory");
        }
    }

    /** Where processes run: pinned to one core with taskset when available. */
    record Launch(List<String> pin, Path logs, boolean haveTime) {
        List<String> prefix() {
            return pin;
        }
    }

    interface Runner extends AutoCloseable {
        String name();

        Result run(Corpus.Image image, Path outDir, DeviceProfiles profiles, int quality);

        /** Starts a new measurement phase: peak RSS counts from here. */
        void resetPeak();

        /** Peak RSS in kB since {@link #resetPeak()} (-1 if unknown). */
        long peakRssKb();

        @Override
        void close();
    }

    // ------------------------------------------------------------------ Java worker

    /** A Java side in a long-lived worker JVM (see {@link Worker}), restarted if it dies. */
    static final class WorkerRunner implements Runner {
        private final String name;
        private final String side;
        private final List<String> command;
        private final Launch launch;
        private Process process;
        private BufferedReader replies;
        private PrintWriter requests;

        WorkerRunner(String name, String side, String java, String classpath, String heap, Path javacppCache, Launch launch) {
            this.name = name;
            this.side = side;
            this.launch = launch;
            List<String> c = new ArrayList<>(launch.prefix());
            c.addAll(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                    "--enable-native-access=ALL-UNNAMED", "-Dorg.bytedeco.javacpp.cachedir=" + javacppCache,
                    "-cp", classpath, Worker.class.getName()));
            this.command = List.copyOf(c);
        }

        private void ensureStarted() throws IOException {
            if (process != null && process.isAlive()) {
                return;
            }
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("LOG_LEVEL", "WARN");
            pb.redirectError(ProcessBuilder.Redirect.appendTo(launch.logs().resolve(name + ".log").toFile()));
            process = pb.start();
            replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            requests = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        }

        String ask(String line) throws IOException {
            ensureStarted();
            requests.println(line);
            String reply = replies.readLine();
            if (reply == null) {
                int code = waitExit();
                process = null;
                throw new IOException("the worker JVM exited (code " + code + "); see " + launch.logs().resolve(name + ".log"));
            }
            return reply;
        }

        private int waitExit() {
            try {
                return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Result run(Corpus.Image image, Path outDir, DeviceProfiles profiles, int quality) {
            try {
                String reply = ask(String.join("\t", "render", side, image.path().toString(), outDir.toString(),
                        spec(profiles), Integer.toString(quality)));
                String[] f = reply.split("\t", -1);
                return switch (f[0]) {
                    case "ok" -> new Result(true, "", Long.parseLong(f[1]) / 1e6, Long.parseLong(f[2]) / 1e6, -1,
                            f.length > 3 ? f[3] : "");
                    case "oom" -> Result.failed("out of memory (" + (f.length > 1 ? f[1] : "") + ")");
                    default -> Result.failed(reply.replace('\t', ' '));
                };
            } catch (IOException | RuntimeException e) {
                return Result.failed(e.getMessage());
            }
        }

        @Override
        public void resetPeak() {
            try {
                ask("reset-rss");
            } catch (IOException e) {
                // reported through the next run
            }
        }

        @Override
        public long peakRssKb() {
            try {
                String[] f = ask("rss").split("\t");
                return Long.parseLong(f[1]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        @Override
        public void close() {
            if (process != null) {
                if (process.isAlive()) {
                    requests.println("quit");
                    try {
                        if (!process.waitFor(10, TimeUnit.SECONDS)) {
                            process.destroyForcibly();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        process.destroyForcibly();
                    }
                }
                process = null;
            }
        }
    }

    static String spec(DeviceProfiles profiles) {
        List<String> parts = new ArrayList<>();
        for (DeviceProfile p : profiles) {
            parts.add(p.spec());
        }
        return String.join(",", parts);
    }

    // ------------------------------------------------------------------ command-line anchors

    /** Builds the command lines that render every profile of one image. */
    interface Commands {
        List<List<String>> of(Corpus.Image image, Path outDir, DeviceProfiles profiles, int quality, Path scratch);
    }

    /** An anchor run as processes (one or more per image), each under /usr/bin/time for CPU and peak RSS. */
    static final class CommandRunner implements Runner {
        private final String name;
        private final Commands commands;
        private final Launch launch;
        private final Path scratch;
        private long peak = -1;

        CommandRunner(String name, Commands commands, Launch launch, Path scratch) {
            this.name = name;
            this.commands = commands;
            this.launch = launch;
            this.scratch = scratch;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Result run(Corpus.Image image, Path outDir, DeviceProfiles profiles, int quality) {
            try {
                Files.createDirectories(outDir);
                Files.createDirectories(scratch);
                double wall = 0;
                double cpu = 0;
                long rss = -1;
                Path stats = scratch.resolve("time.txt");
                for (List<String> command : commands.of(image, outDir, profiles, quality, scratch)) {
                    List<String> full = new ArrayList<>();
                    if (launch.haveTime()) {
                        full.addAll(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", stats.toString()));
                    }
                    full.addAll(launch.prefix());
                    full.addAll(command);
                    ProcessBuilder pb = new ProcessBuilder(full);
                    pb.environment().put("VIPS_CONCURRENCY", "1");
                    pb.environment().put("MAGICK_THREAD_LIMIT", "1");
                    pb.environment().put("OMP_NUM_THREADS", "1");
                    pb.redirectErrorStream(true);
                    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logs().resolve(name + ".log").toFile()));
                    long t0 = System.nanoTime();
                    Process p = pb.start();
                    int code = p.waitFor();
                    wall += (System.nanoTime() - t0) / 1e6;
                    if (code != 0) {
                        return Result.failed(command.get(0) + " exited with " + code + " (see " + launch.logs().resolve(name + ".log") + ")");
                    }
                    if (launch.haveTime()) {
                        String[] f = Files.readString(stats).trim().split("\\s+");
                        cpu += (Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000;
                        rss = Math.max(rss, Long.parseLong(f[3]));
                    } else {
                        cpu = Double.NaN;
                    }
                }
                peak = Math.max(peak, rss);
                return new Result(true, "", wall, cpu, rss, "");
            } catch (IOException | RuntimeException e) {
                return Result.failed(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.failed("interrupted");
            }
        }

        @Override
        public void resetPeak() {
            peak = -1;
        }

        @Override
        public long peakRssKb() {
            return peak;
        }

        @Override
        public void close() {
        }
    }

    // ------------------------------------------------------------------ the anchors' command lines

    /** {@code vipsthumbnail}, one call per size, as people use it. */
    static Commands vipsthumbnail() {
        return (image, outDir, profiles, quality, scratch) -> {
            List<List<String>> all = new ArrayList<>();
            for (DeviceProfile p : profiles) {
                List<String> c = new ArrayList<>(List.of("vipsthumbnail", image.path().toString(),
                        "--size", p.width() + "x" + p.height()));
                if (p.fit() == DeviceProfile.Fit.CROP) {
                    c.addAll(List.of("--smartcrop", "centre"));
                }
                c.addAll(List.of("-o", outDir.resolve(p.name() + ".jpg") + "[Q=" + quality + ",strip]"));
                all.add(c);
            }
            return all;
        };
    }

    /**
     * libvips decoding once: {@code vips thumbnail} (shrink-on-load) to the largest profile into an uncompressed
     * {@code .v} file, which the other sizes are made from, so the JPEG is decoded once.
     */
    static Commands vipsOnce() {
        return (image, outDir, profiles, quality, scratch) -> {
            DeviceProfile largest = null;
            for (DeviceProfile p : profiles) {
                if (p.fit() == DeviceProfile.Fit.WITHIN && (largest == null || p.width() * (long) p.height() > largest.width() * (long) largest.height())) {
                    largest = p;
                }
            }
            List<List<String>> all = new ArrayList<>();
            Path master = scratch.resolve("master.v");
            String jpeg = "[Q=" + quality + ",strip]";
            all.add(List.of("vips", "thumbnail", image.path().toString(), master.toString(),
                    Integer.toString(largest.width()), "--height", Integer.toString(largest.height())));
            for (DeviceProfile p : profiles) {
                String out = outDir.resolve(p.name() + ".jpg").toString();
                if (p.equals(largest)) {
                    all.add(List.of("vips", "copy", master.toString(), out + jpeg));
                } else {
                    List<String> c = new ArrayList<>(List.of("vips", "thumbnail", master.toString(), out + jpeg,
                            Integer.toString(p.width()), "--height", Integer.toString(p.height())));
                    if (p.fit() == DeviceProfile.Fit.CROP) {
                        c.addAll(List.of("--crop", "centre"));
                    }
                    all.add(c);
                }
            }
            return all;
        };
    }

    /**
     * ImageMagick's fast path: {@code -define jpeg:size=} (libjpeg decodes at a reduced scale, at least twice the
     * target) then {@code -thumbnail}, one call per size. {@code /usr/bin/convert}: on some machines
     * {@code /usr/local/bin/convert} is something else.
     */
    static Commands imageMagick() {
        return (image, outDir, profiles, quality, scratch) -> {
            List<List<String>> all = new ArrayList<>();
            for (DeviceProfile p : profiles) {
                DeviceProfile.Dimension d = p.targetFor(image.width(), image.height());
                String out = outDir.resolve(p.name() + ".jpg").toString();
                List<String> c = new ArrayList<>(List.of("/usr/bin/convert", "-define",
                        "jpeg:size=" + 2 * d.width() + "x" + 2 * d.height(), image.path().toString()));
                if (p.fit() == DeviceProfile.Fit.CROP) {
                    c.addAll(List.of("-thumbnail", d.width() + "x" + d.height() + "^", "-gravity", "center",
                            "-extent", d.width() + "x" + d.height()));
                } else {
                    c.addAll(List.of("-thumbnail", p.width() + "x" + p.height()));
                }
                c.addAll(List.of("-quality", Integer.toString(quality), out));
                all.add(c);
            }
            return all;
        };
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }
}
