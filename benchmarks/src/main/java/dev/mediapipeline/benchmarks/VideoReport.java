package dev.mediapipeline.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The video section of the report (see {@link VideoBench}). */
final class VideoReport {

    private VideoReport() {
    }

    static String render(VideoBench.Results r) {
        VideoBench.Settings s = r.settings();
        StringBuilder md = new StringBuilder();
        md.append(Report.sectionStart("video"));
        md.append("## Video\n\n");
        para(md, String.format(Locale.ROOT, "Measured %s (took %s); load average (1/5/15 min) at the start %s, at the end %s.%n%n",
                r.started(), r.took(), r.loadStart(), r.loadEnd()));
        para(md, String.format(Locale.ROOT, "Input: `%s`, %s s of %dx%d at 30 fps (%s) made by transcode-function's test"
                        + " `SyntheticVideo`: a moving pattern with per-frame noise (camera-like, hard to encode), H.264, stereo AAC."
                        + " Ladder (the function's default, never above the source): %s; 6 s segments (one closed GOP each,"
                        + " IDR at every segment start); AAC 128 kb/s encoded once.%n%n",
                r.source(), trim(s.seconds()), s.width(), s.height(), r.sourceFacts(), ladderText(r.ladder())));

        // ---- one invocation's work
        md.append("### One invocation: ours and the `ffmpeg` command line\n\n");
        para(md, String.format(Locale.ROOT, "The whole ladder in one piece (what one invocation does for a short video, without S3 and"
                + " posters: probe, scan, audio, decode once, one filter graph scaling to every rung, one encoder per rung, MPEG-TS"
                + " segments) and the same with `ffmpeg` (one command: `split` + `scale` per rung, the same encoder options as"
                + " `H264Encoder` gives ours, `-force_key_frames` at every segment start, HLS muxer). Each side in its own process"
                + " pinned to %s with %d thread%s for decoder, filters and encoders alike, one after the other%s. Ours is timed"
                + " inside its JVM (JVM start and loading the natives excluded); the command lines from process start to exit."
                + " **ours ÷ side** below 1 means ours is faster; it compares ours with the same H.264 encoder as the side."
                + " CPU = user + system time of the process (every thread): on a shared machine the steadier figure.%n%n",
                r.pinText(), r.pinThreads(), r.pinThreads() == 1 ? "" : "s",
                s.runs() > 1 ? ", interleaved over " + s.runs() + " runs (medians)" : ""));
        String top = r.ladder().isEmpty() ? "top" : r.ladder().get(0).split(":")[0];
        String bottom = r.ladder().isEmpty() ? "bottom" : r.ladder().get(r.ladder().size() - 1).split(":")[0];
        boolean two = r.ladder().size() > 1;
        List<String> h = new ArrayList<>(List.of("side", "H.264 encoder", "wall s", "CPU s", "ours ÷ side, same encoder (wall / CPU)",
                "shipped ours (OpenH264) ÷ side (CPU)", "peak RSS MB", "load (1 min) at start", top + " video kb/s", "SSIM " + top));
        if (two) {
            h.add(bottom + " video kb/s");
            h.add("SSIM " + bottom);
        }
        md.append(Report.row(h)).append(Report.separator(h.size()));
        VideoBench.SideData ours = find(r, "ours");
        VideoBench.SideData oursX264 = find(r, "ours-x264");
        for (VideoBench.SideData d : r.sides()) {
            List<String> row = new ArrayList<>();
            row.add(d.side.name().equals("ours") ? "**ours**" : d.side.name());
            if (d.skipped != null) {
                row.add(d.side.encoder());
                row.add("– (skipped: " + d.skipped.replace('|', '/') + ")");
                while (row.size() < h.size()) {
                    row.add("–");
                }
                md.append(Report.row(row));
                continue;
            }
            VideoBench.SideData same = d.side.encoder().equals("libx264") ? oursX264 : ours;
            row.add(d.encoder.isEmpty() ? d.side.encoder() : d.encoder);
            long failed = d.runs.stream().filter(x -> !x.ok()).count();
            row.add(Report.fmt(d.wall(), 1) + (failed > 0 ? " (" + failed + " of " + d.runs.size() + " failed: "
                    + d.runs.stream().filter(x -> !x.ok()).map(VideoBench.Run::failure).findFirst().orElse("").replace('|', '/') + ")" : ""));
            row.add(Report.fmt(d.cpu(), 1));
            row.add(same == null || same.ok().isEmpty() ? "–"
                    : Report.fmt(same.wall() / d.wall(), 2) + " / " + Report.fmt(same.cpu() / d.cpu(), 2));
            row.add(ours == null || ours.ok().isEmpty() ? "–" : Report.fmt(ours.cpu() / d.cpu(), 2));
            row.add(d.rss() < 0 ? "–" : Report.fmt(d.rss() / 1024.0, 0));
            row.add(String.join(", ", d.runs.stream().map(VideoBench.Run::load).toList()));
            addQuality(row, d, top);
            if (two) {
                addQuality(row, d, bottom);
            }
            md.append(Report.row(row));
        }
        md.append('\n');
        for (VideoBench.SideData d : r.sides()) {
            md.append("- `").append(d.side.name()).append("`: ").append(d.side.label()).append('\n');
        }
        para(md, String.format(Locale.ROOT, "FFmpeg of ours: %s (JavaCPP presets 1.5.11); Debian's `ffmpeg`: %s%s"
                + " The OpenH264-to-OpenH264 comparison uses the `ffmpeg` executable that ships inside our own natives jar"
                + " (the Lambda package leaves it out); the x264-to-x264 ones use the `-gpl` natives (`-Pgpl`), whose jar has"
                + " its own `ffmpeg` executable, and Debian's package.",
                r.ffmpegVersion(), r.debianFfmpeg(), r.debianOpenh264() ? ", which has an OpenH264 encoder too."
                        : ", built without OpenH264 (`ffmpeg -encoders` lists no `libopenh264`)."));
        if (s.qualitySeconds() > 0) {
            para(md, String.format(Locale.ROOT, "Quality: video kb/s = the rung's H.264 packets over the whole clip (ffprobe; the"
                    + " targets are the ladder's bitrates); SSIM = luma SSIM (FFmpeg's `ssim` filter) of the first %s s of the"
                    + " rung against the source scaled by the very filter both sides use, so it measures what the encoder lost."
                    + " OpenH264 (Constrained Baseline, no B-frames, CAVLC) and x264 `veryfast` (High, B-frames, CABAC) do not"
                    + " give the same quality at the same bitrate: compare speed within one encoder.%n%n", trim(s.qualitySeconds())));
        }

        // ---- segment-parallel
        md.append("### Segment-parallel mode\n\n");
        List<VideoBench.ParallelRun> runs = r.parallel();
        int chunks = Math.max(1, runs.stream().filter(VideoBench.ParallelRun::ok).mapToInt(VideoBench.ParallelRun::chunks).findFirst().orElse(0));
        para(md, String.format(Locale.ROOT, "The same clip through the real `TranscodeService`: uploaded to an S3 API server (S3Proxy, in the"
                        + " same JVM), the planner invocation (download, probe, scan, split at keyframes by stream copy, audio,"
                        + " posters, one task per chunk), then the chunk tasks run by 1, 2 or 4 concurrent workers standing in for"
                        + " Lambda invocations (each encodes its chunk's segments of every rung and uploads them; the last to"
                        + " finish writes the playlists)%s. %s (the function's default is 60 s chunks above 90 s;"
                        + " shorter here so there are enough chunks to share out), H.264 by %s (the shipped build). One JVM pinned to %s;"
                        + " each worker's encoder threads = %d cores ÷ workers (at least 1). Wall = from the upload event to the"
                        + " last task's return (master playlist written).%n%n",
                s.runs() > 1 ? "; " + s.runs() + " runs of each, interleaved, one row per run" : "",
                chunks > 1 ? chunks + " chunks of up to " + Math.round(chunkSeconds(s.seconds())) + " s"
                        : "The clip is too short to split: one chunk, encoded by the planner", runs.stream().map(VideoBench.ParallelRun::encoder)
                        .filter(e -> !e.isEmpty()).findFirst().orElse("libopenh264"),
                r.parallelPinText(), r.parallelThreads()));
        List<String> ph = List.of("workers", "threads per worker", "chunks", "planner s", "chunk tasks s (each)",
                "wall s (upload event → master playlist)", "CPU s (whole JVM)", "peak RSS MB", "load (1 min) at start");
        md.append(Report.row(ph)).append(Report.separator(ph.size()));
        for (VideoBench.ParallelRun p : runs) {
            if (!p.ok()) {
                md.append(Report.row(List.of(Integer.toString(p.workers()), Integer.toString(p.threads()),
                        "failed: " + p.failure().replace('|', '/'), "–", "–", "–", "–", "–", p.load())));
                continue;
            }
            md.append(Report.row(List.of(Integer.toString(p.workers()), Integer.toString(p.threads()),
                    p.chunks() == 0 ? "1 (too short to split: the planner encodes it)" : Integer.toString(p.chunks()),
                    Report.fmt(p.plannerS(), 1), String.join(", ", p.chunkS().stream().map(v -> Report.fmt(v, 1)).toList()),
                    "**" + Report.fmt(p.wallS(), 1) + "**", Report.fmt(p.cpuS(), 1), Report.fmt(p.rssKb() / 1024.0, 0), p.load())));
        }
        md.append('\n');
        VideoBench.ParallelRun one = runs.stream().filter(p -> p.ok() && p.workers() == 1).findFirst().orElse(null);
        if (one != null && !one.chunkS().isEmpty()) {
            double slowest = one.chunkS().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            para(md, String.format(Locale.ROOT, "This machine has %d cores, so concurrent workers share them: more workers than"
                            + " cores only show the fan-out's overhead. On Lambda every chunk task is its own invocation with its own"
                            + " vCPUs; with %d cores each, like the 1-worker row's tasks had, the wall time would be about the planner"
                            + " plus the slowest chunk task measured alone: **%.1f + %.1f = %.1f s** (vs %.1f s for the whole clip with"
                            + " one worker here).%n%n",
                    r.parallelThreads(), one.threads(), one.plannerS(), slowest, one.plannerS() + slowest, one.wallS()));
        }
        para(md, "How to run only this part, or a shorter one: `benchmarks/run --images off` (keeps the image sections of"
                + " `benchmarks/RESULTS.md`), `--video-seconds 20`, `--video-sides ours,cli-openh264`, `--video-workers 1,2`,"
                + " `--video-runs 3`, `--video-pin 0,1`; `--video off` skips it (and keeps this section).");
        md.append(Report.sectionEnd("video"));
        return md.toString();
    }

    /** A paragraph, wrapped at 120 columns like the rest of the file, after a blank line. */
    static void para(StringBuilder md, String text) {
        if (md.length() > 0 && !md.toString().endsWith("\n\n")) {
            md.append(md.toString().endsWith("\n") ? "\n" : "\n\n");
        }
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > 120) {
                md.append(line).append('\n');
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        md.append(line).append("\n\n");
    }

    static double chunkSeconds(double seconds) {
        return dev.mediapipeline.transcode.TranscodeBenchmark.SEGMENT_SECONDS
                * (double) dev.mediapipeline.transcode.TranscodeBenchmark.chunkSegments(seconds);
    }

    private static void addQuality(List<String> row, VideoBench.SideData d, String rung) {
        VideoBench.RungQuality q = d.quality.stream().filter(x -> x.rung().equals(rung)).findFirst().orElse(null);
        row.add(q == null ? "–" : Report.fmt(q.kbps(), 0));
        row.add(q == null ? "–" : Report.fmt(q.ssim(), 4));
    }

    private static VideoBench.SideData find(VideoBench.Results r, String name) {
        return r.sides().stream().filter(d -> d.side.name().equals(name) && d.skipped == null).findFirst().orElse(null);
    }

    private static String ladderText(List<String> ladder) {
        List<String> parts = new ArrayList<>();
        for (String rung : ladder) {
            String[] f = rung.split(":");
            parts.add(f[0] + " " + f[1].replace('x', '×') + " " + f[2] + " kb/s");
        }
        return String.join(", ", parts);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
