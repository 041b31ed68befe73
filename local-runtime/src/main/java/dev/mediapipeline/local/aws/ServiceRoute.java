package dev.mediapipeline.local.aws;

import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * Which service a request on the one port is for, read the way AWS reads it: the SigV4 credential scope
 * ({@code Credential=AKID/date/region/SERVICE/aws4_request} in the Authorization header, or the
 * {@code X-Amz-Credential} query parameter of a presigned URL), or an {@code X-Amz-Target} naming a DynamoDB
 * operation. Requests that carry no credential (CORS preflights, browser form POSTs whose credential is inside
 * the body, anonymous GETs) are S3's, as are SigV2-signed ones (only S3 still speaks SigV2).
 */
sealed interface ServiceRoute {

    /** Served by S3Proxy; {@code accessKeyId} when the request names one. */
    record S3(Optional<String> accessKeyId) implements ServiceRoute {
    }

    /** Served by DynamoDB Local; {@code accessKeyId} when the request is signed. */
    record DynamoDb(Optional<String> accessKeyId) implements ServiceRoute {
    }

    /** Signed for (or targeted at) a service this endpoint does not serve. */
    record Unsupported(String service, String evidence) implements ServiceRoute {
    }

    /** The request's signature parameters cannot be read. */
    record Malformed(String code, String message) implements ServiceRoute {
    }

    String SERVICE_S3 = "s3";
    String SERVICE_DYNAMODB = "dynamodb";

    static ServiceRoute classify(Request request) {
        String target = request.getHeaders().get("X-Amz-Target");
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (target != null && (target.startsWith("DynamoDB_") || target.startsWith("DynamoDBStreams_"))) {
            String credential = authorization == null ? null : parameter(authorization.strip(), "Credential");
            return new DynamoDb(Optional.ofNullable(credential).map(c -> c.split("/", 2)[0]).filter(k -> !k.isBlank()));
        }
        if (authorization != null && !authorization.isBlank()) {
            String auth = authorization.strip();
            if (auth.regionMatches(true, 0, "AWS4-", 0, 5)) {
                String credential = parameter(auth, "Credential");
                if (credential == null) {
                    return new Malformed("AuthorizationHeaderMalformed",
                            "The authorization header is malformed: it has no Credential=<access key>/<date>/"
                                    + "<region>/<service>/aws4_request.");
                }
                return byScope(credential, "Authorization header", target);
            }
            if (auth.startsWith("AWS ")) {
                int colon = auth.indexOf(':');
                return new S3(colon > 4 ? Optional.of(auth.substring(4, colon).strip()) : Optional.empty());
            }
        }
        String query = request.getHttpURI().getQuery();
        if (query != null && !query.isEmpty()) {
            Fields parameters;
            try {
                parameters = Request.extractQueryParameters(request);
            } catch (RuntimeException e) {
                return new Malformed("InvalidURI", "Couldn't parse the specified URI: its query string is not "
                        + "valid percent-encoding.");
            }
            String credential = parameters.getValue("X-Amz-Credential");
            if (credential != null) {
                return byScope(credential, "X-Amz-Credential query parameter", target);
            }
            String v2Key = parameters.getValue("AWSAccessKeyId");
            if (v2Key != null) {
                return new S3(Optional.of(v2Key));
            }
        }
        if (target != null) {
            int underscore = target.indexOf('_');
            int dot = target.indexOf('.');
            int end = underscore > 0 ? underscore : dot > 0 ? dot : target.length();
            return new Unsupported(target.substring(0, end), "X-Amz-Target: " + target);
        }
        if ("OPTIONS".equals(request.getMethod())) {
            String requested = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS);
            if (requested != null && requested.toLowerCase(Locale.ROOT).contains("x-amz-target")) {
                // a browser's preflight before a DynamoDB call: DynamoDB Local answers those
                return new DynamoDb(Optional.empty());
            }
        }
        return new S3(Optional.empty());
    }

    private static ServiceRoute byScope(String credential, String where, String target) {
        // AKID/date/region/service/aws4_request (SigV4) or AKID/date/service/aws4_request (SigV4a)
        String[] parts = credential.strip().split("/");
        if (parts.length < 4 || !"aws4_request".equals(parts[parts.length - 1]) || parts[0].isEmpty()
                || parts[parts.length - 2].isEmpty()) {
            String code = where.startsWith("Authorization") ? "AuthorizationHeaderMalformed"
                    : "AuthorizationQueryParametersError";
            return new Malformed(code, "The credential scope in the " + where + " is malformed: expected "
                    + "<access key>/<date>/<region>/<service>/aws4_request, got '" + credential + "'.");
        }
        String service = parts[parts.length - 2].toLowerCase(Locale.ROOT);
        return switch (service) {
            case SERVICE_S3 -> new S3(Optional.of(parts[0]));
            case SERVICE_DYNAMODB -> new DynamoDb(Optional.of(parts[0]));
            default -> new Unsupported(service, "credential scope " + String.join("/",
                    java.util.Arrays.copyOfRange(parts, 1, parts.length)) + (target == null ? "" : ", X-Amz-Target "
                    + target));
        };
    }

    /** The value of {@code name=} in a SigV4 Authorization header ({@code ALG k=v, k=v, k=v}). */
    private static String parameter(String authorization, String name) {
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return null;
        }
        for (String part : authorization.substring(space + 1).split(",")) {
            String item = part.strip();
            int eq = item.indexOf('=');
            if (eq > 0 && item.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String value = item.substring(eq + 1).strip();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
