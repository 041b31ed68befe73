package dev.mediapipeline.local.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.s3.model.CORSRule;

/**
 * Per-bucket CORS rules, evaluated the way S3 evaluates a bucket's CorsConfiguration: the first rule whose
 * AllowedOrigins, AllowedMethods and AllowedHeaders (one {@code *} wildcard each) admit the request applies.
 * A bucket given no rules gets a permissive default, so browser uploads work out of the box locally.
 */
final class BucketCors {

    static final CORSRule PERMISSIVE = CORSRule.builder()
            .allowedOrigins("*")
            .allowedMethods("GET", "PUT", "POST", "DELETE", "HEAD")
            .allowedHeaders("*")
            .exposeHeaders("ETag", "x-amz-request-id", "x-amz-id-2", "x-amz-version-id", "Content-Length",
                    "Content-Type", "Last-Modified")
            .maxAgeSeconds(3000)
            .build();

    private final Map<String, List<CORSRule>> rulesByBucket = new ConcurrentHashMap<>();

    void configure(String bucket, List<CORSRule> rules) {
        rulesByBucket.put(bucket, List.copyOf(rules));
    }

    List<CORSRule> rulesFor(String bucket) {
        List<CORSRule> rules = bucket == null ? null : rulesByBucket.get(bucket);
        return rules == null ? List.of(PERMISSIVE) : rules;
    }

    /** The rule admitting a request from {@code origin} with {@code method} and these request headers. */
    Optional<CORSRule> match(String bucket, String origin, String method, List<String> requestHeaders) {
        for (CORSRule rule : rulesFor(bucket)) {
            if (rule.allowedOrigins().stream().anyMatch(pattern -> wildcard(pattern, origin, false))
                    && rule.allowedMethods().stream().anyMatch(m -> m.equalsIgnoreCase(method))
                    && requestHeaders.stream().allMatch(header -> rule.allowedHeaders().stream()
                    .anyMatch(pattern -> wildcard(pattern, header, true)))) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The response headers S3 sends for a request admitted by {@code rule}. */
    static Map<String, String> responseHeaders(CORSRule rule, String origin) {
        var headers = new java.util.LinkedHashMap<String, String>();
        boolean any = rule.allowedOrigins().contains("*");
        headers.put("Access-Control-Allow-Origin", any ? "*" : origin);
        headers.put("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        if (!any) {
            headers.put("Access-Control-Allow-Credentials", "true");
        }
        if (rule.hasExposeHeaders() && !rule.exposeHeaders().isEmpty()) {
            headers.put("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        }
        if (rule.maxAgeSeconds() != null) {
            headers.put("Access-Control-Max-Age", rule.maxAgeSeconds().toString());
        }
        return headers;
    }

    static List<String> headerList(String value) {
        var list = new ArrayList<String>();
        if (value != null) {
            for (String item : value.split(",")) {
                String header = item.strip();
                if (!header.isEmpty()) {
                    list.add(header);
                }
            }
        }
        return list;
    }

    private static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        if (pattern == null || value == null) {
            return false;
        }
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int star = p.indexOf('*');
        if (star < 0) {
            return p.equals(v);
        }
        String prefix = p.substring(0, star);
        String suffix = p.substring(star + 1);
        return v.length() >= prefix.length() + suffix.length() && v.startsWith(prefix) && v.endsWith(suffix);
    }
}
