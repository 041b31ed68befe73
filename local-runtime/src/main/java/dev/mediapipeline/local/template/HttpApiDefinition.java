package dev.mediapipeline.local.template;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code AWS::Serverless::HttpApi} (declared, or the implicit {@code ServerlessHttpApi} that SAM creates for
 * {@code HttpApi} events without an {@code ApiId}) with the routes the template's functions attach to it.
 *
 * @param logicalId the resource's logical id
 * @param apiId     its physical id, what {@code !Ref} gives and {@code requestContext.apiId} carries (10 characters)
 * @param cors      the API's {@code CorsConfiguration}; empty when the API leaves CORS to its functions
 * @param routes    every route, in template order; route keys are unique
 */
public record HttpApiDefinition(String logicalId, String apiId, Optional<Cors> cors, List<Route> routes) {

    public HttpApiDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(cors, "cors");
        routes = List.copyOf(routes);
    }

    /**
     * One route: {@code GET /media/{id}}, {@code ANY /{proxy+}} or {@code $default}.
     *
     * @param method               an HTTP method in upper case, or {@code ANY}; {@code ANY} for {@code $default}
     * @param path                 the route path ({@code {name}} and a last {@code {name+}} are variables), or
     *                             {@code $default}
     * @param functionName         the function it invokes
     * @param payloadFormatVersion {@code 2.0} or {@code 1.0}
     * @param eventName            the function's event that declares it, for messages
     */
    public record Route(String method, String path, String functionName, String payloadFormatVersion, String eventName) {

        public static final String DEFAULT = "$default";

        /** {@code GET /media/{id}}, or {@code $default}. */
        public String routeKey() {
            return isDefault() ? DEFAULT : method + " " + path;
        }

        public boolean isDefault() {
            return path.equals(DEFAULT);
        }
    }

    /**
     * An HTTP API's {@code CorsConfiguration}: API Gateway answers preflight requests itself and puts these headers on
     * the responses of CORS requests (ignoring those the function sets). Lists as declared; {@code *} allowed.
     */
    public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                       List<String> exposeHeaders, Optional<Integer> maxAgeSeconds, boolean allowCredentials) {

        public Cors {
            allowOrigins = List.copyOf(allowOrigins);
            allowMethods = List.copyOf(allowMethods);
            allowHeaders = List.copyOf(allowHeaders);
            exposeHeaders = List.copyOf(exposeHeaders);
            Objects.requireNonNull(maxAgeSeconds, "maxAgeSeconds");
        }

        /** {@code CorsConfiguration: true}: SAM allows every origin ({@code *}) and nothing else. */
        public static Cors allowAllOrigins() {
            return new Cors(List.of("*"), List.of(), List.of(), List.of(), Optional.empty(), false);
        }
    }
}
