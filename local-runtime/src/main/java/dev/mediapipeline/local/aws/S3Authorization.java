package dev.mediapipeline.local.aws;

import dev.mediapipeline.local.iam.AccessRequest;
import dev.mediapipeline.local.iam.FunctionPrincipal;
import dev.mediapipeline.local.iam.LocalIam;
import dev.mediapipeline.local.iam.S3Actions;
import dev.mediapipeline.local.iam.S3Call;
import dev.mediapipeline.local.iam.S3Operation;
import dev.mediapipeline.local.iam.Verdict;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * Who an S3 request comes from and whether IAM lets it through, decided before S3Proxy runs it. The endpoint's
 * own access key has full access; a function's key (signing a request, a presigned URL, or a browser POST form)
 * is evaluated against the function's role ({@link LocalIam}); any other key is unknown. For a function, the
 * request's session token must be the function's.
 */
final class S3Authorization {

    /** What to do with the request. */
    sealed interface Outcome {

        /** Hand it to S3Proxy with this body, deciding DeleteObjects keys with {@code deletes}. */
        record Proceed(InputStream body, RequestScope.DeleteAuthorizer deletes) implements Outcome {
        }

        /** Answer this S3 error instead. */
        record Refuse(String code, int status, String message) implements Outcome {
        }
    }

    private static final String DELETE_REFUSAL = "Access Denied";

    private final LocalIam iam;
    private final BlobStore store;
    private final String accessKeyId;
    private final String secretAccessKey;

    S3Authorization(LocalIam iam, BlobStore store, String accessKeyId, String secretAccessKey) {
        this.iam = iam;
        this.store = store;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
    }

    /**
     * @param bucket    the bucket the request addresses (host or path), null for the service root
     * @param objectKey the key (decoded), null for bucket and service requests
     * @param signer    the access key of the Authorization header or presigned URL, if any
     */
    Outcome decide(HttpServletRequest request, String bucket, String objectKey, Optional<String> signer,
                   InputStream body) throws IOException {
        S3Call call = new S3Call(request.getMethod(), bucket, objectKey, query(request.getQueryString()),
                request::getHeader);
        S3Operation operation = S3Actions.classify(call);
        Optional<String> signerKey = signer;
        Optional<String> token = Optional.ofNullable(request.getHeader("x-amz-security-token"))
                .or(() -> Optional.ofNullable(call.query().get("X-Amz-Security-Token")));
        List<AccessRequest> checks = operation.checks();
        InputStream forwarded = body;
        if (operation.kind() == S3Operation.Kind.FORM_UPLOAD && bucket != null) {
            Optional<FormFields> form = FormFields.read(request.getContentType(), body);
            if (form.isPresent()) {
                forwarded = form.get().body();
                signerKey = form.get().field("x-amz-credential").map(c -> c.split("/", 2)[0])
                        .or(() -> form.get().field("AWSAccessKeyId")).or(() -> signer);
                token = form.get().field("x-amz-security-token");
                checks = form.get().key().map(key -> List.of(S3Actions.formUpload(bucket, key))).orElse(List.of());
            }
        }
        if (signerKey.isEmpty() || signerKey.get().equals(accessKeyId)) {
            return new Outcome.Proceed(forwarded, RequestScope.DeleteAuthorizer.ANYONE);
        }
        Optional<FunctionPrincipal> found = iam.principal(signerKey.get());
        if (found.isEmpty()) {
            return new Outcome.Refuse("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist "
                    + "in our records. This local endpoint accepts access key id '" + accessKeyId + "' with secret "
                    + "access key '" + secretAccessKey + "' (AWS_ACCESS_KEY_ID=" + accessKeyId
                    + " AWS_SECRET_ACCESS_KEY=" + secretAccessKey + "), and each function's own credentials.");
        }
        FunctionPrincipal principal = found.get();
        if (!token.map(principal.credentials().sessionToken()::equals).orElse(false)) {
            return new Outcome.Refuse("InvalidToken", 400, "The provided token is malformed or otherwise invalid.");
        }
        Map<String, List<String>> global = Map.of("aws:SecureTransport", List.of(Boolean.toString(request.isSecure())),
                "aws:SourceIp", List.of(String.valueOf(request.getRemoteAddr())));
        List<AccessRequest> withGlobal = new ArrayList<>();
        checks.forEach(check -> withGlobal.add(check.with(global).with(check.context())));
        if (iam.authorize(principal, withGlobal) instanceof Verdict.Denied denied) {
            return new Outcome.Refuse("AccessDenied", 403, denied.denial().message(true));
        }
        if (operation.kind() == S3Operation.Kind.OBJECT_READ && !exists(bucket, objectKey)) {
            // S3 tells a missing key (404) only to callers who may list the bucket; the others get 403
            AccessRequest list = new AccessRequest("s3:ListBucket", "arn:aws:s3:::" + bucket, global);
            if (iam.authorize(principal, List.of(list)) instanceof Verdict.Denied denied) {
                return new Outcome.Refuse("AccessDenied", 403, denied.denial().message(true));
            }
        }
        if (operation.kind() == S3Operation.Kind.DELETE_OBJECTS) {
            return new Outcome.Proceed(forwarded, (b, key, versioned) -> iam.authorize(principal,
                    List.of(S3Actions.deleteOne(b, key, versioned).with(global))) instanceof Verdict.Denied
                    ? Optional.of(DELETE_REFUSAL) : Optional.empty());
        }
        return new Outcome.Proceed(forwarded, RequestScope.DeleteAuthorizer.ANYONE);
    }

    private boolean exists(String bucket, String key) {
        try {
            return !store.containerExists(bucket) || store.blobExists(bucket, key);
        } catch (RuntimeException e) {
            // let S3Proxy answer whatever is wrong
            return true;
        }
    }

    /** The query string's parameters, decoded (a parameter without value maps to ""). */
    static Map<String, String> query(String queryString) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return parameters;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = S3Actions.percentDecode((eq < 0 ? pair : pair.substring(0, eq)).replace('+', ' '));
            String value = eq < 0 ? "" : S3Actions.percentDecode(pair.substring(eq + 1).replace('+', ' '));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    /** The object key of a request URI, decoded: after the bucket for path-style, the whole path otherwise. */
    static String objectKey(String rawUri, boolean virtualHosted) {
        String path = rawUri == null ? "" : rawUri;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        path = path.startsWith("/") ? path.substring(1) : path;
        if (!virtualHosted) {
            int slash = path.indexOf('/');
            path = slash < 0 ? "" : path.substring(slash + 1);
        }
        return path.isEmpty() ? null : S3Actions.percentDecode(path);
    }
}
