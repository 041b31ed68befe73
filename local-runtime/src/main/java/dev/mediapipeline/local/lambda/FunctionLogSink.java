package dev.mediapipeline.local.lambda;

/** Receives what function processes print, one line at a time. */
@FunctionalInterface
public interface FunctionLogSink {

    void line(String functionName, String line, boolean stderr);
}
