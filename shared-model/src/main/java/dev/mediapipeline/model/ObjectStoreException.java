package dev.mediapipeline.model;

/** The object store failed: a network error, an access denial, a throttle. The invocation fails and is retried. */
public class ObjectStoreException extends RuntimeException {

    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
