package dev.mediapipeline.local.lambda;

import java.util.List;

/**
 * Why an invocation failed, in Lambda's terms.
 *
 * @param errorType    the exception class the handler threw, or Lambda's own type for the platform's failures:
 *                     {@code Sandbox.Timedout}, {@code Runtime.ExitError}, {@code Function.ResponseSizeTooLarge}
 * @param payloadJson  the error document as Lambda returns it ({@code {"errorMessage","errorType","stackTrace"}})
 */
public record FunctionError(Kind kind, String errorType, String errorMessage, List<String> stackTrace,
                            String payloadJson) {

    public enum Kind {
        /** The handler threw (or the runtime reported an error for the invocation). */
        HANDLER,
        /** The function ran past its Timeout; its process was killed. */
        TIMEOUT,
        /** The function's process exited or was killed during the invocation (crash, System.exit, OOM kill). */
        CRASH,
        /** The function could not initialise (handler class missing, constructor threw, process died at start). */
        INIT,
        /** The runtime was stopping. */
        SHUTDOWN
    }

    public FunctionError {
        stackTrace = List.copyOf(stackTrace);
    }
}
