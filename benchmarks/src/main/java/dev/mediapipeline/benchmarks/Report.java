package dev.mediapipeline.benchmarks;

import dev.mediapipeline.model.DeviceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the benchmark's Markdown report (printed, and written to benchmarks/RESULTS.md by benchmarks/run). */
final class Report {

    private Report() {
    }

    /** The whole file: the machine's facts, then each part's section (measured now, or kept from an earlier run). */
    static String document(Map<String, String> facts, List<String> sections) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `benchmarks/run` (figures only: nothing here fails a build). Re-run it to refresh this file;\n");
        md.append("do not edit by hand. Each part says when it was measured and under what load; a part skipped in a run\n");
        md.append("(`--images off`, `--video off`) keeps its section from the previous file. How each figure is measured is at\n");
        md.append("the end of its part.\n\n");
        md.append("## Machine\n\n| | |\n|---|---|\n");
        facts.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');
        for (String section : sections) {
            md.append(section);
        }
        return md.toString();
    }

    static String sectionStart(String name) {
        return "<!-- section:" + name + " -->\n";
    }

    static String sectionEnd(String name) {
        return "<!-- /section:" + name + " -->\n\n";
    }

    /**
     * A part that was not run: its section from the existing results file (between its markers, kept verbatim with
     * the date it was measured), or a placeholder.
     */
    static String kept(java.nio.file.Path results, String name, String title) {
        if (results != null && java.nio.file.Files.isRegularFile(results)) {
            try {
                String old = java.nio.file.Files.readString(results);
                int from = old.indexOf(sectionStart(name));
                int to = old.indexOf("<!-- /section:" + name + " -->");
                if (from >= 0 && to > from) {
                    return old.substring(from, to) + sectionEnd(name);
                }
            } catch (java.io.IOException e) {
                // fall through to the placeholder
            }
        }
        return sectionStart(name) + "## " + title + "\n\nNot measured yet (skipped in this run, and not in the previous results file).\n\n"
                + sectionEnd(name);
    }

    /** The image part: thumbnails, targets, cold starts, the local runtime. */
    static String images(Bench.Options o, String measuredLine, List<Bench.Phase> phases,
                         Map<String, List<Bench.SideData>> measured, String encodeModes, List<Bench.ColdRun> cold,
                         RuntimeBench.Results runtime, Quality.Reference reference) {
        StringBuilder md = new StringBuilder();
        md.append(sectionStart("images"));
        md.append("## Thumbnails\n\n");
        md.append(measuredLine).append("\n\n");
        md.append("Every side makes the same 4 renditions of each source — `phone` 640×1280, `tablet` 1280×2560, `desktop` 1920×3840\n");
        md.append("(fit within, aspect kept) and `square` 256×256 (centre crop) — as JPEG quality ").append(Bench.QUALITY)
                .append(", one image after the other,\n");
        md.append("the sides interleaved image by image, every process pinned to one core (`taskset -c ").append(o.pin())
                .append("`). Inputs: photo-like\nscenes from image-core's `PhotoGenerator`, baseline 4:2:0 JPEG q")
                .append(Corpus.INPUT_QUALITY).append(". **ours ÷ side** below 1 means ours is faster.\n\n");

        for (Bench.Phase phase : phases) {
            List<Bench.SideData> data = measured.get(phase.id());
            Bench.SideData ours = find(data, "ours");
            md.append("### ").append(phase.title()).append("\n\n");
            List<String> header = new ArrayList<>(List.of("side", "median ms / image (wall)", "median CPU ms / image",
                    "ours ÷ side (wall)", "ours ÷ side (CPU)", "peak RSS MB"));
            for (DeviceProfile p : Bench.PROFILES) {
                header.add("SSIM " + p.name());
            }
            if (phase.smallSizes()) {
                header.add("SSIM 768 px");
                header.add("SSIM 320 px");
            }
            header.add("KB / image (4 files)");
            md.append(row(header)).append(separator(header.size()));
            for (Bench.SideData d : data) {
                List<String> r = new ArrayList<>();
                r.add(d.side.equals("ours") ? "**ours**" : d.side);
                String failures = d.failures() > 0 ? " (" + d.failures() + " of " + d.results.size() + " failed: "
                        + firstFailure(d) + ")" : "";
                r.add(fmt(d.medianWall(), 0) + failures);
                r.add(fmt(d.medianCpu(), 0));
                r.add(ours == null ? "–" : fmt(ours.medianWall() / d.medianWall(), 2));
                r.add(ours == null ? "–" : fmt(ours.medianCpu() / d.medianCpu(), 2));
                r.add(d.peakRssKb < 0 ? "–" : fmt(d.peakRssKb / 1024.0, 0));
                for (DeviceProfile p : Bench.PROFILES) {
                    r.add(fmt(d.meanSsim(p.name()), 4));
                }
                if (phase.smallSizes()) {
                    r.add(fmt(d.meanSsim("w768"), 4));
                    r.add(fmt(d.meanSsim("w320"), 4));
                }
                r.add(d.outputSets == 0 ? "–" : fmt(d.outputBytes / 1024.0 / d.outputSets, 0));
                md.append(row(r));
            }
            md.append('\n');
            for (Bench.SideData d : data) {
                md.append("- `").append(d.side).append("`: ").append(d.label).append('\n');
            }
            md.append(String.format(Locale.ROOT, "%nSSIM: luma, mean over the first %d image(s) (renders that failed are not"
                    + " scored), against %s. `square`: the reference is the exact centred square of the source; the"
                    + " anchors resize to cover and then crop, which shifts their crop by a fraction of a pixel and costs"
                    + " them SSIM there (geometry, not sharpness).%n%n",
                    Math.min(phase.qualityImages(), phase.images().size()), referenceText(reference)));

            List<Bench.SideData> staged = data.stream().filter(d -> !d.method().isEmpty()).toList();
            if (!staged.isEmpty()) {
                md.append("Where our time goes, per stage, median ms per image (each stage's wall time × its render's CPU/wall"
                        + " ratio,\nso that time the shared core spent on other work does not count):\n\n");
                List<String> h = List.of("side", "decoded as", "header", "decode", "convert", "scale (all 4)",
                        "orient", "encode (4 progressive JPEGs)");
                md.append(row(h)).append(separator(h.size()));
                for (Bench.SideData d : staged) {
                    md.append(row(List.of(d.side, d.method(), fmt(d.stage("header"), 1), fmt(d.stage("decode"), 1),
                            fmt(d.stage("convert"), 1), fmt(d.stage("scale"), 1), fmt(d.stage("orient"), 1),
                            fmt(d.stage("encode"), 1))));
                }
                md.append('\n');
            }
        }

        encode(md, encodeModes);
        targets(md, measured, runtime);
        coldStart(md, cold);

        runtime(md, runtime);
        md.append("## How the image figures are measured\n\n");
        md.append("- **ours** and the other Java sides run in one long-lived worker JVM each (`-Xmx").append(o.heap())
                .append(" -XX:+UseSerialGC`: the heap the 48 MP\n  target allows), warmed up on ")
                .append(o.warmup()).append(" renders first; a render is timed from reading the source file to the last output file\n");
        md.append("  written (JVM start excluded). CPU is the scheduler's run time of all the worker's threads (render, GC, JIT)\n  from `/proc/self/task/*/schedstat`.\n");
        md.append("- Command-line anchors run as processes under `/usr/bin/time` (CPU = user + system, 10 ms resolution; peak RSS\n");
        md.append("  = the largest process), with `VIPS_CONCURRENCY=1` and `MAGICK_THREAD_LIMIT=1`: one core. Their time includes\n");
        md.append("  process start, as it does for anyone calling them per image.\n");
        md.append("- Wall time is what a user waits for; on a shared machine it also includes waiting for the core, so the CPU\n");
        md.append("  columns are the steadier comparison. Medians over all images.\n");
        md.append("- Peak RSS of a Java side is its worker JVM's high-water mark (`VmHWM`, reset before the measured images), which\n");
        md.append("  includes the JVM itself; for the anchors it is the largest of their processes.\n");
        md.append("- A Java side that runs out of memory in the capped heap is run again with `-Xmx2g` to get its timing (separate row).\n");
        md.append("- Output sizes differ by design: ours writes progressive JPEG with optimised Huffman tables (what the function\n");
        md.append("  ships), the anchors write their default baseline JPEGs.\n\n");
        md.append(sectionEnd("images"));
        return md.toString();
    }

    private static void runtime(StringBuilder md, RuntimeBench.Results r) {
        if (r == null) {
            md.append("## Cold start through the local runtime\n\nNot measured in this run (`--runtime off`, or the local runtime"
                    + " and the function jar were not built).\n\n## End to end on the local runtime\n\nNot measured in this run.\n\n");
            return;
        }
        md.append("## Cold start through the local runtime\n\n");
        md.append("`local-runtime.jar` (what `./run-local` starts) is started fresh; one upload of `sample-media/landscape.jpg`\n");
        md.append("(2400×1600) then starts a fresh `ThumbnailFunction` JVM through the runtime's Lambda Runtime API path\n");
        md.append("(runtime interface client, handler init, render, PUTs). Measured from the client's PUT to all 4 renditions\n");
        md.append("listed in the renditions bucket, so it also includes the S3 → SNS → function notification (a few ms).\n");
        md.append("JavaCPP's native cache is emptied before the first kind of run (a new Lambda sandbox: FFmpeg's natives are\n");
        md.append("extracted first) and kept for the second. AppCDS is not used: a class-data archive must be built by the very\n");
        md.append("JVM that uses it, and Lambda's Corretto is not the JDK that builds the jar.\n\n");
        List<String> h = List.of("first upload after the function's JVM starts", "median ms", "runs", "all runs ms");
        md.append(row(h)).append(separator(h.size()));
        md.append(row(List.of("natives not yet extracted (new sandbox)", fmt(median(r.coldEmptyMs()), 0),
                Integer.toString(r.coldEmptyMs().size()), list(r.coldEmptyMs()))));
        md.append(row(List.of("natives already in the cache", fmt(median(r.coldCachedMs()), 0),
                Integer.toString(r.coldCachedMs().size()), list(r.coldCachedMs()))));
        md.append('\n');
        md.append("## End to end on the local runtime\n\n");
        md.append(String.format(Locale.ROOT, "The first 12 MP input uploaded again and again to the running local runtime (function concurrency %d,"
                + "%nnot pinned: the runtime, its S3/DynamoDB endpoint and the function JVMs share the machine), after 3 warm-up uploads."
                + "%nLatency is from the client's PUT to all 4 renditions listed in the renditions bucket.%n%n", r.concurrency()));
        List<String> h2 = List.of("measure", "value");
        md.append(row(h2)).append(separator(h2.size()));
        md.append(row(List.of(r.sequentialMs().size() + " sequential uploads: p50 ms", fmt(percentile(r.sequentialMs(), 50), 0))));
        md.append(row(List.of(r.sequentialMs().size() + " sequential uploads: p95 ms", fmt(percentile(r.sequentialMs(), 95), 0))));
        md.append(row(List.of("burst of " + r.burstImages() + " uploads: images/s (first PUT to last rendition)",
                r.burstImages() == 0 ? "–" : fmt(r.burstImages() / r.burstSeconds(), 2))));
        md.append(row(List.of("burst: seconds for all", fmt(r.burstSeconds(), 1))));
        md.append(row(List.of("burst: peak RSS of the whole runtime process tree MB (runtime + endpoint + function JVMs)",
                r.burstPeakTreeRssKb() < 0 ? "–" : fmt(r.burstPeakTreeRssKb() / 1024.0, 0))));
        md.append(row(List.of("burst: peak RSS of the runtime's own JVM MB",
                r.burstPeakRuntimeRssKb() < 0 ? "–" : fmt(r.burstPeakRuntimeRssKb() / 1024.0, 0))));
        md.append('\n');
        if (!r.failure().isEmpty()) {
            md.append("The local-runtime run failed: ").append(r.failure().replace('|', '/')).append("\n\n");
        }
    }

    private static double median(List<Double> values) {
        return Bench.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    private static String list(List<Double> values) {
        return String.join(", ", values.stream().map(v -> fmt(v, 0)).toList());
    }

    private static void targets(StringBuilder md, Map<String, List<Bench.SideData>> measured, RuntimeBench.Results runtime) {
        List<Bench.SideData> d12 = measured.get("12mp");
        if (d12 == null) {
            return;
        }
        Bench.SideData ours = find(d12, "ours");
        Bench.SideData vips = find(d12, "vips");
        Bench.SideData thumb = find(d12, "thumbnailator");
        md.append("## Targets (issue 7)\n\n| target | measured | met |\n|---|---|---|\n");
        if (ours != null && vips != null) {
            double wall = ours.medianWall() / vips.medianWall();
            double cpu = ours.medianCpu() / vips.medianCpu();
            md.append(String.format(Locale.ROOT, "| ours ≤ 1.0× `vipsthumbnail` (12 MP, 4 profiles) | %.2f× wall, %.2f× CPU | %s |%n",
                    wall, cpu, yes(wall <= 1.0 && cpu <= 1.0)));
            double worst = Double.NEGATIVE_INFINITY;
            String at = "";
            for (DeviceProfile p : Bench.PROFILES) {
                double deficit = vips.meanSsim(p.name()) - ours.meanSsim(p.name());
                if (deficit > worst) {
                    worst = deficit;
                    at = p.name();
                }
            }
            md.append(String.format(Locale.ROOT, "| SSIM within 0.005 of vips at every profile | largest shortfall %+.4f (%s) | %s |%n",
                    worst, at, yes(worst <= 0.005)));
        }
        if (ours != null && thumb != null) {
            double speed = thumb.medianWall() / ours.medianWall();
            double speedCpu = thumb.medianCpu() / ours.medianCpu();
            boolean ssimOk = true;
            for (DeviceProfile p : Bench.PROFILES) {
                ssimOk &= ours.meanSsim(p.name()) >= thumb.meanSsim(p.name());
            }
            md.append(String.format(Locale.ROOT, "| ≥ 3× faster than Thumbnailator defaults at equal or better SSIM | %.1f× wall, %.1f× CPU; SSIM %s at every profile | %s |%n",
                    speed, speedCpu, ssimOk ? "equal or better" : "NOT better", yes(speed >= 3 && speedCpu >= 3 && ssimOk)));
        }
        List<Bench.SideData> d48 = measured.get("48mp");
        if (d48 != null) {
            Bench.SideData big = find(d48, "ours");
            if (big != null) {
                boolean finished = big.failures() == 0 && !big.results.isEmpty();
                double mb = big.peakRssKb / 1024.0;
                md.append(String.format(Locale.ROOT, "| 48 MP within `-Xmx256m`, peak RSS < 450 MB | %s, peak RSS %.0f MB | %s |%n",
                        finished ? "all finished" : big.failures() + " failed", mb, yes(finished && big.peakRssKb > 0 && mb < 450)));
            }
        }
        if (runtime != null && !runtime.sequentialMs().isEmpty()) {
            double p50 = percentile(runtime.sequentialMs(), 50);
            md.append(String.format(Locale.ROOT, "| warm local end-to-end p50 < 1.5 s (12 MP) | p50 %.0f ms, p95 %.0f ms | %s |%n%n",
                    p50, percentile(runtime.sequentialMs(), 95), yes(p50 < 1500)));
        } else {
            md.append("| warm local end-to-end p50 < 1.5 s (12 MP) | not measured in this run | – |\n\n");
        }
    }

    private static void encode(StringBuilder md, String modes) {
        if (modes.isEmpty()) {
            return;
        }
        md.append("### What the encode stage costs\n\n");
        md.append("One 1920×1440 rendition of the first 12 MP input, JPEG quality ").append(Bench.QUALITY)
                .append(", with the JDK's own libjpeg (the only JPEG encoder\non Lambda's Java runtime), median thread CPU of 9 runs:\n\n");
        List<String> h = List.of("mode", "CPU ms", "KB");
        md.append(row(h)).append(separator(h.size()));
        for (String part : modes.split(";")) {
            String[] kv = part.split("=");
            String[] v = kv[1].split("/");
            String label = switch (kv[0]) {
                case "progressive" -> "progressive, optimised Huffman tables (what ours writes)";
                case "baseline-optimised" -> "baseline, optimised Huffman tables";
                default -> "baseline, standard tables (what vips and ImageMagick write by default)";
            };
            md.append(row(List.of(label, v[0], fmt(Long.parseLong(v[1]) / 1024.0, 0))));
        }
        md.append('\n');
    }

    private static void coldStart(StringBuilder md, List<Bench.ColdRun> cold) {
        md.append("## Cold start of the image engine\n\n");
        if (cold.isEmpty()) {
            md.append("Not measured (no sample image).\n\n");
            return;
        }
        md.append("A fresh JVM (`-Xmx256m -XX:+UseSerialGC`, one core) renders `sample-media/landscape.jpg` (2400×1600) to the 4\n");
        md.append("profiles, twice. FFmpeg's natives are extracted by JavaCPP into its cache directory on first use: on Lambda\n");
        md.append("`/tmp/javacpp` starts empty in every new sandbox (\"empty cache\"); a warm sandbox keeps them. Median of ")
                .append(cold.stream().filter(c -> c.mode().equals("jdk")).count()).append(" runs each. With the natives loading in the\n")
                .append("background, loading and initialisation overlap (the first render waits for what is left), so only the\n")
                .append("process total compares; on one core the overlap only hides I/O, on Lambda also the first download.\n\n");
        List<String> h = List.of("mode", "process start → exit ms", "JVM start → main ms", "load FFmpeg natives ms",
                "init (logging, ImageIO plugins) ms", "first render ms", "second render ms", "decoded as");
        md.append(row(h)).append(separator(h.size()));
        for (String mode : Bench.COLD_MODES) {
            List<Bench.ColdRun> runs = cold.stream().filter(c -> c.mode().equals(mode)).toList();
            if (runs.isEmpty()) {
                continue;
            }
            String label = switch (mode) {
                case "ffmpeg-empty-cache" -> "ours, natives not yet extracted (new sandbox), loaded on first use";
                case "ffmpeg-preload" -> "ours, new sandbox, natives loading in the background from the start (as the function does)";
                case "ffmpeg-cached" -> "ours, natives already in the cache";
                default -> "ours without FFmpeg (JDK decoders)";
            };
            md.append(row(List.of(label, fmt(med(runs, Bench.ColdRun::processMs), 0), fmt(med(runs, Bench.ColdRun::mainMs), 0),
                    mode.equals("jdk") || mode.equals("ffmpeg-preload") ? "–" : fmt(med(runs, Bench.ColdRun::loadMs), 0),
                    mode.equals("ffmpeg-preload") ? "–" : fmt(med(runs, Bench.ColdRun::initMs), 0),
                    fmt(med(runs, Bench.ColdRun::firstMs), 0),
                    fmt(med(runs, Bench.ColdRun::secondMs), 0), runs.get(0).method())));
        }
        md.append('\n');
    }

    private static double med(List<Bench.ColdRun> runs, java.util.function.ToDoubleFunction<Bench.ColdRun> f) {
        return Bench.median(runs.stream().mapToDouble(f).toArray());
    }

    private static String referenceText(Quality.Reference reference) {
        return reference == Quality.Reference.IMAGEMAGICK
                ? "ImageMagick `-filter Lanczos -resize` (Lanczos-3) from the full-resolution decode"
                : "image-core's double-precision Lanczos-3 from the full-resolution decode (ImageMagick not installed)";
    }

    private static Bench.SideData find(List<Bench.SideData> data, String side) {
        return data.stream().filter(d -> d.side.equals(side)).findFirst().orElse(null);
    }

    private static String firstFailure(Bench.SideData d) {
        return d.results.stream().filter(r -> !r.ok()).map(Runners.Result::failure).findFirst().orElse("")
                .replace('|', '/');
    }

    private static String yes(boolean met) {
        return met ? "yes" : "**no**";
    }

    static String fmt(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    static String separator(int n) {
        return "|" + "---|".repeat(n) + "\n";
    }
}
