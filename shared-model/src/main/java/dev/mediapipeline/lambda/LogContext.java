package dev.mediapipeline.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.MDC;

/**
 * Puts the invocation's identity into the logging context (MDC) for the duration of one invocation, so every JSON
 * log line carries {@code function}, {@code requestId} and {@code coldStart}; and, per record, the object being
 * worked on. Never the whole context or the environment.
 */
public final class LogContext implements AutoCloseable {

    private static final AtomicBoolean COLD = new AtomicBoolean(true);

    private LogContext() {
    }

    public static LogContext forInvocation(Context context) {
        MDC.put("coldStart", Boolean.toString(COLD.getAndSet(false)));
        if (context != null) {
            putIfPresent("function", context.getFunctionName());
            putIfPresent("requestId", context.getAwsRequestId());
        }
        return new LogContext();
    }

    /** Adds the bucket and key of the record being processed; removed again when the returned scope closes. */
    public static AutoCloseable forObject(String bucket, String key) {
        MDC.put("bucket", bucket);
        MDC.put("key", key);
        return () -> {
            MDC.remove("bucket");
            MDC.remove("key");
        };
    }

    private static void putIfPresent(String name, String value) {
        if (value != null) {
            MDC.put(name, value);
        }
    }

    @Override
    public void close() {
        MDC.clear();
    }
}
