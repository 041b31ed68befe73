package dev.mediapipeline.local.lambda;

/** Told about every finished invocation (to log it, count it). */
@FunctionalInterface
public interface InvocationListener {

    void finished(String functionName, int attempt, InvocationResult result);
}
