package dev.mediapipeline.transcode;

import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.VideoLadder.Rendition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the HLS playlists of a finished run from its chunks' results: one VOD media playlist per rendition
 * (protocol version 3: decimal EXTINF, MPEG-TS segments) and the master playlist with, per variant, BANDWIDTH (the
 * peak segment bitrate, audio included, as RFC 8216 defines it), AVERAGE-BANDWIDTH, RESOLUTION, FRAME-RATE and
 * CODECS (read from each rendition's own SPS, plus AAC-LC when there is audio).
 */
final class HlsPlaylists {

    private HlsPlaylists() {
    }

    /** Per rendition: its segments in order and its measured bitrates. */
    record Variant(Rendition rendition, String codecs, List<ChunkResult.Segment> segments, long peakBps, long averageBps) {
        String playlistPath() {
            return rendition.name() + "/" + KeyLayout.HLS_PLAYLIST_FILE;
        }
    }

    /** Gathers the renditions' segments from every chunk, checking none is missing. */
    static List<Variant> variants(TranscodePlan plan, List<ChunkResult> results) {
        long expectedSegments = plan.grid().segmentCount();
        Map<String, List<ChunkResult.Segment>> segments = new LinkedHashMap<>();
        Map<String, String> codecs = new LinkedHashMap<>();
        for (ChunkResult result : results) {
            for (ChunkResult.RenditionSegments r : result.renditions()) {
                segments.computeIfAbsent(r.rendition(), k -> new ArrayList<>()).addAll(r.segments());
                if (result.chunk() == 0 || !codecs.containsKey(r.rendition())) {
                    codecs.put(r.rendition(), r.videoCodecs());
                }
            }
        }
        List<Variant> variants = new ArrayList<>();
        for (Rendition rendition : plan.renditions()) {
            List<ChunkResult.Segment> list = new ArrayList<>(segments.getOrDefault(rendition.name(), List.of()));
            list.sort(Comparator.comparingLong(ChunkResult.Segment::index));
            for (int i = 0; i < expectedSegments; i++) {
                if (i >= list.size() || list.get(i).index() != i) {
                    throw new IllegalStateException("rendition " + rendition.name() + " lacks segment " + i
                            + " of " + expectedSegments);
                }
            }
            if (list.size() != expectedSegments) {
                throw new IllegalStateException("rendition " + rendition.name() + " has " + list.size()
                        + " segments, expected " + expectedSegments);
            }
            long peak = 0;
            long bytes = 0;
            double seconds = 0;
            for (ChunkResult.Segment s : list) {
                bytes += s.bytes();
                seconds += s.duration();
                // a very short last segment says little about the peak rate: count it as at least one second
                peak = Math.max(peak, (long) Math.ceil(s.bytes() * 8 / Math.max(1.0, s.duration())));
            }
            long average = (long) Math.ceil(bytes * 8 / Math.max(1e-3, seconds));
            String videoCodecs = codecs.get(rendition.name());
            String all = plan.audio() == null ? videoCodecs : videoCodecs + "," + plan.audio().codecs();
            variants.add(new Variant(rendition, all, List.copyOf(list), Math.max(peak, average), average));
        }
        return variants;
    }

    static String media(TranscodePlan plan, Variant variant) {
        double longest = variant.segments().stream().mapToDouble(ChunkResult.Segment::duration).max().orElse(1);
        StringBuilder m = new StringBuilder(256 + variant.segments().size() * 40);
        m.append("#EXTM3U\n");
        m.append("#EXT-X-VERSION:3\n");
        // RFC 8216: every EXTINF rounded to the nearest integer is at most the target duration
        m.append("#EXT-X-TARGETDURATION:").append(Math.max(1, Math.round(longest))).append('\n');
        m.append("#EXT-X-MEDIA-SEQUENCE:0\n");
        m.append("#EXT-X-PLAYLIST-TYPE:VOD\n");
        m.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (ChunkResult.Segment s : variant.segments()) {
            m.append(String.format(Locale.ROOT, "#EXTINF:%.6f,\n", s.duration()));
            m.append(s.file()).append('\n');
        }
        m.append("#EXT-X-ENDLIST\n");
        return m.toString();
    }

    static String master(TranscodePlan plan, List<Variant> variants) {
        StringBuilder m = new StringBuilder(512);
        m.append("#EXTM3U\n");
        m.append("#EXT-X-VERSION:3\n");
        m.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (Variant v : variants) {
            m.append(String.format(Locale.ROOT,
                    "#EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,RESOLUTION=%dx%d,FRAME-RATE=%.3f,CODECS=\"%s\"\n",
                    v.peakBps(), v.averageBps(), v.rendition().width(), v.rendition().height(),
                    plan.grid().fps().value(), v.codecs()));
            m.append(v.playlistPath()).append('\n');
        }
        return m.toString();
    }
}
