package dev.mediapipeline.local.aws;

import java.util.Optional;

/**
 * The S3 request a blob store change belongs to: what an event needs that the blob store is not told (the HTTP
 * method, which tells a form POST from a PUT, the request id the client saw, and its address), and who may delete
 * what (DeleteObjects is authorised key by key, where the keys are known: in the blob store).
 *
 * <p>Inheritable, because S3Proxy completes multipart uploads and runs DeleteObjects on threads it starts for the
 * request; the servlet sets and clears it around every request on its own thread.
 */
record RequestScope(String method, String requestId, String sourceIp, DeleteAuthorizer deletes) {

    /** Decides one key of a DeleteObjects: empty to delete it, else AWS's message for the refusal. */
    @FunctionalInterface
    interface DeleteAuthorizer {

        DeleteAuthorizer ANYONE = (bucket, key, versioned) -> Optional.empty();

        Optional<String> refusal(String bucket, String key, boolean versioned);
    }

    private static final InheritableThreadLocal<RequestScope> CURRENT = new InheritableThreadLocal<>();

    RequestScope(String method, String requestId, String sourceIp) {
        this(method, requestId, sourceIp, DeleteAuthorizer.ANYONE);
    }

    static Optional<RequestScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void enter(RequestScope scope) {
        CURRENT.set(scope);
    }

    static void exit() {
        CURRENT.remove();
    }
}
