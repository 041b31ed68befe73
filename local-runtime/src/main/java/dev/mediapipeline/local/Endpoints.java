package dev.mediapipeline.local;

/**
 * The one place that knows the AWS endpoint's class ({@code dev.mediapipeline.local.aws.AwsEndpoint}).
 * Until the endpoint is merged into this branch, starting one fails with a clear message; {@code invoke} with
 * {@code --endpoint-url} works without it.
 */
final class Endpoints {

    private Endpoints() {
    }

    static EndpointFactory factory() {
        return (host, port, dataDirectory, region, listener) -> {
            throw new LocalRuntime.Failure(LocalRuntime.FAILED, "this build has no AWS endpoint yet"
                    + " (dev.mediapipeline.local.aws.AwsEndpoint); use invoke --endpoint-url URL", null);
        };
    }
}
