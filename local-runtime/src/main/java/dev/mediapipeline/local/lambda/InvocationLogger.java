package dev.mediapipeline.local.lambda;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One structured log line per invocation: function, request id, duration, outcome ({@code success},
 * {@code error}, {@code timeout}, {@code crash}, {@code init-error}, {@code stopped}), attempt, and the error type.
 */
public final class InvocationLogger implements InvocationListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.mediapipeline.local.invocations");

    @Override
    public void finished(String functionName, int attempt, InvocationResult result) {
        String outcome = outcome(result);
        MDC.put("function", functionName);
        MDC.put("requestId", result.requestId());
        MDC.put("durationMs", Long.toString(result.duration().toMillis()));
        MDC.put("outcome", outcome);
        MDC.put("attempt", Integer.toString(attempt));
        try {
            if (result instanceof InvocationResult.Failure failure) {
                MDC.put("errorType", failure.error().errorType());
                LOG.warn("{} {} failed ({}) after {} ms, attempt {}: {}", functionName, result.requestId(), outcome,
                        result.duration().toMillis(), attempt, failure.error().errorMessage());
            } else {
                LOG.info("{} {} succeeded in {} ms, attempt {}", functionName, result.requestId(),
                        result.duration().toMillis(), attempt);
            }
        } finally {
            MDC.clear();
        }
    }

    public static String outcome(InvocationResult result) {
        if (!(result instanceof InvocationResult.Failure failure)) {
            return "success";
        }
        return switch (failure.error().kind()) {
            case HANDLER -> "error";
            case TIMEOUT -> "timeout";
            case CRASH -> "crash";
            case INIT -> "init-error";
            case SHUTDOWN -> "stopped";
        };
    }
}
