package dev.mediapipeline.local.aws;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers what Jetty rejects before any handler runs (an unparseable request line, header or URI, a body too
 * large for a form) and any error a handler leaves to the server, with an AWS-style error document instead of
 * Jetty's HTML page, and never a stack trace.
 */
final class AwsErrorHandler extends ErrorHandler {

    AwsErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        Object attribute = request.getAttribute(ERROR_MESSAGE);
        String message = attribute == null ? HttpStatus.getMessage(status) : attribute.toString();
        AwsErrors.send(request, response, callback, status, code(status), message);
        return true;
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 411 -> "MissingContentLength";
            case 413 -> "EntityTooLarge";
            case 414 -> "RequestURITooLong";
            case 431 -> "RequestHeaderSectionTooLarge";
            case 501 -> "NotImplemented";
            case 503 -> "ServiceUnavailable";
            default -> status >= 500 ? "InternalError" : "BadRequest";
        };
    }

}
