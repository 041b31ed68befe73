package dev.mediapipeline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediapipeline.model.VideoLadder.Rendition;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VideoLadderTest {

    private final VideoLadder ladder = VideoLadder.defaults();

    @Nested
    class Parsing {
        @Test
        void defaultsAreFourRungsLargestFirst() {
            assertThat(ladder.rungs()).extracting(VideoLadder.Rung::name).containsExactly("1080p", "720p", "480p", "360p");
            assertThat(ladder.rungs()).extracting(VideoLadder.Rung::videoKbps).containsExactly(5000, 2800, 1400, 800);
            assertThat(VideoLadder.parse(ladder.spec()).rungs()).isEqualTo(ladder.rungs());
        }

        @Test
        void acceptsBareNumbersInAnyOrder() {
            assertThat(VideoLadder.parse(" 360:700 , 720p:2500K ").spec()).isEqualTo("720p:2500k,360p:700k");
        }

        @Test
        void rejectsWithTheOffendingEntry() {
            assertThatThrownBy(() -> VideoLadder.parse("720p")).hasMessageContaining("'720p'");
            assertThatThrownBy(() -> VideoLadder.parse("721p:1000k")).hasMessageContaining("even");
            assertThatThrownBy(() -> VideoLadder.parse("720p:10k")).hasMessageContaining("bitrate");
            assertThatThrownBy(() -> VideoLadder.parse("720p:1000k,720p:900k")).hasMessageContaining("twice");
            assertThatThrownBy(() -> VideoLadder.parse(" ")).hasMessageContaining("empty");
        }
    }

    @Nested
    class Renditions {
        @Test
        void fullHdGetsTheWholeLadder() {
            assertThat(ladder.renditionsFor(1920, 1080)).extracting(Rendition::resolution)
                    .containsExactly("1920x1080", "1280x720", "854x480", "640x360");
        }

        @Test
        void neverAboveTheSource() {
            assertThat(ladder.renditionsFor(1280, 720)).extracting(Rendition::name).containsExactly("720p", "480p", "360p");
            for (int[] size : new int[][] {{1920, 1080}, {1280, 720}, {999, 561}, {3840, 2160}, {360, 640}, {200, 100}}) {
                for (Rendition r : ladder.renditionsFor(size[0], size[1])) {
                    assertThat(r.width()).as(r + " of " + size[0] + "x" + size[1]).isLessThanOrEqualTo(size[0]);
                    assertThat(r.height()).as(r + " of " + size[0] + "x" + size[1]).isLessThanOrEqualTo(size[1]);
                    assertThat(r.width() % 2 + r.height() % 2).as("even sizes").isZero();
                }
            }
        }

        @Test
        void portraitUsesTheShortSide() {
            assertThat(ladder.renditionsFor(1080, 1920)).extracting(Rendition::resolution)
                    .containsExactly("1080x1920", "720x1280", "480x854", "360x640");
        }

        @Test
        void aSourceBetweenRungsKeepsItsResolutionAsTheTopRendition() {
            // 1000p is 39 % more than 720p: a 720p top would waste it; the 1080p rung is capped at the source
            assertThat(ladder.renditionsFor(1778, 1000)).extracting(Rendition::resolution)
                    .containsExactly("1778x1000", "1280x720", "854x480", "640x360");
            assertThat(ladder.renditionsFor(1778, 1000).get(0).videoKbps()).as("1080p's bitrate scaled by pixels")
                    .isEqualTo(4290);
            // 760p is within 12.5 % of 720p: 720p is good enough on top
            assertThat(ladder.renditionsFor(1352, 760)).extracting(Rendition::name).containsExactly("720p", "480p", "360p");
        }

        @Test
        void aSourceSmallerThanEveryRungGetsOneRenditionAtItsOwnOddFreeSize() {
            assertThat(ladder.renditionsFor(321, 241)).extracting(Rendition::resolution).containsExactly("320x240");
            assertThat(ladder.renditionsFor(321, 241).get(0).name()).isEqualTo("240p");
        }

        @Test
        void oddSourcesGetEvenRenditions() {
            assertThat(ladder.renditionsFor(1281, 721)).extracting(Rendition::resolution)
                    .containsExactly("1280x720", "852x480", "640x360");
        }
    }
}
