package dev.mediapipeline.local.api;

import dev.mediapipeline.local.template.HttpApiDefinition.Cors;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An HTTP API's {@code CorsConfiguration} applied as API Gateway does: it answers preflight requests itself (204,
 * whether or not an OPTIONS route exists), and on the responses to CORS requests replaces whatever CORS headers the
 * function set with the configured ones. An origin that is not allowed gets no CORS headers.
 */
final class CorsPolicy {

    private final Cors cors;

    CorsPolicy(Cors cors) {
        this.cors = cors;
    }

    /** An {@code OPTIONS} request with {@code Origin} and {@code Access-Control-Request-Method}. */
    static boolean isPreflight(HttpApiRequest request) {
        return request.method().equals("OPTIONS") && request.header("origin") != null
                && request.header("access-control-request-method") != null;
    }

    GatewayResponse preflight(HttpApiRequest request) {
        GatewayResponse response = new GatewayResponse(204, List.of(), new byte[0]);
        String origin = request.header("origin");
        if (!allowed(origin)) {
            return response;
        }
        response = response.withHeader("access-control-allow-origin", allowOriginValue(origin));
        if (!cors.allowMethods().isEmpty()) {
            response = response.withHeader("access-control-allow-methods", String.join(",", cors.allowMethods()));
        }
        if (!cors.allowHeaders().isEmpty()) {
            String requested = request.header("access-control-request-headers");
            response = response.withHeader("access-control-allow-headers", cors.allowHeaders().contains("*")
                    && requested != null && !requested.isBlank() ? requested : String.join(",", cors.allowHeaders()));
        }
        if (cors.maxAgeSeconds().isPresent()) {
            response = response.withHeader("access-control-max-age", cors.maxAgeSeconds().get().toString());
        }
        if (cors.allowCredentials()) {
            response = response.withHeader("access-control-allow-credentials", "true");
        }
        return varyOrigin(response);
    }

    /** The function's response to a request, with the configured CORS headers instead of its own. */
    GatewayResponse apply(HttpApiRequest request, GatewayResponse response) {
        String origin = request.header("origin");
        if (origin == null) {
            return response;
        }
        GatewayResponse out = response.withoutHeadersStartingWith("access-control-");
        if (!allowed(origin)) {
            return out;
        }
        out = out.withHeader("access-control-allow-origin", allowOriginValue(origin));
        if (!cors.exposeHeaders().isEmpty()) {
            out = out.withHeader("access-control-expose-headers", String.join(",", cors.exposeHeaders()));
        }
        if (cors.allowCredentials()) {
            out = out.withHeader("access-control-allow-credentials", "true");
        }
        return varyOrigin(out);
    }

    private String allowOriginValue(String origin) {
        return cors.allowOrigins().contains("*") && !cors.allowCredentials() ? "*" : origin;
    }

    private GatewayResponse varyOrigin(GatewayResponse response) {
        String value = response.header("access-control-allow-origin");
        return value != null && !value.equals("*") ? response.withHeader("vary", "Origin") : response;
    }

    /** Exact origins (case-insensitive), {@code *}, or wildcards such as {@code https://*.example.com}. */
    boolean allowed(String origin) {
        if (origin == null) {
            return false;
        }
        for (String allowed : cors.allowOrigins()) {
            if (allowed.equals("*")) {
                return true;
            }
            String regex = Pattern.quote(allowed.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q");
            if (origin.toLowerCase(Locale.ROOT).matches(regex)) {
                return true;
            }
        }
        return false;
    }
}
