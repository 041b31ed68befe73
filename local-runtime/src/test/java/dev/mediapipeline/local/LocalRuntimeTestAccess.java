package dev.mediapipeline.local;

/** For tests in other packages: the real AWS endpoint factory (package-private in main code). */
public final class LocalRuntimeTestAccess {

    private LocalRuntimeTestAccess() {
    }

    public static EndpointFactory endpoints() {
        return Endpoints.factory();
    }
}
