package dev.mediapipeline.index.state;

import static dev.mediapipeline.index.state.AssetEvents.BUCKET;
import static dev.mediapipeline.index.state.AssetEvents.KEY;
import static dev.mediapipeline.index.state.AssetEvents.T0;
import static dev.mediapipeline.index.state.AssetEvents.created;
import static dev.mediapipeline.index.state.AssetEvents.failure;
import static dev.mediapipeline.index.state.AssetEvents.removed;
import static dev.mediapipeline.index.state.AssetEvents.rendition;
import static dev.mediapipeline.index.state.AssetEvents.renditionRemoved;
import static dev.mediapipeline.index.state.AssetEvents.seq;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.index.state.AssetState.Analysis;
import dev.mediapipeline.index.state.AssetState.Created;
import dev.mediapipeline.index.state.AssetState.FailureEntry;
import dev.mediapipeline.index.state.AssetState.Outcome;
import dev.mediapipeline.index.state.AssetState.Removed;
import dev.mediapipeline.index.state.AssetState.RenditionEntry;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.AssetStatus;
import dev.mediapipeline.model.MediaAsset;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.MediaKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AssetReducerTest {

    static final AssetId ID = AssetId.of(BUCKET, KEY);

    static AssetState fold(List<AssetEvent> events) {
        return AssetReducer.applyAll(AssetState.empty(ID), events);
    }

    static MediaAsset view(List<AssetEvent> events) {
        return AssetReducer.view(fold(events)).orElseThrow();
    }

    @Nested
    class Lifecycle {
        @Test
        void processingUntilEveryExpectedRenditionOfThisVersionIsPresent() {
            MediaAsset processing = view(List.of(created(1, "e1"), rendition("phone", 1, "e1")));
            assertThat(processing.status()).isEqualTo(AssetStatus.PROCESSING);
            assertThat(processing.missingRenditions()).containsExactly("thumbnails/square");

            MediaAsset ready = view(List.of(created(1, "e1"), rendition("phone", 1, "e1"), rendition("square", 2, "e1")));
            assertThat(ready.status()).isEqualTo(AssetStatus.READY);
            assertThat(ready.readyAt()).as("the time of the last expected rendition").isEqualTo(T0.plusSeconds(102));
            assertThat(ready.renditions()).containsOnlyKeys("thumbnails/phone", "thumbnails/square");
        }

        @Test
        void renditionsOfAnotherUploadVersionDoNotCount() {
            MediaAsset v = view(List.of(created(1, "e1"), rendition("phone", 1, "e0"), rendition("square", 2, "e1")));
            assertThat(v.status()).isEqualTo(AssetStatus.PROCESSING);
            assertThat(v.renditions()).containsOnlyKeys("thumbnails/square");
        }

        @Test
        void aRenditionBeforeItsUploadIsKept() {
            AssetState early = fold(List.of(rendition("phone", 1, "e1")));
            assertThat(AssetReducer.view(early)).as("nothing to show without the upload").isEmpty();
            assertThat(AssetReducer.expiresAt(early)).as("an orphan record expires").isPresent();
            MediaAsset v = AssetReducer.view(AssetReducer.applyAll(early, List.of(created(1, "e1"), rendition("square", 2, "e1")))).orElseThrow();
            assertThat(v.status()).isEqualTo(AssetStatus.READY);
        }

        @Test
        void aFailureRecordOfThisVersionFailsItAndNamesTheFunction() {
            MediaAsset v = view(List.of(created(1, "e1"), rendition("phone", 1, "e1"), failure("ThumbnailFunction", "req-1", 50, 1, "corrupt JPEG data")));
            assertThat(v.status()).isEqualTo(AssetStatus.FAILED);
            assertThat(v.failure().function()).isEqualTo("ThumbnailFunction");
            assertThat(v.reason()).isEqualTo("corrupt JPEG data");
        }

        @Test
        void aFailureAboutAnOlderVersionIsDroppedAndANewVersionStartsOver() {
            AssetState s = fold(List.of(created(1, "e1"), failure("ThumbnailFunction", "req-1", 50, 1, "boom"), created(3, "e2")));
            assertThat(s.failures()).as("can never apply again").isEmpty();
            assertThat(AssetReducer.view(s).orElseThrow().status()).isEqualTo(AssetStatus.PROCESSING);
        }

        @Test
        void unsupportedAndUnreadableUploadsSayWhy() {
            Analysis text = new Analysis(MediaFormat.UNKNOWN, MediaKind.OTHER, "application/octet-stream", Map.of(), Outcome.UNSUPPORTED,
                    "not an image or video", "IndexFunction", List.of());
            MediaAsset v = view(List.of(new AssetEvent.SourceCreated(new Created(seq(1), T0, BUCKET, KEY, 10, "e", text))));
            assertThat(v.status()).isEqualTo(AssetStatus.UNSUPPORTED);
            assertThat(v.reason()).isEqualTo("not an image or video");

            Analysis corrupt = new Analysis(MediaFormat.JPEG, MediaKind.IMAGE, "image/jpeg", Map.of(), Outcome.FAILED,
                    "unreadable jpeg header", "IndexFunction", List.of());
            MediaAsset f = view(List.of(new AssetEvent.SourceCreated(new Created(seq(1), T0, BUCKET, KEY, 10, "e", corrupt))));
            assertThat(f.status()).isEqualTo(AssetStatus.FAILED);
            assertThat(f.failure().function()).isEqualTo("IndexFunction");
        }

        @Test
        void anUploadTheIndexCouldNotReadBecomesVisibleFromItsFailureRecord() {
            Created unanalysed = new Created(seq(1), T0, BUCKET, KEY, 10, "e1", null);
            FailureEntry f = new FailureEntry("IndexFunction", "req-9", "Task timed out after 60.00 seconds", null, T0.plusSeconds(200), seq(1));
            MediaAsset v = view(List.of(new AssetEvent.InvocationFailed(f, unanalysed)));
            assertThat(v.status()).isEqualTo(AssetStatus.FAILED);
            assertThat(v.kind()).as("nothing was read").isNull();
            assertThat(v.reason()).contains("timed out");

            MediaAsset analysedLater = view(List.of(new AssetEvent.InvocationFailed(f, unanalysed), created(1, "e1")));
            assertThat(analysedLater.kind()).as("a successful read of the same version adds what it read").isEqualTo(MediaKind.IMAGE);
            assertThat(analysedLater.status()).as("the failure still stands").isEqualTo(AssetStatus.FAILED);
        }
    }

    @Nested
    class Ordering {
        @Test
        void aRemovalHidesTheAssetAndAnOlderCreationArrivingLaterCannotResurrectIt() {
            AssetState s = fold(List.of(created(1, "e1"), removed(2), created(1, "e1")));
            assertThat(s.source()).isInstanceOf(Removed.class);
            assertThat(AssetReducer.view(s)).isEmpty();
            assertThat(AssetReducer.expiresAt(s)).contains(T0.plusSeconds(2).plus(AssetReducer.TOMBSTONE_TTL));
        }

        @Test
        void aNewerUploadAfterARemovalRevivesTheAsset() {
            MediaAsset v = view(List.of(removed(2), created(3, "e2"), created(1, "e1")));
            assertThat(v.eTag()).isEqualTo("e2");
        }

        @Test
        void aStaleRenditionEventIsIgnored() {
            AssetState s = fold(List.of(rendition("phone", 5, "e1"), rendition("phone", 3, "e1")));
            assertThat(s.renditions().get("thumbnails/phone").sequencer()).isEqualTo(seq(5));
            AssetState removedThenStale = fold(List.of(renditionRemoved("phone", 6), rendition("phone", 5, "e1")));
            assertThat(removedThenStale.renditions().get("thumbnails/phone").removed()).isTrue();
        }

        /** The property of issue 4: any order, any duplicates, one final item. */
        @Test
        void aRealisticSetOfEventsGivesOneItemInEveryOrderAndWithDuplicates() {
            List<AssetEvent> events = List.of(
                    created(1, "e1"), rendition("phone", 1, "e1"), failure("ThumbnailFunction", "old", 20, 1, "about v1"),
                    removed(2),
                    created(3, "e2"), rendition("phone", 4, "e2"), rendition("square", 2, "e2"), renditionRemoved("square", 1),
                    failure("TranscodeFunction", "early", 1, null, "before v2 was uploaded"));
            AssetState reference = fold(events);
            MediaAsset v = AssetReducer.view(reference).orElseThrow();
            assertThat(v.eTag()).isEqualTo("e2");
            assertThat(v.status()).as("v2 complete; v1's failure and one that predates v2 do not apply").isEqualTo(AssetStatus.READY);

            Random random = new Random(42);
            for (int i = 0; i < 2000; i++) {
                List<AssetEvent> order = AssetEvents.shuffledWithDuplicates(events, random);
                AssetState s = fold(order);
                assertThat(s).as("order %s", order).isEqualTo(reference);
                assertThat(AssetItemCodec.toItem(s)).as("stored item, revision included").isEqualTo(AssetItemCodec.toItem(reference));
            }
        }

        /** The same property over random sets of events, ties and all. */
        @Test
        void anySetOfEventsGivesOneStateInEveryOrder() {
            Random random = new Random(7);
            for (int set = 0; set < 300; set++) {
                List<AssetEvent> events = randomEvents(random);
                AssetState reference = fold(events);
                for (int p = 0; p < 20; p++) {
                    List<AssetEvent> order = AssetEvents.shuffledWithDuplicates(events, random);
                    assertThat(fold(order)).as("set %d, order %s", set, order).isEqualTo(reference);
                }
            }
        }

        private List<AssetEvent> randomEvents(Random r) {
            List<AssetEvent> events = new ArrayList<>();
            int n = 1 + r.nextInt(10);
            for (int i = 0; i < n; i++) {
                int seq = 1 + r.nextInt(6);
                String eTag = r.nextBoolean() ? "e1" : "e2";
                switch (r.nextInt(6)) {
                    case 0 -> events.add(created(seq, eTag));
                    case 1 -> events.add(removed(seq));
                    case 2 -> events.add(rendition(r.nextBoolean() ? "phone" : "square", seq, r.nextInt(3) == 0 ? null : eTag));
                    case 3 -> events.add(renditionRemoved(r.nextBoolean() ? "phone" : "square", seq));
                    case 4 -> events.add(failure(r.nextBoolean() ? "F" : "G", "req-" + r.nextInt(3), r.nextInt(20),
                            r.nextBoolean() ? seq : null, "m" + r.nextInt(2)));
                    default -> events.add(new AssetEvent.InvocationFailed(new FailureEntry("IndexFunction", "req-" + r.nextInt(3), "timeout",
                            null, T0.plusSeconds(r.nextInt(20)), seq(seq)), new Created(seq(seq), T0.plusSeconds(seq), BUCKET, KEY, 1, eTag, null)));
                }
            }
            return events;
        }

        @Test
        void aTieOnTheSequencerIsBrokenByContent() {
            RenditionEntry a = new RenditionEntry(seq(1), false, T0, "k", 1, 1, 1, "image/jpeg", "a", null);
            RenditionEntry b = new RenditionEntry(seq(1), false, T0, "k", 1, 1, 1, "image/jpeg", "b", null);
            assertThat(AssetReducer.compareRenditions(a, b)).isNegative();
            assertThat(AssetReducer.compareRenditions(b, a)).isPositive();
        }
    }
}
