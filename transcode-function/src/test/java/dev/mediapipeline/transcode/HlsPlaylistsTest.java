package dev.mediapipeline.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediapipeline.model.VideoLadder;
import java.util.List;
import org.junit.jupiter.api.Test;

class HlsPlaylistsTest {

    final FrameGrid grid = new FrameGrid(Rational.of(30, 1), 420, 6, 1);
    final List<VideoLadder.Rendition> ladder = VideoLadder.parse("720p:2800k,360p:800k").renditionsFor(1280, 720);
    final TranscodePlan plan = new TranscodePlan("0123456789abcdef01234567", "0123456789abcdef", "up", "k", "e", grid,
            ladder, 0, false, 1280, 720, "h264", "aac", "libopenh264",
            new TranscodePlan.AudioTrack("a", 48_000, 2, 128, -1024, 660), List.of(), true);

    ChunkResult chunk(int c, long... bytes) {
        List<ChunkResult.RenditionSegments> r = ladder.stream().map(rendition -> {
            List<ChunkResult.Segment> segments = new java.util.ArrayList<>();
            for (int i = 0; i < bytes.length; i++) {
                long j = c + i;
                segments.add(new ChunkResult.Segment(j, grid.segmentDuration(j), bytes[i], plan.segmentFileName(j)));
            }
            return new ChunkResult.RenditionSegments(rendition.name(), rendition.name().equals("720p") ? "avc1.42c01f" : "avc1.42c01e", segments);
        }).toList();
        return new ChunkResult(c, 0, r);
    }

    @Test
    void mediaPlaylistListsEverySegmentWithItsDuration() {
        List<HlsPlaylists.Variant> variants = HlsPlaylists.variants(plan, List.of(chunk(1, 600_000), chunk(0, 750_000), chunk(2, 100_000)));
        String media = HlsPlaylists.media(plan, variants.get(0));
        assertThat(media).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:6
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXTINF:6.000000,
                0123456789abcdef-00000.ts
                #EXTINF:6.000000,
                0123456789abcdef-00001.ts
                #EXTINF:2.000000,
                0123456789abcdef-00002.ts
                #EXT-X-ENDLIST
                """);
    }

    @Test
    void masterAnnouncesPeakAndAverageBitratesResolutionAndCodecs() {
        List<HlsPlaylists.Variant> variants = HlsPlaylists.variants(plan, List.of(chunk(0, 750_000), chunk(1, 600_000), chunk(2, 100_000)));
        String master = HlsPlaylists.master(plan, variants);
        // peak: 750 000 B in 6 s = 1 000 000 b/s; average: 1 450 000 B in 14 s
        assertThat(master).startsWith("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n")
                .contains("#EXT-X-STREAM-INF:BANDWIDTH=1000000,AVERAGE-BANDWIDTH=828572,RESOLUTION=1280x720,FRAME-RATE=30.000,CODECS=\"avc1.42c01f,mp4a.40.2\"\n720p/playlist.m3u8\n")
                .contains("RESOLUTION=640x360,FRAME-RATE=30.000,CODECS=\"avc1.42c01e,mp4a.40.2\"\n360p/playlist.m3u8\n");
    }

    @Test
    void aMissingSegmentIsAnErrorNotAGap() {
        assertThatThrownBy(() -> HlsPlaylists.variants(plan, List.of(chunk(0, 1), chunk(2, 1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lacks segment 1");
    }
}
