package dev.mediapipeline.benchmarks;

import dev.mediapipeline.image.RenderOptions;
import dev.mediapipeline.model.DeviceProfile;
import dev.mediapipeline.model.DeviceProfiles;
import java.io.IOException;
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
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark behind {@code benchmarks/run}. Image part: generates the corpus, runs every side on every image,
 * interleaved (image by image, the order of sides rotating) and pinned to one core, scores each output's SSIM
 * against a Lanczos reference, measures the image engine's cold start and the local runtime. Video part:
 * {@link VideoBench}. Prints one Markdown report (also written to {@code --results}; a part switched off keeps its
 * section from the existing file). Figures only: nothing here passes or fails on speed.
 *
 * <p>Options (all optional): {@code --work DIR --results FILE --images12 N --images48 N --quality-images N
 * --quality-images48 N --sides a,b,c --reference imagemagick|java --pin CORE|none --heap SIZE --warmup N
 * --size12 WxH --size48 WxH --cold-start N --sample FILE --gen-threads N --root DIR --runtime auto|on|off
 * --runtime-cold N --e2e-sequential N --e2e-burst N --e2e-concurrency N --images on|off}, and the video part's
 * ({@link VideoBench.Settings}: {@code --video on|off --video-seconds N ...}).
 */
public final class Bench {

    static final DeviceProfiles PROFILES = DeviceProfiles.defaults();
    /** The sizes the reference numbers were measured at. */
    static final DeviceProfiles QUALITY_PROFILES = DeviceProfiles.parse("w768:768x1536,w320:320x640");
    static final int QUALITY = RenderOptions.DEFAULT_JPEG_QUALITY;
    static final List<String> ALL_SIDES = List.of("ours", "ours-jdk", "vips", "vips-once", "magick", "naive", "thumbnailator");
    static final List<String> JAVA_SIDES = List.of("ours", "ours-jdk", "naive", "thumbnailator");
    static final Map<String, String> LABELS = Map.of(
            "ours", "**ours** (image-core: FFmpeg DCT-domain decode, swscale Lanczos, JDK progressive encode)",
            "ours-jdk", "ours without FFmpeg (JDK libjpeg decode + Java Lanczos: the fallback path)",
            "vips", "`vipsthumbnail`, one call per size",
            "vips-once", "`vips` CLI, decoded once (`.v` intermediate, then each size)",
            "magick", "ImageMagick `convert -define jpeg:size=` `-thumbnail`, one call per size",
            "naive", "naive Java (`ImageIO.read` + `Graphics2D` bilinear, like AWS's sample)",
            "thumbnailator", "Thumbnailator 0.4.21 defaults, one call per size");

    record Options(Path work, Path results, int images12, int images48, int qualityImages12, int qualityImages48,
                   List<String> sides, Quality.Reference reference, String pin, String heap, int warmup,
                   int[] size12, int[] size48, int coldStartRuns, Path sample, int genThreads, String java,
                   String classpath, Path root, String runtime, int runtimeColdRuns, int e2eSequential, int e2eBurst,
                   int e2eConcurrency, boolean images, VideoBench.Settings video) {

        static Options parse(String[] args) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("options are --name value pairs; got " + args[i]);
                }
                m.put(args[i].substring(2), args[++i]);
            }
            String images = m.getOrDefault("images", "on");
            if (!List.of("on", "off").contains(images)) {
                throw new IllegalArgumentException("--images is on or off; got " + images);
            }
            Path root = Path.of(m.getOrDefault("root", ".")).toAbsolutePath().normalize();
            String pin = m.getOrDefault("pin", "0");
            Options o = new Options(
                    Path.of(m.getOrDefault("work", "benchmarks/work")).toAbsolutePath(),
                    m.containsKey("results") ? Path.of(m.get("results")).toAbsolutePath() : null,
                    Integer.parseInt(m.getOrDefault("images12", "20")),
                    Integer.parseInt(m.getOrDefault("images48", "5")),
                    Integer.parseInt(m.getOrDefault("quality-images", "5")),
                    Integer.parseInt(m.getOrDefault("quality-images48", "1")),
                    List.of(m.getOrDefault("sides", String.join(",", ALL_SIDES)).split(",")),
                    Quality.Reference.valueOf(m.getOrDefault("reference", "imagemagick").toUpperCase(Locale.ROOT)),
                    pin,
                    m.getOrDefault("heap", "256m"),
                    Integer.parseInt(m.getOrDefault("warmup", "3")),
                    size(m.getOrDefault("size12", "4000x3000")),
                    size(m.getOrDefault("size48", "8000x6000")),
                    Integer.parseInt(m.getOrDefault("cold-start", "5")),
                    Path.of(m.getOrDefault("sample", "sample-media/landscape.jpg")).toAbsolutePath(),
                    Integer.parseInt(m.getOrDefault("gen-threads", "2")),
                    m.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                    m.getOrDefault("classpath", System.getProperty("java.class.path")),
                    root,
                    m.getOrDefault("runtime", "auto"),
                    Integer.parseInt(m.getOrDefault("runtime-cold", "3")),
                    Integer.parseInt(m.getOrDefault("e2e-sequential", "50")),
                    Integer.parseInt(m.getOrDefault("e2e-burst", "200")),
                    Integer.parseInt(m.getOrDefault("e2e-concurrency", "2")),
                    images.equals("on"),
                    VideoBench.Settings.parse(m, pin, root));
            for (String s : o.sides) {
                if (!ALL_SIDES.contains(s)) {
                    throw new IllegalArgumentException("unknown side " + s + "; sides are " + ALL_SIDES);
                }
            }
            return o;
        }

        private static int[] size(String wxh) {
            String[] p = wxh.toLowerCase(Locale.ROOT).split("x");
            return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
        }
    }

    /** One measured set: a corpus run through the sides. */
    record Phase(String id, String title, List<Corpus.Image> images, int qualityImages, boolean smallSizes) {
    }

    /** What a phase produced per side. */
    static final class SideData {
        /** Display name in the tables. */
        final String side;
        /** Directory name of its outputs. */
        final String dir;
        final String label;
        final String heap;
        final List<Runners.Result> results = new ArrayList<>();
        long peakRssKb = -1;
        final Map<String, List<Double>> ssim = new TreeMap<>();
        long outputBytes;
        int outputSets;

        SideData(String side, String dir, String label, String heap) {
            this.side = side;
            this.dir = dir;
            this.label = label;
            this.heap = heap;
        }

        List<Runners.Result> ok() {
            return results.stream().filter(Runners.Result::ok).toList();
        }

        long failures() {
            return results.stream().filter(r -> !r.ok()).count();
        }

        double medianWall() {
            return median(ok().stream().mapToDouble(Runners.Result::wallMs).toArray());
        }

        double medianCpu() {
            return median(ok().stream().mapToDouble(Runners.Result::cpuMs).toArray());
        }

        double meanSsim(String profile) {
            List<Double> v = ssim.getOrDefault(profile, List.of());
            return v.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /**
         * Median over renders of one stage's wall time scaled by that render's CPU/wall ratio: an estimate of the
         * stage's CPU time that does not stretch when other work on the machine takes the core away.
         */
        double stage(String key) {
            double[] values = ok().stream().filter(r -> !detail(r.detail(), key).isEmpty() && r.wallMs() > 0)
                    .mapToDouble(r -> Double.parseDouble(detail(r.detail(), key)) * Math.min(1.0, r.cpuMs() / r.wallMs()))
                    .toArray();
            return median(values);
        }

        String method() {
            return ok().stream().map(r -> detail(r.detail(), "method")).filter(s -> !s.isEmpty()).findFirst()
                    .orElse("").replace('_', ' ');
        }
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        String report = run(o);
        System.out.println(report);
        if (o.results() != null) {
            Files.writeString(o.results(), report, StandardCharsets.UTF_8);
            System.err.println("wrote " + o.results());
        }
    }

    static String run(Options o) throws Exception {
        Path logs = o.work().resolve("logs");
        Files.createDirectories(logs);
        boolean pin = !o.pin().equals("none") && Files.isExecutable(Path.of("/usr/bin/taskset"));
        Runners.Launch launch = new Runners.Launch(pin ? List.of("taskset", "-c", o.pin()) : List.of(), logs,
                Files.isExecutable(Path.of("/usr/bin/time")));

        Map<String, String> facts = Facts.machine();
        facts.putAll(javaFacts(o, launch));
        facts.put("libvips", Facts.firstLine(List.of("vips", "--version")));
        facts.put("ImageMagick", Facts.firstLine(List.of("/usr/bin/convert", "-version")).replace("Version: ", ""));
        facts.put("ffmpeg (Debian package)", Facts.debianFfmpeg());

        List<String> sections = new ArrayList<>();
        sections.add(o.images() ? images(o, launch) : Report.kept(o.results(), "images", "Thumbnails"));
        sections.add(o.video().on() ? new VideoBench(o, logs).run() : Report.kept(o.results(), "video", "Video"));
        return Report.document(facts, sections);
    }

    /** The image part: thumbnails against the anchors, the encode modes, cold starts, the local runtime. */
    static String images(Options o, Runners.Launch launch) throws Exception {
        Instant started = Instant.now();
        String loadBefore = Facts.loadAverage();
        Path inputs = o.work().resolve("inputs");
        Path logs = launch.logs();

        List<Corpus.Image> images12 = Corpus.ensure(inputs, "photo12mp", o.images12(), o.size12()[0], o.size12()[1], 1200, o.genThreads());
        List<Corpus.Image> images48 = o.images48() > 0
                ? Corpus.ensure(inputs, "photo48mp", o.images48(), o.size48()[0], o.size48()[1], 4800, o.genThreads())
                : List.of();

        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase("12mp", String.format(Locale.ROOT, "%d JPEG%s at %.0f MP (%dx%d)", images12.size(), images12.size() == 1 ? "" : "s",
                images12.get(0).megapixels(), o.size12()[0], o.size12()[1]), images12, o.qualityImages12(), true));
        if (!images48.isEmpty()) {
            phases.add(new Phase("48mp", String.format(Locale.ROOT, "%d JPEG%s at %.0f MP (%dx%d)", images48.size(), images48.size() == 1 ? "" : "s",
                    images48.get(0).megapixels(), o.size48()[0], o.size48()[1]), images48, o.qualityImages48(), false));
        }

        Quality quality = new Quality(o.reference(), o.work().resolve("references"));
        Map<String, List<SideData>> measured = new LinkedHashMap<>();
        for (Phase phase : phases) {
            List<SideData> data = runPhase(phase, o.sides(), o.heap(), o, launch);
            // Java sides that ran out of memory in the capped heap: measured again with room, marked as such
            List<String> retry = data.stream().filter(d -> JAVA_SIDES.contains(d.dir)
                    && d.results.stream().anyMatch(Runners.Result::oom)).map(d -> d.dir).toList();
            if (!retry.isEmpty()) {
                data.addAll(runPhase(phase, retry, "2g", o, launch));
            }
            score(phase, data, quality, o);
            measured.put(phase.id(), data);
        }
        String encodeModes = encodeModes(o, launch, images12.get(0));
        List<ColdRun> cold = coldStart(o, launch);
        RuntimeBench.Results runtime = null;
        boolean runtimeWanted = o.runtime().equals("on") || (o.runtime().equals("auto") && RuntimeBench.available(o.root()));
        if (runtimeWanted) {
            runtime = new RuntimeBench(o.root(), o.work(), o.java(), logs).run(o.sample(), images12.get(0).path(),
                    o.runtimeColdRuns(), o.e2eSequential(), o.e2eBurst(), o.e2eConcurrency());
        }
        String measuredLine = String.format(Locale.ROOT, "Measured %s (took %d min, with the cold-start and local-runtime parts below);"
                        + " load average (1/5/15 min) at the start %s, at the end %s.",
                started.truncatedTo(ChronoUnit.SECONDS), Math.round((Instant.now().toEpochMilli() - started.toEpochMilli()) / 60000.0),
                loadBefore, Facts.loadAverage());
        return Report.images(o, measuredLine, phases, measured, encodeModes, cold, runtime, quality.reference());
    }

    private static Map<String, String> javaFacts(Options o, Runners.Launch launch) throws IOException {
        Map<String, String> f = new LinkedHashMap<>();
        Runners.WorkerRunner probe = new Runners.WorkerRunner("facts", "ours", o.java(), o.classpath(), o.heap(),
                o.work().resolve("javacpp"), launch);
        try {
            String[] j = probe.ask("java").split("\t");
            f.put("JDK", j[1] + " " + j[2] + " (" + j[3] + ")");
            f.put("JDK's JPEG codec (ImageIO)", Facts.jdkJpegCodec(j[4]));
            f.put("FFmpeg (ours, JavaCPP presets)", probe.ask("ffmpeg").split("\t")[1]);
        } finally {
            probe.close();
        }
        return f;
    }

    /** The JDK encoder's cost per mode for one desktop-sized rendition (pinned, in a worker); empty if it failed. */
    private static String encodeModes(Options o, Runners.Launch launch, Corpus.Image image) throws IOException {
        Runners.WorkerRunner worker = new Runners.WorkerRunner("encode-modes", "ours", o.java(), o.classpath(), o.heap(),
                o.work().resolve("javacpp"), launch);
        try {
            String[] reply = worker.ask("encode-modes\t" + image.path() + "\t" + QUALITY + "\t9").split("\t");
            return reply[0].equals("encode") ? reply[1] : "";
        } finally {
            worker.close();
        }
    }

    static List<SideData> runPhase(Phase phase, List<String> sides, String heap, Options o, Runners.Launch launch) throws IOException {
        Path out = o.work().resolve("out").resolve(phase.id());
        Path scratch = o.work().resolve("scratch");
        Map<String, Runners.Runner> runners = new LinkedHashMap<>();
        List<SideData> data = new ArrayList<>();
        boolean capped = heap.equals(o.heap());
        try {
            for (String side : sides) {
                String name = capped ? side : side + "-" + heap;
                runners.put(side, runner(side, name, heap, o, launch, scratch.resolve(name)));
                data.add(new SideData(capped ? side : side + " (-Xmx" + heap + ")", name, label(side, heap, capped), heap));
            }
            // warm-up: JIT, FFmpeg natives, file cache; not measured
            for (int w = 0; w < o.warmup(); w++) {
                Corpus.Image image = phase.images().get(w % phase.images().size());
                for (String side : sides) {
                    runners.get(side).run(image, o.work().resolve("out").resolve("warmup").resolve(side), PROFILES, QUALITY);
                }
            }
            runners.values().forEach(Runners.Runner::resetPeak);
            for (int i = 0; i < phase.images().size(); i++) {
                Corpus.Image image = phase.images().get(i);
                for (int k = 0; k < sides.size(); k++) {
                    int s = (i + k) % sides.size();
                    String side = sides.get(s);
                    Runners.Result r = runners.get(side).run(image, out.resolve(data.get(s).dir).resolve(image.name()), PROFILES, QUALITY);
                    data.get(s).results.add(r);
                    System.err.printf(Locale.ROOT, "[%s %d/%d] %-16s %s%n", phase.id(), i + 1, phase.images().size(),
                            data.get(s).side, r.ok() ? String.format(Locale.ROOT, "%6.0f ms wall %6.0f ms cpu", r.wallMs(), r.cpuMs()) : "FAILED " + r.failure());
                }
            }
            for (int s = 0; s < sides.size(); s++) {
                data.get(s).peakRssKb = runners.get(sides.get(s)).peakRssKb();
            }
            // the reference sizes (768 and 320 px wide), for quality only
            if (phase.smallSizes()) {
                for (int i = 0; i < Math.min(phase.qualityImages(), phase.images().size()); i++) {
                    Corpus.Image image = phase.images().get(i);
                    for (int s = 0; s < sides.size(); s++) {
                        runners.get(sides.get(s)).run(image, out.resolve(data.get(s).dir + "-small").resolve(image.name()),
                                QUALITY_PROFILES, QUALITY);
                    }
                }
            }
        } finally {
            runners.values().forEach(Runners.Runner::close);
        }
        return data;
    }

    private static String label(String side, String heap, boolean capped) {
        return LABELS.get(side) + (capped ? "" : ", with -Xmx" + heap);
    }

    private static Runners.Runner runner(String side, String name, String heap, Options o, Runners.Launch launch, Path scratch) {
        return switch (side) {
            case "vips" -> new Runners.CommandRunner(name, Runners.vipsthumbnail(), launch, scratch);
            case "vips-once" -> new Runners.CommandRunner(name, Runners.vipsOnce(), launch, scratch);
            case "magick" -> new Runners.CommandRunner(name, Runners.imageMagick(), launch, scratch);
            default -> new Runners.WorkerRunner(name, side, o.java(), o.classpath(), heap, o.work().resolve("javacpp"), launch);
        };
    }

    /** SSIM of the first images' outputs, per profile, on two threads (nothing is being timed now). */
    static void score(Phase phase, List<SideData> data, Quality quality, Options o) throws Exception {
        Path out = o.work().resolve("out").resolve(phase.id());
        int n = Math.min(phase.qualityImages(), phase.images().size());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // references first, one thread per image, so two tasks never make the same file
            List<Future<?>> refs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Corpus.Image image = phase.images().get(i);
                refs.add(pool.submit(() -> {
                    for (DeviceProfile p : PROFILES) {
                        quality.reference(image, p);
                    }
                    if (phase.smallSizes()) {
                        for (DeviceProfile p : QUALITY_PROFILES) {
                            quality.reference(image, p);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : refs) {
                f.get();
            }
            List<Future<?>> jobs = new ArrayList<>();
            for (SideData d : data) {
                for (int i = 0; i < n; i++) {
                    Corpus.Image image = phase.images().get(i);
                    if (i >= d.results.size() || !d.results.get(i).ok()) {
                        continue; // a failed render may have left some outputs: they are not scored
                    }
                    jobs.add(pool.submit(() -> {
                        Map<String, Double> values = new LinkedHashMap<>();
                        for (DeviceProfile p : PROFILES) {
                            values.put(p.name(), quality.ssim(image, p, out.resolve(d.dir).resolve(image.name()).resolve(p.name() + ".jpg")));
                        }
                        if (phase.smallSizes()) {
                            for (DeviceProfile p : QUALITY_PROFILES) {
                                values.put(p.name(), quality.ssim(image, p, out.resolve(d.dir + "-small").resolve(image.name()).resolve(p.name() + ".jpg")));
                            }
                        }
                        synchronized (d) {
                            values.forEach((k, v) -> d.ssim.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                        }
                        return null;
                    }));
                }
                // output size: all profiles of every image this side rendered
                for (int i = 0; i < phase.images().size(); i++) {
                    Corpus.Image image = phase.images().get(i);
                    if (i >= d.results.size() || !d.results.get(i).ok()) {
                        continue;
                    }
                    Path dir = out.resolve(d.dir).resolve(image.name());
                    long total = 0;
                    boolean all = true;
                    for (DeviceProfile p : PROFILES) {
                        Path f = dir.resolve(p.name() + ".jpg");
                        if (Files.isRegularFile(f)) {
                            total += Files.size(f);
                        } else {
                            all = false;
                        }
                    }
                    if (all) {
                        d.outputBytes += total;
                        d.outputSets++;
                    }
                }
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    static final List<String> COLD_MODES = List.of("ffmpeg-empty-cache", "ffmpeg-preload", "ffmpeg-cached", "jdk");

    /** One fresh-JVM render. */
    record ColdRun(String mode, double processMs, double mainMs, double loadMs, double initMs, double firstMs, double secondMs,
                   String method) {
    }

    /**
     * Fresh JVMs rendering one small image, each mode repeated: FFmpeg with an empty JavaCPP cache (a new Lambda
     * sandbox), the same with the natives loading in the background from the start (what the function does),
     * FFmpeg with the natives already extracted, and the JDK decoders only.
     */
    static List<ColdRun> coldStart(Options o, Runners.Launch launch) throws IOException, InterruptedException {
        List<ColdRun> runs = new ArrayList<>();
        if (o.coldStartRuns() <= 0 || !Files.isRegularFile(o.sample())) {
            return runs;
        }
        Path warmCache = o.work().resolve("javacpp");
        for (int i = 0; i < o.coldStartRuns(); i++) {
            for (String mode : COLD_MODES) {
                Path cache = mode.equals("ffmpeg-cached") ? warmCache : o.work().resolve("javacpp-cold-" + i);
                deleteTree(o.work().resolve("javacpp-cold-" + i));
                List<String> c = new ArrayList<>(launch.prefix());
                c.addAll(List.of(o.java(), "-Xmx" + o.heap(), "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                        "--enable-native-access=ALL-UNNAMED", "-Dorg.bytedeco.javacpp.cachedir=" + cache,
                        "-cp", o.classpath(), ColdStart.class.getName(),
                        mode.equals("ffmpeg-preload") ? "ffmpeg-preload" : mode.startsWith("ffmpeg") ? "ffmpeg" : "jdk",
                        o.sample().toString()));
                ProcessBuilder pb = new ProcessBuilder(c);
                pb.environment().put("LOG_LEVEL", "WARN");
                pb.redirectError(ProcessBuilder.Redirect.appendTo(launch.logs().resolve("coldstart.log").toFile()));
                long t0 = System.nanoTime();
                Process p = pb.start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                double wall = (System.nanoTime() - t0) / 1e6;
                String line = output.lines().filter(l -> l.startsWith("main=")).findFirst().orElse(null);
                if (line == null) {
                    System.err.println("cold start " + mode + " failed: " + output);
                    continue;
                }
                Map<String, String> kv = new LinkedHashMap<>();
                for (String part : line.split(" ")) {
                    String[] x = part.split("=", 2);
                    kv.put(x[0], x[1]);
                }
                runs.add(new ColdRun(mode, wall, Double.parseDouble(kv.get("main")), Double.parseDouble(kv.get("load")),
                        Double.parseDouble(kv.get("init")), Double.parseDouble(kv.get("first")), Double.parseDouble(kv.get("second")), kv.get("method").replace('_', ' ')));
                System.err.printf(Locale.ROOT, "[cold %d/%d] %-18s %s (process %.0f ms)%n", i + 1, o.coldStartRuns(), mode, line, wall);
            }
            deleteTree(o.work().resolve("javacpp-cold-" + i));
        }
        return runs;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    static String detail(String detail, String key) {
        for (String part : detail.split(";")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return "";
    }
}
