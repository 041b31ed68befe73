package dev.mediapipeline.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda Runtime API (version 2018-06-01) of one sandbox, as the runtime interface client speaks it:
 * <ul>
 *   <li>{@code GET /2018-06-01/runtime/invocation/next}: long-polls for the next event; the response carries
 *       {@code Lambda-Runtime-Aws-Request-Id}, {@code Lambda-Runtime-Deadline-Ms},
 *       {@code Lambda-Runtime-Invoked-Function-Arn} and always {@code Lambda-Runtime-Trace-Id} (the client's native
 *       part crashes without it);</li>
 *   <li>{@code POST /2018-06-01/runtime/invocation/{id}/response} and {@code .../error}: the outcome, answered 202;</li>
 *   <li>{@code POST /2018-06-01/runtime/init/error}: the handler could not be loaded.</li>
 * </ul>
 * Unknown request ids get 400 {@code InvalidRequestID}, as on Lambda (e.g. the answer of an invocation that has
 * already timed out).
 */
final class RuntimeApiHandler implements HttpHandler {

    static final String PREFIX = "/2018-06-01/runtime/";
    /** Lambda's limit on a synchronous response and on an error document. */
    static final int MAX_PAYLOAD = 6 * 1024 * 1024;

    private final FunctionRuntime runtime;
    private final Sandbox sandbox;

    RuntimeApiHandler(FunctionRuntime runtime, Sandbox sandbox) {
        this.runtime = runtime;
        this.sandbox = sandbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (!path.startsWith(PREFIX)) {
                send(exchange, 404, error("NotFound", "no such Runtime API path: " + path));
                return;
            }
            String rest = path.substring(PREFIX.length());
            if (rest.equals("invocation/next") && method.equals("GET")) {
                next(exchange);
            } else if (rest.equals("init/error") && method.equals("POST")) {
                runtime.initError(sandbox, readBody(exchange.getRequestBody()));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (rest.startsWith("invocation/") && method.equals("POST")
                    && (rest.endsWith("/response") || rest.endsWith("/error"))) {
                boolean success = rest.endsWith("/response");
                String requestId = rest.substring("invocation/".length(),
                        rest.length() - (success ? "/response".length() : "/error".length()));
                byte[] body = readBody(exchange.getRequestBody());
                FunctionRuntime.Answer answer = success
                        ? runtime.respond(sandbox, requestId, body)
                        : runtime.fail(sandbox, requestId, body,
                        exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
                switch (answer) {
                    case ACCEPTED -> send(exchange, 202, "{\"status\":\"OK\"}");
                    case TOO_LARGE -> send(exchange, 413, error("RequestEntityTooLarge",
                            "response payload exceeds " + MAX_PAYLOAD + " bytes"));
                    case UNKNOWN -> send(exchange, 400, error("InvalidRequestID",
                            "invocation " + requestId + " is not running in this sandbox"));
                }
            } else {
                send(exchange, 404, error("NotFound", method + " " + path + " is not part of the Runtime API"));
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            invocation = runtime.awaitInvocation(sandbox);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            invocation = null;
        }
        if (invocation == null) {
            sandbox.awaitExit(java.time.Duration.ofSeconds(10));
            send(exchange, 410, error("SandboxStopping", "this sandbox is being shut down"));
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMillis));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", runtime.definition().arn());
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId);
        byte[] payload = invocation.payload;
        exchange.sendResponseHeaders(200, payload.length == 0 ? -1 : payload.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(payload);
        }
    }

    /** Reads at most {@link #MAX_PAYLOAD} + 1 bytes: one more than allowed tells the caller it was too large. */
    private static byte[] readBody(InputStream in) throws IOException {
        return in.readNBytes(MAX_PAYLOAD + 1);
    }

    private static String error(String type, String message) {
        return "{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
