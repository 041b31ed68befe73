package dev.mediapipeline.index.metadata;

import dev.mediapipeline.index.state.AssetState.Analysis;
import dev.mediapipeline.index.state.AssetState.Outcome;
import dev.mediapipeline.model.DeviceProfiles;
import dev.mediapipeline.model.ExpectedRenditions;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.MediaKind;
import dev.mediapipeline.model.MediaTypeDetector;
import dev.mediapipeline.model.ObjectStore;
import dev.mediapipeline.model.heif.UnsupportedHeifException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what an upload is from its content and reads its header: format by magic bytes, then image fields
 * ({@link ImageHeaderReader}) or video fields ({@link VideoProbe}), all through ranged reads within a byte budget.
 * Never throws for bad content: an empty, unrecognised or unreadable file becomes an analysis with outcome
 * UNSUPPORTED or FAILED and a reason a person can act on. Store failures do propagate (the invocation is retried).
 */
public final class MediaAnalyzer {

    private static final Logger LOG = LoggerFactory.getLogger(MediaAnalyzer.class);

    private final ObjectStore store;
    private final DeviceProfiles profiles;
    private final boolean storeGps;
    private final long readBudget;
    private final String functionName;

    /**
     * @param readBudget   the most bytes read from one object's header
     * @param functionName named as the failing function when a file is unreadable
     */
    public MediaAnalyzer(ObjectStore store, DeviceProfiles profiles, boolean storeGps, long readBudget, String functionName) {
        this.store = Objects.requireNonNull(store, "store");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.storeGps = storeGps;
        this.readBudget = readBudget;
        this.functionName = Objects.requireNonNull(functionName, "functionName");
    }

    /** Analyses the object (of the given size, from a HEAD). */
    public Analysis analyze(String bucket, String key, long size) {
        return analyze(new RangedObjectReader(store, bucket, key, size, RangedObjectReader.DEFAULT_BLOCK_SIZE, readBudget));
    }

    Analysis analyze(RangedObjectReader source) {
        if (source.size() == 0) {
            return failed(MediaFormat.EMPTY, "the file is empty (0 bytes)");
        }
        MediaFormat format = MediaTypeDetector.detect(source.readFully(0, MediaTypeDetector.HEADER_BYTES));
        if (!format.processable()) {
            return unsupported(format, unsupportedReason(format));
        }
        try {
            Map<String, Object> metadata = switch (format.kind()) {
                case IMAGE -> ImageHeaderReader.read(source, format, storeGps);
                case VIDEO -> VideoProbe.probe(source);
                default -> throw new IllegalStateException(format + " is processable but neither image nor video");
            };
            return new Analysis(format, format.kind(), format.mimeType(), metadata, Outcome.PROCESSING, null, functionName,
                    ExpectedRenditions.forKind(format.kind(), profiles));
        } catch (UnsupportedHeifException e) {
            return unsupported(format, label(format) + ": " + e.getMessage());
        } catch (UnreadableMediaException e) {
            LOG.info("unreadable {}: {}", format, e.getMessage());
            return failed(format, e.getMessage());
        } catch (VideoProbe.NoVideoStreamException e) {
            return e.hasAudio()
                    ? unsupported(format, "audio only: the " + label(format) + " file has no video stream")
                    : failed(format, "the " + label(format) + " file has no video stream");
        } catch (RangedObjectReader.HeaderTooLargeException e) {
            LOG.info("header not found within budget: {}", e.getMessage());
            return failed(format, "unreadable " + label(format) + ": no complete header within the first "
                    + readBudget / (1024 * 1024) + " MB");
        } finally {
            LOG.debug("read {} bytes in {} requests of a {} byte object", source.bytesFetched(), source.requests(), source.size());
        }
    }

    private Analysis failed(MediaFormat format, String reason) {
        return new Analysis(format, format.kind(), format.mimeType(), Map.of(), Outcome.FAILED, reason, functionName, List.of());
    }

    private Analysis unsupported(MediaFormat format, String reason) {
        return new Analysis(format, format.kind(), format.mimeType(), Map.of(), Outcome.UNSUPPORTED, reason, functionName, List.of());
    }

    static String unsupportedReason(MediaFormat format) {
        return switch (format) {
            case UNKNOWN -> "not an image or video: the content is not a format the pipeline recognises";
            default -> format.kind() == MediaKind.AUDIO
                    ? "audio files are not processed (" + format.mimeType() + ")"
                    : label(format) + " files are not processed (" + format.mimeType() + ")";
        };
    }

    private static String label(MediaFormat format) {
        return format == MediaFormat.UNKNOWN ? "unrecognised" : format.name().replace('_', '-').toUpperCase(Locale.ROOT);
    }
}
