package dev.mediapipeline.index;

import dev.mediapipeline.index.state.AssetState;
import dev.mediapipeline.model.AssetId;
import java.util.function.UnaryOperator;

/**
 * Port: where the index keeps each asset's state. Updates are atomic per asset: {@link #update} applies a pure
 * change to the current state and stores the result only if nobody changed the state meanwhile, retrying
 * otherwise, so concurrent events on one asset never lose each other's updates. Adapter: {@code DynamoDbMediaIndex}.
 */
public interface MediaIndex {

    /** The current state (empty if the asset was never seen), read consistently. */
    AssetState read(AssetId id);

    /**
     * Atomically replaces the state with {@code change(state)}. {@code change} must be a pure function: it may run
     * several times.
     *
     * @throws ConcurrentUpdateException if the state kept changing under us for longer than the adapter is willing to retry
     */
    Change update(AssetId id, UnaryOperator<AssetState> change);

    /** The state before and after an update. */
    record Change(AssetState before, AssetState after) {
        public boolean changed() {
            return !before.equals(after);
        }
    }

    /** An update lost the race against other writers too many times in a row: the invocation fails and is retried. */
    final class ConcurrentUpdateException extends RuntimeException {
        public ConcurrentUpdateException(String message) {
            super(message);
        }
    }

    /** The store failed (network, throttling, access): the invocation fails and is retried. */
    final class IndexStoreException extends RuntimeException {
        public IndexStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
