package dev.mediapipeline.image;

import java.util.List;
import java.util.Optional;

/**
 * The renditions of one image, in the order of the profiles given, with what was learnt on the way.
 *
 * @param header        the source's header (for an already-decoded frame: its size, upright)
 * @param decodeMethod  e.g. {@code jpeg-streaming area/2}
 * @param decodedWidth  width of the decoded (reduced) frame
 * @param decodedHeight height of the decoded frame
 * @param warnings      non-fatal decoder warnings
 */
public record RenderResult(ImageHeader header, List<Rendition> renditions, StageTimings timings, String decodeMethod,
                           int decodedWidth, int decodedHeight, List<String> warnings) {

    public RenderResult {
        renditions = List.copyOf(renditions);
        warnings = List.copyOf(warnings);
    }

    public Optional<Rendition> rendition(String profile) {
        return renditions.stream().filter(r -> r.profile().name().equals(profile)).findFirst();
    }
}
