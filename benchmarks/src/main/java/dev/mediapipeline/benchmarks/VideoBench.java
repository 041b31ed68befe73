package dev.mediapipeline.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The video part of {@code benchmarks/run} (issues 6 and 7): a generated clip (60 s 1080p30 by default) transcoded to
 * the function's default ladder by ours and by {@code ffmpeg} command lines at identical settings, each side in its
 * own process pinned to the same core(s), interleaved; the encoders' output quality (SSIM of the top and bottom rung
 * against the same scaled source, and the video bitrate they reached); and segment-parallel mode through the real
 * service with 1, 2 and 4 concurrent workers. The Java sides run {@code TranscodeBenchmark} (transcode-function's
 * test sources) in a {@link VideoWorker} JVM each.
 *
 * <p>Sides: {@code ours} (the default build: LGPL FFmpeg 7.1 natives, OpenH264), {@code cli-openh264} (the
 * {@code ffmpeg} 7.1 executable shipped in those very natives: same libraries, same encoder — Debian's ffmpeg has no
 * OpenH264), {@code ours-x264} (ours on the {@code -gpl} natives that {@code -Pgpl} builds with: libx264),
 * {@code cli-x264} (the {@code ffmpeg} executable of the {@code -gpl} natives), {@code debian-x264} (Debian's
 * {@code ffmpeg} package with its libx264, the anchor).
 */
final class VideoBench {

    static final List<String> ALL_SIDES = List.of("ours", "cli-openh264", "ours-x264", "cli-x264", "debian-x264");
    static final String DEBIAN_FFMPEG = "/usr/bin/ffmpeg";

    /**
     * The video options: {@code --video on|off --video-seconds N --video-size WxH --video-sides a,b --video-pin
     * CPUS|none --video-parallel-pin CPUS|none --video-workers 1,2,4 --video-runs N --video-quality-seconds N
     * --video-heap SIZE --gpl-natives DIR}. CPU lists as taskset takes them ({@code 0}, {@code 0,1}, {@code 0-3});
     * {@code none}: every core.
     */
    record Settings(boolean on, double seconds, int width, int height, List<String> sides, String pin, String parallelPin,
                    List<Integer> workers, int runs, double qualitySeconds, String heap, Path gplNatives) {

        static Settings parse(Map<String, String> m, String imagePin, Path root) {
            String mode = m.getOrDefault("video", "on");
            if (!List.of("on", "off").contains(mode)) {
                throw new IllegalArgumentException("--video is on or off; got " + mode);
            }
            String[] size = m.getOrDefault("video-size", "1920x1080").toLowerCase(Locale.ROOT).split("x");
            List<String> sides = List.of(m.getOrDefault("video-sides", String.join(",", ALL_SIDES)).split(","));
            for (String s : sides) {
                if (!ALL_SIDES.contains(s)) {
                    throw new IllegalArgumentException("unknown video side " + s + "; sides are " + ALL_SIDES);
                }
            }
            return new Settings(mode.equals("on"),
                    Double.parseDouble(m.getOrDefault("video-seconds", "60")),
                    Integer.parseInt(size[0]), Integer.parseInt(size[1]), sides,
                    m.getOrDefault("video-pin", imagePin),
                    m.getOrDefault("video-parallel-pin", "none"),
                    Arrays.stream(m.getOrDefault("video-workers", "1,2,4").split(",")).map(String::trim).map(Integer::parseInt).toList(),
                    Integer.parseInt(m.getOrDefault("video-runs", "1")),
                    Double.parseDouble(m.getOrDefault("video-quality-seconds", "10")),
                    m.getOrDefault("video-heap", "1g"),
                    Path.of(m.getOrDefault("gpl-natives", root.resolve("benchmarks/target/natives-gpl").toString())).toAbsolutePath());
        }
    }

    /** One side. */
    record Side(String name, String encoder, boolean java, boolean gpl, String ffmpeg, String label) {
    }

    static Side side(String name) {
        return switch (name) {
            case "ours" -> new Side(name, "libopenh264", true, false, null,
                    "**ours**: transcode-function as shipped (LGPL FFmpeg 7.1 natives of JavaCPP 1.5.11, OpenH264)");
            case "cli-openh264" -> new Side(name, "libopenh264", false, false, "bundled",
                    "the `ffmpeg` 7.1 executable shipped in the same JavaCPP natives (same libraries, same OpenH264), `-c:v libopenh264`");
            case "ours-x264" -> new Side(name, "libx264", true, true, null,
                    "ours on the `-gpl` natives (what `./mvnw -Pgpl package` ships): libx264 `veryfast`");
            case "cli-x264" -> new Side(name, "libx264", false, true, "bundled",
                    "the `ffmpeg` 7.1 executable of the `-gpl` natives, `-c:v libx264` (same libraries as ours-x264)");
            case "debian-x264" -> new Side(name, "libx264", false, false, DEBIAN_FFMPEG,
                    "Debian's `ffmpeg` package (`/usr/bin/ffmpeg`) with its own libx264, `-c:v libx264`");
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** One measured transcode. */
    record Run(boolean ok, String failure, double wallS, double cpuS, long rssKb, String encoder, String load) {
        static Run failed(String why, String load) {
            return new Run(false, why, Double.NaN, Double.NaN, -1, "", load);
        }
    }

    /** Output quality of one rung: the video bitrate reached over the whole clip, SSIM (luma) over the first seconds. */
    record RungQuality(String rung, double kbps, double ssim) {
    }

    /** What a side gave. */
    static final class SideData {
        final Side side;
        final List<Run> runs = new ArrayList<>();
        final List<RungQuality> quality = new ArrayList<>();
        String skipped;
        String encoder = "";

        SideData(Side side) {
            this.side = side;
        }

        List<Run> ok() {
            return runs.stream().filter(Run::ok).toList();
        }

        double wall() {
            return Bench.median(ok().stream().mapToDouble(Run::wallS).toArray());
        }

        double cpu() {
            return Bench.median(ok().stream().mapToDouble(Run::cpuS).toArray());
        }

        long rss() {
            return ok().stream().mapToLong(Run::rssKb).max().orElse(-1);
        }
    }

    /** One segment-parallel run. */
    record ParallelRun(int workers, int threads, boolean ok, String failure, int chunks, double plannerS, List<Double> chunkS,
                       double wallS, double cpuS, long rssKb, String encoder, String load) {
    }

    /** Everything the section shows. */
    record Results(Settings settings, String source, String sourceFacts, List<String> ladder, String ffmpegVersion,
                   String debianFfmpeg, boolean debianOpenh264, List<SideData> sides, List<ParallelRun> parallel, int pinThreads, int parallelThreads,
                   String pinText, String parallelPinText, String started, String took, String loadStart, String loadEnd) {
    }

    private final Bench.Options o;
    private final Settings s;
    private final Path logs;
    private final Path dir;

    VideoBench(Bench.Options o, Path logs) {
        this.o = o;
        this.s = o.video();
        this.logs = logs;
        this.dir = o.work().resolve("video");
    }

    /** Runs the video part and returns its Markdown section. */
    String run() throws Exception {
        Instant started = Instant.now();
        String loadStart = Facts.loadAverage();
        Files.createDirectories(dir);
        Path inputs = Files.createDirectories(o.work().resolve("inputs"));
        String clipName = String.format(Locale.ROOT, "video-%dx%d-%ss.mp4", s.width(), s.height(), trim(s.seconds()));
        Path source = inputs.resolve(clipName);
        int cores = Facts.cores();
        List<String> all = List.of("0-" + (cores - 1));
        List<String> pin = taskset(s.pin(), all);
        List<String> parallelPin = taskset(s.parallelPin(), all);
        List<String> everyCore = taskset("none", all);
        int pinThreads = cpuCount(s.pin(), cores);
        int parallelThreads = cpuCount(s.parallelPin(), cores);
        String gplClasspath = gplClasspath(o.classpath(), s.gplNatives());

        // ---- preparation, on every core (nothing timed): the clip, the versions, the command lines
        List<SideData> sides = new ArrayList<>();
        for (String name : s.sides()) {
            sides.add(new SideData(side(name)));
        }
        Map<String, List<String>> commands = new LinkedHashMap<>();
        String ffmpegVersion;
        List<String> ladder;
        try (Jvm jvm = new Jvm("video-prepare", everyCore, o.classpath(), o.work().resolve("javacpp"))) {
            String[] info = jvm.ask("info").split("\t");
            ffmpegVersion = info[1];
            if (!Files.isRegularFile(source)) {
                System.err.printf(Locale.ROOT, "[video] generating %s (%s s at %dx%d)...%n", clipName, trim(s.seconds()), s.width(), s.height());
                String[] g = jvm.ask(String.join("\t", "generate", source.toString(), Integer.toString(s.width()),
                        Integer.toString(s.height()), Double.toString(s.seconds()))).split("\t");
                if (!g[0].equals("ok")) {
                    throw new IOException("could not generate the clip: " + String.join(" ", g));
                }
                System.err.printf(Locale.ROOT, "[video] generated in %s s%n", g[1]);
            }
            ladder = List.of(jvm.ask("ladder\t" + source).split("\t")[1].split(","));
            for (SideData d : sides) {
                if (d.side.java() || d.side.gpl()) {
                    continue;
                }
                String ffmpeg = d.side.ffmpeg().equals("bundled") ? info[3] : d.side.ffmpeg();
                if (!Files.isExecutable(Path.of(ffmpeg))) {
                    d.skipped = ffmpeg + " is not installed";
                    continue;
                }
                commands.put(d.side.name(), cli(jvm, ffmpeg, d.side, source, pinThreads));
                d.encoder = d.side.encoder();
            }
        }
        boolean needGpl = sides.stream().anyMatch(d -> d.side.gpl());
        if (needGpl && gplClasspath == null) {
            sides.stream().filter(d -> d.side.gpl()).forEach(d -> d.skipped = "the -gpl natives are not in " + s.gplNatives()
                    + " (benchmarks/run downloads them)");
        } else if (needGpl) {
            try (Jvm jvm = new Jvm("video-prepare-gpl", everyCore, gplClasspath, o.work().resolve("javacpp-gpl"))) {
                String[] info = jvm.ask("info").split("\t");
                for (SideData d : sides) {
                    if (d.side.gpl() && !d.side.java()) {
                        commands.put(d.side.name(), cli(jvm, info[3], d.side, source, pinThreads));
                        d.encoder = d.side.encoder();
                    }
                }
            }
        }

        // ---- the transcodes, interleaved run by run, every side on the same pinned core(s)
        List<SideData> active = sides.stream().filter(d -> d.skipped == null).toList();
        for (int r = 0; r < s.runs(); r++) {
            for (int k = 0; k < active.size(); k++) {
                SideData d = active.get((r + k) % active.size());
                Path out = dir.resolve("out").resolve(d.side.name());
                String load = Facts.loadAverage().split(" / ")[0];
                Run run = d.side.java()
                        ? ours(d.side, source, out, pin, pinThreads, d.side.gpl() ? gplClasspath : o.classpath())
                        : cliRun(d.side, commands.get(d.side.name()), out, pin, load);
                d.runs.add(run);
                if (run.ok() && d.side.java()) {
                    d.encoder = run.encoder();
                }
                System.err.printf(Locale.ROOT, "[video %d/%d] %-12s %s (load %s)%n", r + 1, s.runs(), d.side.name(),
                        run.ok() ? String.format(Locale.ROOT, "%6.1f s wall %6.1f s cpu", run.wallS(), run.cpuS()) : "FAILED " + run.failure(), load);
            }
        }

        // ---- output quality of the last run of each side (not timed: on every core)
        if (s.qualitySeconds() > 0) {
            quality(active, source, ladder);
        }

        // ---- segment-parallel mode through the service
        List<ParallelRun> parallel = new ArrayList<>();
        int chunkSegments = dev.mediapipeline.transcode.TranscodeBenchmark.chunkSegments(s.seconds());
        for (int r = 0; r < s.runs(); r++) {
            for (int k = 0; k < s.workers().size(); k++) {
                // interleaved like the sides: the order rotates from run to run
                int workers = s.workers().get((r + k) % s.workers().size());
                int threads = Math.max(1, parallelThreads / workers);
                String load = Facts.loadAverage().split(" / ")[0];
                ParallelRun p = parallel(source, parallelPin, workers, threads, chunkSegments, load);
                parallel.add(p);
                System.err.printf(Locale.ROOT, "[video parallel %d/%d] %d worker(s) x %d thread(s): %s (load %s)%n", r + 1,
                        s.runs(), workers, threads, p.ok() ? String.format(Locale.ROOT, "%d chunks, planner %.1f s, wall %.1f s, cpu %.1f s",
                                p.chunks(), p.plannerS(), p.wallS(), p.cpuS()) : "FAILED " + p.failure(), load);
            }
        }
        parallel.sort(java.util.Comparator.comparingInt(ParallelRun::workers));

        String sourceFacts = String.format(Locale.ROOT, "%.1f MB, %.1f Mb/s", Files.size(source) / 1e6, Files.size(source) * 8 / s.seconds() / 1e6);
        boolean debianOpenh264 = Files.isExecutable(Path.of(DEBIAN_FFMPEG)) && Facts.lines(List.of(DEBIAN_FFMPEG, "-hide_banner", "-encoders"))
                .stream().anyMatch(l -> l.contains("libopenh264"));
        Results results = new Results(s, clipName, sourceFacts, ladder, ffmpegVersion, Facts.debianFfmpeg(), debianOpenh264, sides, parallel,
                pinThreads, parallelThreads, pinText(s.pin(), cores), pinText(s.parallelPin(), cores),
                started.truncatedTo(ChronoUnit.SECONDS).toString(),
                Math.round((Instant.now().toEpochMilli() - started.toEpochMilli()) / 60000.0) + " min", loadStart, Facts.loadAverage());
        return VideoReport.render(results);
    }

    // ------------------------------------------------------------------ sides

    private List<String> cli(Jvm jvm, String ffmpeg, Side side, Path source, int threads) throws IOException {
        Path out = dir.resolve("out").resolve(side.name());
        String[] reply = jvm.ask(String.join("\t", "cli", ffmpeg, side.encoder(), source.toString(), out.toString(),
                Integer.toString(threads))).split("\t");
        if (!reply[0].equals("cli")) {
            throw new IOException("no command line for " + side.name() + ": " + String.join(" ", reply));
        }
        return List.of(reply).subList(1, reply.length);
    }

    private Run ours(Side side, Path source, Path out, List<String> pin, int threads, String classpath) {
        String load = Facts.loadAverage().split(" / ")[0];
        try (Jvm jvm = new Jvm("video-" + side.name(), pin, classpath, o.work().resolve(side.gpl() ? "javacpp-gpl" : "javacpp"))) {
            String[] f = jvm.ask(String.join("\t", "ours", source.toString(), out.toString(), side.encoder(),
                    Integer.toString(threads))).split("\t");
            if (!f[0].equals("ok")) {
                return Run.failed(String.join(" ", f), load);
            }
            return new Run(true, "", Long.parseLong(f[1]) / 1e9, Long.parseLong(f[2]) / 1e9, Long.parseLong(f[3]), f[4], load);
        } catch (IOException | RuntimeException e) {
            return Run.failed(e.getMessage(), load);
        }
    }

    /** The command line under /usr/bin/time (CPU = user + system of the process, peak RSS) and the pin. */
    private Run cliRun(Side side, List<String> template, Path out, List<String> pin, String load) {
        try {
            Bench.deleteTree(out);
            Files.createDirectories(out);
            Path stats = dir.resolve(side.name() + ".time");
            List<String> full = new ArrayList<>();
            boolean time = Files.isExecutable(Path.of("/usr/bin/time"));
            if (time) {
                full.addAll(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", stats.toString()));
            }
            full.addAll(pin);
            full.addAll(template);
            ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("video-" + side.name() + ".log").toFile()));
            long t0 = System.nanoTime();
            int code = pb.start().waitFor();
            double wall = (System.nanoTime() - t0) / 1e9;
            if (code != 0) {
                return Run.failed("exited with " + code + " (see " + logs.resolve("video-" + side.name() + ".log") + ")", load);
            }
            double cpu = Double.NaN;
            long rss = -1;
            if (time) {
                String[] f = Files.readString(stats).trim().split("\\s+");
                cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
                rss = Long.parseLong(f[3]);
            }
            return new Run(true, "", wall, cpu, rss, side.encoder(), load);
        } catch (IOException | RuntimeException e) {
            return Run.failed(e.toString(), load);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Run.failed("interrupted", load);
        }
    }

    private ParallelRun parallel(Path source, List<String> pin, int workers, int threads, int chunkSegments, String load) {
        try (Jvm jvm = new Jvm("video-parallel", pin, o.classpath(), o.work().resolve("javacpp"))) {
            String[] f = jvm.ask(String.join("\t", "parallel", source.toString(), dir.resolve("parallel").toString(),
                    Integer.toString(workers), Integer.toString(threads), Integer.toString(chunkSegments))).split("\t");
            if (!f[0].equals("ok")) {
                return new ParallelRun(workers, threads, false, String.join(" ", f), 0, Double.NaN, List.of(), Double.NaN,
                        Double.NaN, -1, "", load);
            }
            List<Double> chunks = f[7].isEmpty() ? List.of() : Arrays.stream(f[7].split(",")).map(Double::parseDouble).toList();
            return new ParallelRun(workers, threads, true, "", Integer.parseInt(f[5]), Double.parseDouble(f[6]), chunks,
                    Long.parseLong(f[1]) / 1e9, Long.parseLong(f[2]) / 1e9, Long.parseLong(f[3]), f[4], load);
        } catch (IOException | RuntimeException e) {
            return new ParallelRun(workers, threads, false, e.getMessage(), 0, Double.NaN, List.of(), Double.NaN, Double.NaN, -1, "", load);
        }
    }

    // ------------------------------------------------------------------ quality

    /**
     * For the top and bottom rung of each side: the video bitrate over the whole clip (ffprobe, video packets only:
     * ours muxes the audio into every rung, the CLI into its own playlist) and SSIM (luma) over the first seconds
     * against the source scaled with the very filter both sides use, so it measures what the encoder lost. Two at a
     * time, on every core; nothing is timed now.
     */
    private void quality(List<SideData> sides, Path source, List<String> ladder) throws Exception {
        String ffmpeg = Files.isExecutable(Path.of(DEBIAN_FFMPEG)) ? DEBIAN_FFMPEG : null;
        String ffprobe = Files.isExecutable(Path.of("/usr/bin/ffprobe")) ? "/usr/bin/ffprobe" : null;
        if (ffmpeg == null) {
            System.err.println("[video] no /usr/bin/ffmpeg: output quality not measured");
            return;
        }
        List<String> rungs = ladder.size() == 1 ? ladder : List.of(ladder.get(0), ladder.get(ladder.size() - 1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Map<SideData, List<Future<RungQuality>>> jobs = new LinkedHashMap<>();
            for (SideData d : sides) {
                if (d.ok().isEmpty()) {
                    continue;
                }
                Path out = dir.resolve("out").resolve(d.side.name());
                List<Future<RungQuality>> list = new ArrayList<>();
                for (String rung : rungs) {
                    String[] r = rung.split(":");
                    List<Path> segments = segments(out, r[0], d.side.java());
                    list.add(pool.submit(() -> new RungQuality(r[0], kbps(ffprobe, segments), ssim(ffmpeg, segments, source, r[1]))));
                }
                jobs.put(d, list);
            }
            for (Map.Entry<SideData, List<Future<RungQuality>>> e : jobs.entrySet()) {
                for (Future<RungQuality> f : e.getValue()) {
                    e.getKey().quality.add(f.get());
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** Ours: {@code out/<rung>/<run>-NNNNN.ts}; the CLI: {@code out/<rung>-NNNNN.ts}. In order. */
    static List<Path> segments(Path out, String rung, boolean ours) throws IOException {
        Path where = ours ? out.resolve(rung) : out;
        if (!Files.isDirectory(where)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(where)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ts"))
                    .filter(p -> ours || p.getFileName().toString().startsWith(rung + "-"))
                    .sorted().toList();
        }
    }

    private double kbps(String ffprobe, List<Path> segments) throws IOException, InterruptedException {
        if (ffprobe == null || segments.isEmpty()) {
            return Double.NaN;
        }
        long bytes = 0;
        for (String line : output(List.of(ffprobe, "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=size",
                "-of", "csv=p=0", concat(segments)))) {
            String v = line.trim().replace(",", "");
            if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
                bytes += Long.parseLong(v);
            }
        }
        return bytes * 8 / s.seconds() / 1000;
    }

    private static final Pattern SSIM = Pattern.compile("SSIM Y:([0-9.]+)");

    private double ssim(String ffmpeg, List<Path> segments, Path source, String size) throws IOException, InterruptedException {
        if (segments.isEmpty()) {
            return Double.NaN;
        }
        String[] wh = size.split("x");
        String t = Double.toString(s.qualitySeconds());
        String filter = "[0:v]setpts=PTS-STARTPTS,format=yuv420p,setsar=1[d];"
                + "[1:v]setpts=PTS-STARTPTS,scale=w=" + wh[0] + ":h=" + wh[1]
                + ":flags=bicubic:out_color_matrix=bt709:out_range=tv,format=yuv420p,setsar=1[r];[d][r]ssim";
        List<String> lines = output(List.of(ffmpeg, "-hide_banner", "-nostdin", "-t", t, "-i", concat(segments),
                "-t", t, "-i", source.toString(), "-filter_complex", filter, "-an", "-f", "null", "-"));
        for (String l : lines) {
            Matcher m = SSIM.matcher(l);
            if (m.find()) {
                return Double.parseDouble(m.group(1));
            }
        }
        System.err.println("[video] no SSIM in ffmpeg's output: " + String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        return Double.NaN;
    }

    private static String concat(List<Path> segments) {
        return "concat:" + String.join("|", segments.stream().map(Path::toString).toList());
    }

    private static List<String> output(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().toList();
    }

    // ------------------------------------------------------------------ cores and classpaths

    /** The taskset prefix for a CPU list; {@code none}: every core (explicitly: benchmarks/run pins its driver). */
    static List<String> taskset(String cpus, List<String> all) {
        if (!Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            return List.of();
        }
        List<String> c = new ArrayList<>(List.of("taskset", "-c"));
        c.add(cpus.equals("none") ? all.get(0) : cpus);
        return c;
    }

    /** How many CPUs a taskset list names ({@code none}: all). */
    static int cpuCount(String cpus, int cores) {
        if (cpus.equals("none")) {
            return cores;
        }
        int n = 0;
        for (String part : cpus.split(",")) {
            String[] range = part.trim().split("-");
            n += range.length == 1 ? 1 : Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        }
        return Math.max(1, n);
    }

    private static String pinText(String cpus, int cores) {
        return cpus.equals("none") ? "all " + cores + " cores (`taskset -c 0-" + (cores - 1) + "`)"
                : cpuCount(cpus, cores) == 1 ? "one core (`taskset -c " + cpus + "`)"
                : cpuCount(cpus, cores) + " cores (`taskset -c " + cpus + "`)";
    }

    /**
     * The classpath with the FFmpeg natives jars swapped for their {@code -gpl} builds (libx264), or null when those
     * are not in {@code dir}.
     */
    static String gplClasspath(String classpath, Path dir) {
        Pattern natives = Pattern.compile("(ffmpeg-[^/]*-linux-(?:x86_64|arm64))\\.jar$");
        List<String> entries = new ArrayList<>();
        boolean swapped = false;
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            Matcher m = natives.matcher(entry);
            if (m.find()) {
                Path gpl = dir.resolve(m.group(1) + "-gpl.jar");
                if (!Files.isRegularFile(gpl)) {
                    return null;
                }
                entries.add(gpl.toString());
                swapped = true;
            } else {
                entries.add(entry);
            }
        }
        return swapped ? String.join(java.io.File.pathSeparator, entries) : null;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    // ------------------------------------------------------------------ a VideoWorker JVM

    /** A {@link VideoWorker} JVM under a CPU pin, asked one line at a time. */
    private final class Jvm implements AutoCloseable {
        private final Process process;
        private final BufferedReader replies;
        private final PrintWriter requests;
        private final String name;

        Jvm(String name, List<String> pin, String classpath, Path javacppCache) throws IOException {
            this.name = name;
            List<String> c = new ArrayList<>(pin);
            c.addAll(List.of(o.java(), "-Xmx" + s.heap(), "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                    "--enable-native-access=ALL-UNNAMED", "-Dorg.bytedeco.javacpp.cachedir=" + javacppCache,
                    "-cp", classpath, VideoWorker.class.getName()));
            ProcessBuilder pb = new ProcessBuilder(c);
            pb.environment().put("LOG_LEVEL", "WARN");
            pb.redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
            process = pb.start();
            replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            requests = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        }

        String ask(String line) throws IOException {
            requests.println(line);
            String reply = replies.readLine();
            if (reply == null) {
                throw new IOException("the " + name + " JVM exited; see " + logs.resolve(name + ".log"));
            }
            return reply;
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                requests.println("quit");
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        }
    }
}
