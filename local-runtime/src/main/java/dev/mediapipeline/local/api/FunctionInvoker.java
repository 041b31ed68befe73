package dev.mediapipeline.local.api;

import dev.mediapipeline.local.lambda.FunctionRegistry;
import dev.mediapipeline.local.lambda.InvocationResult;
import java.util.concurrent.CompletableFuture;

/** Invokes a function synchronously (request-response), as API Gateway's Lambda integration does. */
@FunctionalInterface
public interface FunctionInvoker {

    /** Queues the invocation; the future completes with its outcome. */
    CompletableFuture<InvocationResult> invoke(String functionName, byte[] payload);

    /** The runtime's functions, each in its own process behind the Runtime API. */
    static FunctionInvoker of(FunctionRegistry functions) {
        return (name, payload) -> functions.get(name).invoke(payload);
    }
}
