package dev.mediapipeline.local.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mediapipeline.local.lambda.FunctionError;
import dev.mediapipeline.local.lambda.InvocationResult;
import dev.mediapipeline.local.template.HttpApiDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP API of the template, served the way API Gateway serves it, under a base path of the web port (the
 * media API at {@code /api}): the request's path below the base selects a route; the request becomes a payload
 * format 2.0 event whose {@code rawPath} keeps the base path (as a named stage's does on AWS, so the function can
 * build links back to itself); the route's function is invoked synchronously through the Runtime API like every
 * other invocation, and its response is mapped back ({@link HttpApiResponses}).
 *
 * <p>API Gateway's own answers, in its format ({@code {"message":"..."}}): no route → 404; a body over 10 MB, or an
 * event over Lambda's 6 MB invocation limit → 413; the function failed (threw, crashed, timed out, returned a
 * malformed response) → 500; no answer within the integration timeout (30 s) → 503. Every response carries
 * {@code apigw-requestid}.
 */
public final class HttpApiGateway implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A too-large body up to this size is read and dropped, so the client gets the 413; beyond, the connection closes. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final HttpApiDefinition api;
    private final String basePath;
    private final FunctionInvoker invoker;
    private final GatewaySettings settings;
    private final RouteTable routes;
    private final Optional<CorsPolicy> cors;
    private final Clock clock;

    /**
     * @param basePath where the API is mounted, like {@code /api}
     */
    public HttpApiGateway(HttpApiDefinition api, String basePath, FunctionInvoker invoker, GatewaySettings settings) {
        this(api, basePath, invoker, settings, Clock.systemUTC());
    }

    HttpApiGateway(HttpApiDefinition api, String basePath, FunctionInvoker invoker, GatewaySettings settings, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.basePath = Objects.requireNonNull(basePath, "basePath");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.routes = new RouteTable(api.routes());
        this.cors = api.cors().map(CorsPolicy::new);
    }

    public HttpApiDefinition api() {
        return api;
    }

    public String basePath() {
        return basePath;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long begin = System.nanoTime();
            Instant received = clock.instant();
            String requestId = HttpApiEvents.newRequestId();
            GatewayResponse response;
            String routeKey = "-";
            try {
                Optional<HttpApiRequest> request = read(exchange, received);
                if (request.isEmpty()) {
                    response = GatewayResponse.tooLarge();
                } else {
                    Outcome outcome = serve(request.get(), requestId);
                    response = outcome.response();
                    routeKey = outcome.routeKey();
                }
            } catch (RuntimeException e) {
                LOG.error("{} {}: the gateway failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = GatewayResponse.internalServerError();
            }
            response = response.withHeader("apigw-requestid", requestId);
            write(exchange, response);
            LOG.debug("{} {} {} → {} in {} ms ({})", api.logicalId(), exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), response.status(),
                    Duration.ofNanos(System.nanoTime() - begin).toMillis(), routeKey);
        } catch (IOException e) {
            // the client went away
            LOG.debug("{} {} cut off: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        }
    }

    private record Outcome(GatewayResponse response, String routeKey) {
    }

    /** The request read in full, or empty when its body is over the limit. */
    private Optional<HttpApiRequest> read(HttpExchange exchange, Instant received) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                long length = Long.parseLong(declared.strip());
                if (length > settings.maxRequestBytes()) {
                    if (length <= DRAIN_LIMIT) {
                        try (InputStream in = exchange.getRequestBody()) {
                            in.transferTo(OutputStream.nullOutputStream());
                        }
                    }
                    return Optional.empty();
                }
            } catch (NumberFormatException e) {
                // the server rejects such requests before they get here
            }
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(settings.maxRequestBytes() + 1);
            if (body.length > settings.maxRequestBytes()) {
                // read on (up to a bound) so that the client, still sending, gets the 413 rather than a reset
                in.transferTo(OutputStream.nullOutputStream());
                return Optional.empty();
            }
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            for (String value : h.getValue()) {
                headers.add(Map.entry(h.getKey(), value));
            }
        }
        var uri = exchange.getRequestURI();
        return Optional.of(new HttpApiRequest(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT),
                uri.getRawPath() == null ? "/" : uri.getRawPath(), uri.getRawQuery(), headers, body,
                exchange.getProtocol(), exchange.getRemoteAddress().getAddress().getHostAddress(),
                exchange.getLocalAddress().getPort(), received));
    }

    /** Everything between reading the request and writing the response; for tests without a socket. */
    Outcome serve(HttpApiRequest request, String requestId) {
        if (cors.isPresent() && CorsPolicy.isPreflight(request)) {
            return new Outcome(cors.get().preflight(request), "preflight");
        }
        Optional<String> apiPath = pathBelowBase(request.rawPath());
        Optional<RouteTable.Match> match = apiPath.flatMap(p -> routes.match(request.method(), p));
        if (match.isEmpty()) {
            return new Outcome(withCors(request, GatewayResponse.notFound()), "no route");
        }
        HttpApiDefinition.Route route = match.get().route();
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(HttpApiEvents.event(request, route, match.get().pathParameters(),
                    api.apiId(), settings.accountId(), requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the event", e);
        }
        if (payload.length > GatewaySettings.MAX_INVOKE_PAYLOAD_BYTES) {
            return new Outcome(withCors(request, GatewayResponse.tooLarge()), route.routeKey());
        }
        return new Outcome(withCors(request, invoke(route, payload, requestId)), route.routeKey());
    }

    private GatewayResponse withCors(HttpApiRequest request, GatewayResponse response) {
        return cors.map(c -> c.apply(request, response)).orElse(response);
    }

    private GatewayResponse invoke(HttpApiDefinition.Route route, byte[] payload, String requestId) {
        CompletableFuture<InvocationResult> future = invoker.invoke(route.functionName(), payload);
        InvocationResult result;
        try {
            result = future.get(settings.integrationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{} {}: {} did not answer within the integration timeout of {} s: 503", route.routeKey(),
                    requestId, route.functionName(), settings.integrationTimeout().toSeconds());
            return GatewayResponse.serviceUnavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GatewayResponse.serviceUnavailable();
        } catch (ExecutionException e) {
            LOG.error("{} {}: invoking {} failed", route.routeKey(), requestId, route.functionName(), e.getCause());
            return GatewayResponse.internalServerError();
        }
        return switch (result) {
            case InvocationResult.Success success -> {
                try {
                    yield HttpApiResponses.fromPayload(success.payload());
                } catch (HttpApiResponses.MalformedResponseException e) {
                    LOG.warn("{} {}: {} returned a response API Gateway rejects ({}): 500. Response: {}",
                            route.routeKey(), requestId, route.functionName(), e.getMessage(),
                            HttpApiResponses.preview(success.payload()));
                    yield GatewayResponse.internalServerError();
                }
            }
            case InvocationResult.Failure failure -> {
                FunctionError error = failure.error();
                LOG.warn("{} {}: {} failed ({}: {}): 500", route.routeKey(), requestId, route.functionName(),
                        error.errorType(), error.errorMessage());
                yield error.kind() == FunctionError.Kind.SHUTDOWN ? GatewayResponse.serviceUnavailable()
                        : GatewayResponse.internalServerError();
            }
        };
    }

    /** {@code /api/media} under base {@code /api} → {@code /media}; {@code /api} → {@code /}; {@code /apix} → none. */
    Optional<String> pathBelowBase(String rawPath) {
        if (rawPath.equals(basePath)) {
            return Optional.of("/");
        }
        if (rawPath.startsWith(basePath + "/")) {
            return Optional.of(rawPath.substring(basePath.length()));
        }
        return Optional.empty();
    }

    private static void write(HttpExchange exchange, GatewayResponse response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        for (Map.Entry<String, String> h : response.headers()) {
            headers.add(h.getKey(), h.getValue());
        }
        boolean noBody = exchange.getRequestMethod().equalsIgnoreCase("HEAD") || response.status() == 204
                || response.status() == 304 || response.status() < 200 || response.body().length == 0;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}
