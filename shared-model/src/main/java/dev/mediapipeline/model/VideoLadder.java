package dev.mediapipeline.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HLS ladder every video is transcoded to: rungs named by the <em>short</em> side of the picture ("720p" is 720
 * pixels on the short side, so a portrait phone video gets the same rungs as a landscape one, 720x1280), each with
 * an H.264 bitrate. Parsed from one specification string such as {@code 1080p:5000k,720p:2800k,480p:1400k,360p:800k}.
 *
 * <p>{@link #renditionsFor(int, int)} is the one rule that decides which renditions a video gets, shared by the
 * transcoder (which makes them) and anyone who must know what a finished video holds: renditions are never larger
 * than the source. Rungs above the source are dropped; when the source is noticeably larger than the largest rung
 * kept (more than {@link #SOURCE_RUNG_MARGIN}) and a larger rung was dropped, a rendition at the source size is
 * added (the dropped rung "capped at the source"), so a 1000p upload is not degraded to 720p. A source smaller than
 * every rung gets one rendition at its own size.
 */
public final class VideoLadder {

    /** 1080p/720p/480p/360p at bitrates in line with common VOD ladders for H.264 at 30 fps. */
    public static final String DEFAULT_SPEC = "1080p:5000k,720p:2800k,480p:1400k,360p:800k";
    /** A source this much larger than the largest rung it reaches also gets a rendition at its own size. */
    public static final double SOURCE_RUNG_MARGIN = 0.125;
    public static final int MIN_SHORT_SIDE = 16;
    public static final int MAX_SHORT_SIDE = 4320;

    private static final Pattern ENTRY = Pattern.compile("(\\d{2,4})p?:(\\d{2,6})k?");

    private final List<Rung> rungs;

    private VideoLadder(List<Rung> rungs) {
        this.rungs = List.copyOf(rungs);
    }

    /**
     * One ladder step.
     *
     * @param shortSide  pixels on the short side of the picture (even)
     * @param videoKbps  H.264 target bitrate, kilobits per second
     */
    public record Rung(int shortSide, int videoKbps) {
        public Rung {
            if (shortSide < MIN_SHORT_SIDE || shortSide > MAX_SHORT_SIDE || shortSide % 2 != 0) {
                throw new IllegalArgumentException("rung " + shortSide + "p must be an even size between "
                        + MIN_SHORT_SIDE + " and " + MAX_SHORT_SIDE);
            }
            if (videoKbps < 50 || videoKbps > 100_000) {
                throw new IllegalArgumentException("rung " + shortSide + "p bitrate " + videoKbps + "k must be between 50k and 100000k");
            }
        }

        public String name() {
            return shortSide + "p";
        }
    }

    /**
     * One rendition of one video: its name (the HLS directory under {@code {assetId}/hls/}), its even pixel size and
     * target bitrate.
     */
    public record Rendition(String name, int width, int height, int videoKbps) {
        public Rendition {
            Objects.requireNonNull(name, "name");
            if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0) {
                throw new IllegalArgumentException("rendition " + name + " size " + width + "x" + height + " must be even");
            }
        }

        public String resolution() {
            return width + "x" + height;
        }
    }

    public static VideoLadder defaults() {
        return parse(DEFAULT_SPEC);
    }

    public static VideoLadder of(List<Rung> rungs) {
        if (rungs.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one rung");
        }
        Set<Integer> sizes = new HashSet<>();
        for (Rung r : rungs) {
            if (!sizes.add(r.shortSide())) {
                throw new IllegalArgumentException("rung " + r.name() + " is defined twice");
            }
        }
        List<Rung> sorted = new ArrayList<>(rungs);
        sorted.sort(Comparator.comparingInt(Rung::shortSide).reversed());
        return new VideoLadder(sorted);
    }

    /**
     * Parses {@code SIZEp:KBPSk} entries separated by commas ({@code p} and {@code k} optional).
     *
     * @throws IllegalArgumentException naming the offending entry
     */
    public static VideoLadder parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("ladder is empty");
        }
        List<Rung> rungs = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("ladder entry '" + raw.trim() + "' must look like 720p:2800k");
            }
            try {
                rungs.add(new Rung(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ladder entry '" + raw.trim() + "': " + e.getMessage(), e);
            }
        }
        return of(rungs);
    }

    /** Largest first. */
    public List<Rung> rungs() {
        return rungs;
    }

    public String spec() {
        return String.join(",", rungs.stream().map(r -> r.name() + ":" + r.videoKbps() + "k").toList());
    }

    /**
     * The renditions of a video whose upright (rotation applied) picture is {@code width x height}, largest first.
     * Sizes are even, keep the aspect ratio and never exceed the source.
     */
    public List<Rendition> renditionsFor(int width, int height) {
        if (width < 2 || height < 2) {
            throw new IllegalArgumentException("video size " + width + "x" + height + " is too small");
        }
        int sourceShort = Math.min(width, height);
        List<Rendition> out = new ArrayList<>();
        Rung droppedAbove = null;
        for (Rung rung : rungs) {
            if (rung.shortSide() <= sourceShort) {
                if (out.isEmpty() && droppedAbove != null
                        && sourceShort > rung.shortSide() * (1 + SOURCE_RUNG_MARGIN)) {
                    out.add(sourceSized(width, height, droppedAbove));
                }
                out.add(scaled(width, height, rung.name(), rung.shortSide(), rung.videoKbps()));
            } else {
                droppedAbove = rung;
            }
        }
        if (out.isEmpty()) {
            out.add(sourceSized(width, height, droppedAbove));
        }
        return List.copyOf(out);
    }

    private static Rendition sourceSized(int width, int height, Rung above) {
        int shortSide = Math.min(width, height) & ~1;
        double pixelRatio = Math.pow((double) shortSide / above.shortSide(), 2);
        int kbps = (int) Math.max(50, Math.round(above.videoKbps() * pixelRatio / 10.0) * 10);
        return new Rendition(shortSide + "p", width & ~1, height & ~1, kbps);
    }

    private static Rendition scaled(int width, int height, String name, int shortSide, int kbps) {
        double scale = (double) shortSide / Math.min(width, height);
        int w = Math.min(width & ~1, even(width * scale));
        int h = Math.min(height & ~1, even(height * scale));
        if (width <= height) {
            w = shortSide;
        } else {
            h = shortSide;
        }
        return new Rendition(name, Math.max(2, w), Math.max(2, h), kbps);
    }

    private static int even(double v) {
        return (int) Math.round(v / 2.0) * 2;
    }

    @Override
    public String toString() {
        return spec();
    }
}
