package dev.mediapipeline.index.state;

import dev.mediapipeline.index.state.AssetState.Created;
import dev.mediapipeline.index.state.AssetState.FailureEntry;
import dev.mediapipeline.index.state.AssetState.RenditionEntry;
import dev.mediapipeline.index.state.AssetState.Removed;
import java.util.Objects;

/** Something that happened to an asset, resolved to what the index records (its I/O already done). */
public sealed interface AssetEvent {

    /** An upload was created (or overwritten) and its header read. */
    record SourceCreated(Created created) implements AssetEvent {
        public SourceCreated {
            Objects.requireNonNull(created, "created");
        }
    }

    /** The upload was deleted. */
    record SourceRemoved(Removed removed) implements AssetEvent {
        public SourceRemoved {
            Objects.requireNonNull(removed, "removed");
        }
    }

    /** A rendition was written or removed. */
    record RenditionChanged(String name, RenditionEntry entry) implements AssetEvent {
        public RenditionChanged {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(entry, "entry");
        }
    }

    /**
     * A function gave up.
     *
     * @param source the upload as the failed event described it, when that event was an upload's creation (so an
     *               upload the index itself could not read still gets a visible FAILED item); else null
     */
    record InvocationFailed(FailureEntry failure, Created source) implements AssetEvent {
        public InvocationFailed {
            Objects.requireNonNull(failure, "failure");
            if (source != null && source.analysis() != null) {
                throw new IllegalArgumentException("a failure record's source is never analysed");
            }
        }
    }
}
