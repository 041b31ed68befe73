package dev.mediapipeline.api;

import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.AssetStatus;
import dev.mediapipeline.model.MediaAsset;
import dev.mediapipeline.model.MediaKind;
import java.util.List;
import java.util.Optional;

/** Port: the media index, read side. Adapter: {@code DynamoDbMediaCatalog}. */
public interface MediaCatalog {

    /** The asset, if its upload is indexed and not deleted. */
    Optional<MediaAsset> find(AssetId id);

    /** A page of assets, newest upload first. */
    Page list(ListQuery query);

    /**
     * @param kind   null for every kind
     * @param status null for every status
     * @param cursor null for the first page, else a {@link Page#nextCursor()} given for the same kind and status
     */
    record ListQuery(MediaKind kind, AssetStatus status, int limit, String cursor) {
    }

    /** @param nextCursor null on the last page */
    record Page(List<MediaAsset> items, String nextCursor) {
    }

    /** The cursor was not made by this catalog for this query. */
    final class InvalidCursorException extends RuntimeException {
        public InvalidCursorException(String message) {
            super(message);
        }
    }

    /** The store failed: the request may be retried. */
    final class CatalogUnavailableException extends RuntimeException {
        public CatalogUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
