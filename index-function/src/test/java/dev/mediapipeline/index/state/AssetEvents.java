package dev.mediapipeline.index.state;

import dev.mediapipeline.index.state.AssetState.Analysis;
import dev.mediapipeline.index.state.AssetState.Created;
import dev.mediapipeline.index.state.AssetState.FailureEntry;
import dev.mediapipeline.index.state.AssetState.Outcome;
import dev.mediapipeline.index.state.AssetState.Removed;
import dev.mediapipeline.index.state.AssetState.RenditionEntry;
import dev.mediapipeline.model.DeviceProfiles;
import dev.mediapipeline.model.ExpectedRenditions;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.MediaKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builders of index events for tests, and random orderings of them. */
public final class AssetEvents {

    public static final Instant T0 = Instant.parse("2026-11-21T10:00:00.000Z");
    public static final DeviceProfiles PROFILES = DeviceProfiles.parse("phone:640x1280,square:256x256:crop");
    public static final String BUCKET = "media-pipeline-uploads-000000000000";
    public static final String KEY = "uploads/2026/11/21/3f1c/beach photo +1.jpg";

    private AssetEvents() {
    }

    public static String seq(int n) {
        return Sequencers.normalize(String.format("00640E%012X", n));
    }

    public static Analysis imageAnalysis() {
        return new Analysis(MediaFormat.JPEG, MediaKind.IMAGE, "image/jpeg", Map.of("width", 4000, "height", 3000, "cameraMake", "Acme"),
                Outcome.PROCESSING, null, "IndexFunction", ExpectedRenditions.forKind(MediaKind.IMAGE, PROFILES));
    }

    public static AssetEvent created(int seq, String eTag) {
        return new AssetEvent.SourceCreated(new Created(seq(seq), T0.plusSeconds(seq), BUCKET, KEY, 1000 + seq, eTag, imageAnalysis()));
    }

    public static AssetEvent removed(int seq) {
        return new AssetEvent.SourceRemoved(new Removed(seq(seq), T0.plusSeconds(seq)));
    }

    public static AssetEvent rendition(String profile, int seq, String sourceETag) {
        String name = ExpectedRenditions.thumbnail(profile);
        return new AssetEvent.RenditionChanged(name, new RenditionEntry(seq(seq), false, T0.plusSeconds(100 + seq),
                "0123456789abcdef01234567/" + KeyLayout.THUMBNAILS + "/" + profile + ".jpg", 5000 + seq, 640, 480, "image/jpeg",
                "etag-r" + seq, sourceETag));
    }

    public static AssetEvent renditionRemoved(String profile, int seq) {
        return new AssetEvent.RenditionChanged(ExpectedRenditions.thumbnail(profile),
                RenditionEntry.removed(seq(seq), T0.plusSeconds(100 + seq), "0123456789abcdef01234567/thumbnails/" + profile + ".jpg"));
    }

    public static AssetEvent failure(String function, String requestId, int atSeconds, Integer sourceSeq, String message) {
        return new AssetEvent.InvocationFailed(new FailureEntry(function, requestId, message, "java.lang.IllegalStateException",
                T0.plusSeconds(atSeconds), sourceSeq == null ? null : seq(sourceSeq)), null);
    }

    /** The events shuffled, with each event delivered one to three times. */
    public static List<AssetEvent> shuffledWithDuplicates(List<AssetEvent> events, Random random) {
        List<AssetEvent> out = new ArrayList<>();
        for (AssetEvent e : events) {
            int copies = 1 + random.nextInt(3);
            for (int i = 0; i < copies; i++) {
                out.add(e);
            }
        }
        Collections.shuffle(out, random);
        return out;
    }
}
