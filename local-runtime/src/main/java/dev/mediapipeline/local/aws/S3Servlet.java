package dev.mediapipeline.local.aws;

import dev.mediapipeline.local.iam.LocalIam;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.io.EofException;
import org.gaul.s3proxy.S3ProxyHandler;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.CORSRule;

/**
 * The S3 half of the endpoint: picks the S3Proxy handler for the request's addressing style, answers CORS per
 * bucket, checks the access key, stamps the request id the client (and the object event) sees, runs the request
 * on this thread with its {@link RequestScope} set, and turns every failure into S3's XML error document.
 */
final class S3Servlet extends HttpServlet {

    static final String ROUTE_ATTRIBUTE = S3Servlet.class.getName() + ".route";

    /**
     * Host names whose subdomains are buckets (virtual-host-style addressing), longest first: the SDK's default
     * with an endpoint of http://localhost:4566 ({@code bucket.localhost}) and LocalStack's DNS names.
     */
    static final List<String> VIRTUAL_HOST_BASES =
            List.of("s3.localhost.localstack.cloud", "localhost.localstack.cloud", "localhost");

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(S3Servlet.class);
    private static final String REQUEST_ID_HEADER = "x-amz-request-id";
    /** Beyond this much unread body (a large upload refused early), let Jetty close the connection instead. */
    private static final long MAX_DRAIN_BYTES = 16L * 1024 * 1024;

    private final transient LocalS3ProxyHandler pathStyle;
    private final transient Map<String, LocalS3ProxyHandler> virtualHosted;
    private final transient BucketCors cors;
    private final transient S3Authorization authorization;

    /**
     * @param iam the functions' credentials and policies: a function's requests are evaluated against its role,
     *            requests signed with {@code accessKeyId} have full access
     */
    S3Servlet(BlobStore blobStore, BucketCors cors, String accessKeyId, String secretAccessKey, LocalIam iam) {
        this.cors = cors;
        this.authorization = new S3Authorization(iam, blobStore, accessKeyId, secretAccessKey);
        BlobStore served = new AuthorizedDeletes(blobStore);
        Function<String, String> secrets = identity -> identity.equals(accessKeyId) ? secretAccessKey
                : iam.principal(identity).map(p -> p.credentials().secretAccessKey()).orElse(null);
        this.pathStyle = new LocalS3ProxyHandler(served, accessKeyId, secretAccessKey, null, secrets);
        var byBase = new LinkedHashMap<String, LocalS3ProxyHandler>();
        for (String base : VIRTUAL_HOST_BASES) {
            byBase.put(base, new LocalS3ProxyHandler(served, accessKeyId, secretAccessKey, base, secrets));
        }
        this.virtualHosted = byBase;
    }

    /** The handler for a Host header, and the bucket it names when it is virtual-host style. */
    record Addressing(LocalS3ProxyHandler handler, Optional<String> hostBucket) {
    }

    Addressing addressing(String hostHeader) {
        String host = hostOnly(hostHeader);
        if (host != null) {
            for (Map.Entry<String, LocalS3ProxyHandler> entry : virtualHosted.entrySet()) {
                String suffix = "." + entry.getKey();
                if (host.endsWith(suffix) && host.length() > suffix.length()) {
                    return new Addressing(entry.getValue(),
                            Optional.of(host.substring(0, host.length() - suffix.length())));
                }
            }
        }
        return new Addressing(pathStyle, Optional.empty());
    }

    static String hostOnly(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return null;
        }
        int colon = host.lastIndexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = AwsErrors.newRequestId();
        response.setHeader(REQUEST_ID_HEADER, requestId);
        response.setHeader("x-amz-id-2", extendedRequestId());
        Addressing addressing = addressing(request.getHeader("Host"));
        LocalS3ProxyHandler handler = addressing.handler();
        try {
            String bucket = addressing.hostBucket().orElseGet(() -> pathBucket(request.getRequestURI()));
            if ("OPTIONS".equals(request.getMethod())) {
                preflight(request, response, handler, bucket);
                return;
            }
            addCorsHeaders(request, response, bucket);
            Optional<String> signer = request.getAttribute(ROUTE_ATTRIBUTE) instanceof ServiceRoute.S3 s3
                    ? s3.accessKeyId() : Optional.empty();
            String objectKey = bucket == null ? null
                    : S3Authorization.objectKey(request.getRequestURI(), addressing.hostBucket().isPresent());
            switch (authorization.decide(request, bucket, objectKey, signer, request.getInputStream())) {
                case S3Authorization.Outcome.Refuse refuse ->
                        handler.sendError(request, response, refuse.code(), refuse.status(), refuse.message());
                case S3Authorization.Outcome.Proceed proceed -> {
                    RequestScope.enter(new RequestScope(request.getMethod(), requestId, request.getRemoteAddr(),
                            proceed.deletes()));
                    handler.doHandle(request, request, new KeepRequestId(response), proceed.body(),
                            new S3ProxyHandler.RequestContext());
                }
            }
        } catch (Throwable failure) {
            answerFailure(request, response, handler, failure);
        } finally {
            RequestScope.exit();
            drain(request);
        }
    }

    /**
     * Reads what S3Proxy left of the request body before the response completes. It stops reading an
     * aws-chunked PUT at the object's length, leaving the final chunk and the checksum trailer unread; answering
     * then makes Jetty close the connection while the SDK is still writing those bytes, and the SDK, seeing a
     * write error, sends the PUT again: a second write and a second event.
     */
    private static void drain(HttpServletRequest request) {
        try {
            InputStream body = request.getInputStream();
            byte[] buffer = new byte[8192];
            long left = MAX_DRAIN_BYTES;
            int read;
            while (left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= read;
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not read the rest of {} {}", request.getMethod(), request.getRequestURI(), e);
        }
    }

    private void preflight(HttpServletRequest request, HttpServletResponse response, LocalS3ProxyHandler handler,
                           String bucket) throws IOException {
        String origin = request.getHeader("Origin");
        String method = request.getHeader("Access-Control-Request-Method");
        if (origin == null || origin.isBlank()) {
            handler.sendError(request, response, "BadRequest", 400,
                    "Insufficient information. Origin request header needed.");
            return;
        }
        if (method == null || method.isBlank()) {
            handler.sendError(request, response, "BadRequest", 400,
                    "Invalid Access-Control-Request-Method: it is missing.");
            return;
        }
        String requestedHeaders = request.getHeader("Access-Control-Request-Headers");
        Optional<CORSRule> rule = cors.match(bucket, origin, method, BucketCors.headerList(requestedHeaders));
        if (rule.isEmpty()) {
            handler.sendError(request, response, "AccessForbidden", 403, "CORSResponse: This CORS request is not "
                    + "allowed. This is usually because the evalution of Origin, request method / "
                    + "Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the "
                    + "resource's CORS spec.");
            return;
        }
        BucketCors.responseHeaders(rule.get(), origin).forEach(response::setHeader);
        if (requestedHeaders != null && !requestedHeaders.isBlank()) {
            response.setHeader("Access-Control-Allow-Headers", requestedHeaders.toLowerCase(Locale.ROOT));
        }
        response.setHeader("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        response.setStatus(200);
        response.setContentLength(0);
    }

    private void addCorsHeaders(HttpServletRequest request, HttpServletResponse response, String bucket) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isBlank()) {
            return;
        }
        response.setHeader("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        cors.match(bucket, origin, request.getMethod(), List.of())
                .ifPresent(rule -> BucketCors.responseHeaders(rule, origin).forEach(response::setHeader));
    }

    private static void answerFailure(HttpServletRequest request, HttpServletResponse response,
                                      LocalS3ProxyHandler handler, Throwable failure) throws IOException {
        List<Throwable> chain = AwsErrors.causalChain(failure);
        if (chain.stream().anyMatch(EofException.class::isInstance)) {
            LOG.debug("client went away during {} {}", request.getMethod(), request.getRequestURI(), failure);
            return;
        }
        AwsServiceException service = chain.stream().filter(AwsServiceException.class::isInstance)
                .map(AwsServiceException.class::cast).findFirst().orElse(null);
        if (service != null) {
            answerServiceException(request, response, handler, service);
        } else if (failure instanceof IllegalArgumentException) {
            handler.sendError(request, response, "InvalidArgument", 400, String.valueOf(failure.getMessage()));
        } else if (failure instanceof IllegalStateException
                && String.valueOf(failure.getMessage()).startsWith("PreconditionFailed")) {
            handler.sendError(request, response, "PreconditionFailed", 412,
                    "At least one of the pre-conditions you specified did not hold");
        } else if (failure instanceof IllegalStateException) {
            handler.sendError(request, response, "InvalidRequest", 400, String.valueOf(failure.getMessage()));
        } else if (failure instanceof UnsupportedOperationException) {
            handler.sendError(request, response, "NotImplemented", 501,
                    "A header or parameter you provided implies functionality that is not implemented: "
                            + failure.getMessage());
        } else if (chain.stream().anyMatch(TimeoutException.class::isInstance)) {
            handler.sendError(request, response, "RequestTimeout", 400, "Your socket connection to the server was "
                    + "not read from or written to within the timeout period.");
        } else {
            LOG.warn("S3 request {} {} failed", request.getMethod(), request.getRequestURI(), failure);
            handler.sendError(request, response, "InternalError", 500,
                    "We encountered an internal error. Please try again.");
        }
    }

    private static void answerServiceException(HttpServletRequest request, HttpServletResponse response,
                                               LocalS3ProxyHandler handler, AwsServiceException exception)
            throws IOException {
        var backend = S3Exceptions.httpResponse(exception);
        if (backend != null) {
            for (String header : List.of("ETag", "x-amz-delete-marker", "x-amz-version-id", "Allow")) {
                backend.firstMatchingHeader(header).ifPresent(value -> response.setHeader(header, value));
            }
        }
        String code = S3Exceptions.errorCode(exception);
        String message = exception.awsErrorDetails() == null ? null : exception.awsErrorDetails().errorMessage();
        int status = exception.statusCode();
        if (code != null) {
            handler.sendError(request, response, code, status, message == null ? "" : message);
            return;
        }
        switch (status) {
            case 412 -> {
                boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
                boolean notModified = read && request.getHeader("If-Match") == null
                        && request.getHeader("If-Unmodified-Since") == null
                        && (request.getHeader("If-None-Match") != null
                        || request.getHeader("If-Modified-Since") != null);
                if (notModified) {
                    response.setStatus(304);
                } else {
                    handler.sendError(request, response, "PreconditionFailed", 412,
                            "At least one of the pre-conditions you specified did not hold");
                }
            }
            case 416 -> handler.sendError(request, response, "InvalidRange", 416,
                    "The requested range is not satisfiable");
            case 405 -> handler.sendError(request, response, "MethodNotAllowed", 405,
                    "The specified method is not allowed against this resource.");
            case 400, 422 -> handler.sendError(request, response, "BadDigest", 400,
                    "The Content-MD5 you specified did not match what we received.");
            case 403 -> handler.sendError(request, response, "AccessDenied", 403, "Access Denied");
            case 404 -> handler.sendError(request, response, "NoSuchKey", 404, "The specified key does not exist.");
            default -> handler.sendError(request, response, status >= 500 ? "InternalError" : "InvalidRequest",
                    status <= 0 ? 500 : status, message == null ? "The request failed." : message);
        }
    }

    /** The bucket of a path-style request URI ({@code /bucket/key}), decoded; null for the service root. */
    static String pathBucket(String requestUri) {
        if (requestUri == null) {
            return null;
        }
        String path = requestUri.startsWith("/") ? requestUri.substring(1) : requestUri;
        int slash = path.indexOf('/');
        String first = slash >= 0 ? path.substring(0, slash) : path;
        if (first.isEmpty()) {
            return null;
        }
        try {
            return URLDecoder.decode(first, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return first;
        }
    }

    private static String extendedRequestId() {
        byte[] bytes = new byte[48];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Keeps the request id this servlet stamped: S3Proxy would otherwise add a second one of its own. */
    private static final class KeepRequestId extends HttpServletResponseWrapper {

        KeepRequestId(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!REQUEST_ID_HEADER.equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!REQUEST_ID_HEADER.equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }
    }
}
