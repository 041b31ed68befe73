package dev.mediapipeline.local.template;

import static dev.mediapipeline.local.template.Values.integer;
import static dev.mediapipeline.local.template.Values.list;
import static dev.mediapipeline.local.template.Values.map;
import static dev.mediapipeline.local.template.Values.requiredString;
import static dev.mediapipeline.local.template.Values.string;
import static dev.mediapipeline.local.template.Values.strings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The HTTP APIs with the routes that the functions' HttpApi events attach to them, and their CORS configuration. */
final class HttpApiReader {

    private final TemplateContext context;

    HttpApiReader(TemplateContext context) {
        this.context = context;
    }

    private static final Pattern ROUTE_PATH = Pattern.compile("/|(/([^/{}+]+|\\{[A-Za-z0-9._-]+}))*(/\\{[A-Za-z0-9._-]+\\+})?");

    /** Each HTTP API with the routes the functions' HttpApi events attach to it (API Gateway refuses duplicates). */
    List<HttpApiDefinition> httpApis(List<FunctionDefinition> functions) {
        List<HttpApiDefinition> apis = new ArrayList<>();
        Set<String> restApisUsed = new LinkedHashSet<>();
        for (FunctionDefinition f : functions) {
            for (HttpRoute route : f.httpRoutes()) {
                String at = "Resources." + f.logicalId() + ".Properties.Events." + route.eventName();
                if (route.restApi()) {
                    restApisUsed.add(route.apiId());
                    continue;
                }
                TemplateResource api = context.resources.get(route.apiId());
                if (api == null || !api.type().equals("AWS::Serverless::HttpApi")) {
                    throw new TemplateException(at + ".Properties.ApiId", "'" + route.apiId()
                            + "' is no AWS::Serverless::HttpApi of this template");
                }
            }
        }
        for (String rest : restApisUsed) {
            context.warn("Resources." + rest + ": REST APIs (Type: Api) are not served locally; HTTP APIs (Type:"
                    + " HttpApi) are");
        }
        for (TemplateResource r : context.resources.values()) {
            if (!r.type().equals("AWS::Serverless::HttpApi")) {
                continue;
            }
            Map<String, HttpApiDefinition.Route> byKey = new LinkedHashMap<>();
            for (FunctionDefinition f : functions) {
                for (HttpRoute route : f.httpRoutes()) {
                    if (route.restApi() || !route.apiId().equals(r.logicalId())) {
                        continue;
                    }
                    String at = "Resources." + f.logicalId() + ".Properties.Events." + route.eventName() + ".Properties";
                    boolean isDefault = route.path().equals(HttpApiDefinition.Route.DEFAULT);
                    if (!isDefault && !ROUTE_PATH.matcher(route.path()).matches()) {
                        throw new TemplateException(at + ".Path", "'" + route.path() + "' is not an HTTP API route path"
                                + " (like /media/{id} or /files/{proxy+}, a greedy variable only last)");
                    }
                    if (!route.method().matches("ANY|GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS")) {
                        throw new TemplateException(at + ".Method", "'" + route.method() + "' is not an HTTP method");
                    }
                    if (!route.payloadFormatVersion().equals("2.0") && !route.payloadFormatVersion().equals("1.0")) {
                        throw new TemplateException(at + ".PayloadFormatVersion", "'" + route.payloadFormatVersion()
                                + "' is neither 1.0 nor 2.0");
                    }
                    var definition = new HttpApiDefinition.Route(isDefault ? "ANY" : route.method(), route.path(),
                            f.name(), route.payloadFormatVersion(), f.logicalId() + "." + route.eventName());
                    HttpApiDefinition.Route clash = byKey.putIfAbsent(definition.routeKey(), definition);
                    if (clash != null) {
                        throw new TemplateException(at, "route " + definition.routeKey() + " of " + r.logicalId()
                                + " is declared twice (also by " + clash.eventName() + "); API Gateway refuses that");
                    }
                    if (route.payloadFormatVersion().equals("1.0")) {
                        context.warn(at + ".PayloadFormatVersion: 1.0 is not emulated locally; "
                                + definition.routeKey() + " gets 2.0 events");
                    }
                }
            }
            apis.add(new HttpApiDefinition(r.logicalId(), context.names.physicalId(r), httpApiCors(r), new ArrayList<>(byKey.values())));
        }
        return apis;
    }

    private Optional<HttpApiDefinition.Cors> httpApiCors(TemplateResource r) {
        Object value = context.property(r, "CorsConfiguration");
        String at = r.propertyPath("CorsConfiguration");
        if (value == null && context.section("Globals").get("HttpApi") instanceof Map<?, ?> globals
                && globals.get("CorsConfiguration") != null) {
            at = "Globals.HttpApi.CorsConfiguration";
            value = context.resolve(globals.get("CorsConfiguration"), at);
        }
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean || value instanceof String) {
            String flag = Intrinsics.scalar(value, at);
            return switch (flag) {
                case "true" -> Optional.of(HttpApiDefinition.Cors.allowAllOrigins());
                case "false" -> Optional.empty();
                default -> throw new TemplateException(at, "must be true, false or a mapping, got '" + flag + "'");
            };
        }
        Map<?, ?> cors = map(value, at);
        for (Object key : cors.keySet()) {
            if (!Set.of("AllowOrigins", "AllowMethods", "AllowHeaders", "ExposeHeaders", "MaxAge", "AllowCredentials")
                    .contains(String.valueOf(key))) {
                throw new TemplateException(at + "." + key, "unknown CorsConfiguration property (AllowOrigins,"
                        + " AllowMethods, AllowHeaders, ExposeHeaders, MaxAge, AllowCredentials)");
            }
        }
        Optional<Integer> maxAge = cors.get("MaxAge") == null ? Optional.empty()
                : Optional.of(integer(cors.get("MaxAge"), at + ".MaxAge", -1, 86_400));
        boolean credentials = cors.get("AllowCredentials") != null
                && Intrinsics.scalar(cors.get("AllowCredentials"), at + ".AllowCredentials").equals("true");
        return Optional.of(new HttpApiDefinition.Cors(
                cors.get("AllowOrigins") == null ? List.of() : strings(cors.get("AllowOrigins"), at + ".AllowOrigins"),
                cors.get("AllowMethods") == null ? List.of() : strings(cors.get("AllowMethods"), at + ".AllowMethods"),
                cors.get("AllowHeaders") == null ? List.of() : strings(cors.get("AllowHeaders"), at + ".AllowHeaders"),
                cors.get("ExposeHeaders") == null ? List.of() : strings(cors.get("ExposeHeaders"), at + ".ExposeHeaders"),
                maxAge, credentials));
    }
}
