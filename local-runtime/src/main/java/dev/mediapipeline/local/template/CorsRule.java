package dev.mediapipeline.local.template;

import java.util.List;
import java.util.Optional;

/** One rule of a bucket's CorsConfiguration. */
public record CorsRule(List<String> allowedMethods, List<String> allowedOrigins, List<String> allowedHeaders,
                       List<String> exposedHeaders, Optional<Integer> maxAgeSeconds) {

    public CorsRule {
        allowedMethods = List.copyOf(allowedMethods);
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposedHeaders = List.copyOf(exposedHeaders);
    }
}
