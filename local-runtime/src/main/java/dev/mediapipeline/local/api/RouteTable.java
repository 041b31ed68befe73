package dev.mediapipeline.local.api;

import dev.mediapipeline.local.template.HttpApiDefinition.Route;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP API's routes, matched the way API Gateway does: the most specific route wins (a literal segment over a
 * {@code {variable}} over a greedy {@code {proxy+}}, then a route for the method over {@code ANY}); {@code $default}
 * takes what no route matches; a path that matches only for other methods matches nothing (API Gateway's 404).
 */
final class RouteTable {

    /**
     * A matched route.
     *
     * @param pathParameters URL-decoded values of the route's variables; empty for {@code $default}
     */
    record Match(Route route, Map<String, String> pathParameters) {
    }

    private record Compiled(Route route, List<Segment> segments, int[] rank) {
    }

    private sealed interface Segment {
    }

    private record Literal(String text) implements Segment {
    }

    private record Variable(String name) implements Segment {
    }

    private record Greedy(String name) implements Segment {
    }

    private final List<Compiled> routes = new ArrayList<>();
    private final Optional<Route> fallback;

    RouteTable(List<Route> declared) {
        Route defaultRoute = null;
        for (Route route : declared) {
            if (route.isDefault()) {
                defaultRoute = route;
            } else {
                List<Segment> segments = compile(route.path());
                routes.add(new Compiled(route, segments, rank(segments, route)));
            }
        }
        routes.sort(Comparator.comparing(Compiled::rank, java.util.Arrays::compare));
        this.fallback = Optional.ofNullable(defaultRoute);
    }

    /**
     * The route for a request.
     *
     * @param method  the request's method
     * @param rawPath the path below the API's base, still URL-encoded, starting with {@code /}
     */
    Optional<Match> match(String method, String rawPath) {
        String m = method.toUpperCase(Locale.ROOT);
        List<String> parts = split(rawPath);
        for (Compiled c : routes) {
            if (!c.route().method().equals("ANY") && !c.route().method().equals(m)) {
                continue;
            }
            Map<String, String> parameters = matchSegments(c.segments(), parts);
            if (parameters != null) {
                return Optional.of(new Match(c.route(), parameters));
            }
        }
        return fallback.map(route -> new Match(route, Map.of()));
    }

    private static Map<String, String> matchSegments(List<Segment> segments, List<String> parts) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment instanceof Greedy greedy) {
                if (i >= parts.size()) {
                    return null;
                }
                String rest = String.join("/", parts.subList(i, parts.size()));
                if (rest.isEmpty()) {
                    return null;
                }
                parameters.put(greedy.name(), decode(rest));
                return parameters;
            }
            if (i >= parts.size()) {
                return null;
            }
            String part = parts.get(i);
            switch (segment) {
                case Literal literal -> {
                    if (!literal.text().equals(decode(part))) {
                        return null;
                    }
                }
                case Variable variable -> {
                    if (part.isEmpty()) {
                        return null;
                    }
                    parameters.put(variable.name(), decode(part));
                }
                case Greedy ignored -> throw new IllegalStateException("handled above");
            }
        }
        return segments.size() == parts.size() ? parameters : null;
    }

    /** {@code /a/b} → [a, b]; {@code /} → []; {@code /a/} → [a, ""]. */
    private static List<String> split(String path) {
        if (path.isEmpty() || path.equals("/")) {
            return List.of();
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        return List.of(p.split("/", -1));
    }

    private static List<Segment> compile(String path) {
        List<Segment> out = new ArrayList<>();
        for (String part : split(path)) {
            if (part.startsWith("{") && part.endsWith("+}")) {
                out.add(new Greedy(part.substring(1, part.length() - 2)));
            } else if (part.startsWith("{") && part.endsWith("}")) {
                out.add(new Variable(part.substring(1, part.length() - 1)));
            } else {
                out.add(new Literal(part));
            }
        }
        return out;
    }

    /** Smaller is more specific: per segment literal 0, variable 1, greedy 2; then the method (ANY last). */
    private static int[] rank(List<Segment> segments, Route route) {
        int[] rank = new int[17];
        for (int i = 0; i < Math.min(segments.size(), 16); i++) {
            rank[i] = switch (segments.get(i)) {
                case Literal ignored -> 0;
                case Variable ignored -> 1;
                case Greedy ignored -> 2;
            };
        }
        for (int i = segments.size(); i < 16; i++) {
            rank[i] = -1;
        }
        rank[16] = route.method().equals("ANY") ? 1 : 0;
        return rank;
    }

    /** Percent-decoding of a path segment ({@code +} stays a plus, as in paths). */
    static String decode(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }
}
