package dev.mediapipeline.local.aws;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.S3ProxyHandler;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * S3Proxy's server-independent S3 protocol handler (SigV2/SigV4 verification, presigned URLs, POST policies,
 * aws-chunked payloads, every S3 operation), configured for the local endpoint and hosted by {@link S3Servlet}.
 * One instance per addressing style: path-style (no virtual host), and one per virtual-host base domain, since
 * S3Proxy treats any Host that is not its one base as a bucket name.
 */
final class LocalS3ProxyHandler extends S3ProxyHandler {

    private static final long MAX_SINGLE_PART_OBJECT_SIZE = 5L * 1024 * 1024 * 1024;
    /**
     * Bound on the bodies S3Proxy holds in memory (S3Proxy's default): POST form uploads, and payloads signed with
     * their SHA-256 in a header. SDK uploads stream (aws-chunked), presigned PUTs stream (UNSIGNED-PAYLOAD), the CLI
     * switches to multipart at 8 MiB.
     */
    private static final long MAX_BUFFERED_REQUEST_SIZE = 128L * 1024 * 1024;
    private static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
    private static final int MAXIMUM_TIME_SKEW_SECONDS = 15 * 60;

    /**
     * @param secrets the secret access key of each identity S3Proxy may accept (the endpoint's own and each
     *                function's), null for an unknown one: S3Proxy checks every signature with the signer's secret
     */
    LocalS3ProxyHandler(BlobStore blobStore, String accessKeyId, String secretAccessKey, String virtualHostBase,
                        Function<String, String> secrets) {
        super(blobStore, AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey, virtualHostBase,
                MAX_SINGLE_PART_OBJECT_SIZE, MAX_BUFFERED_REQUEST_SIZE, MAX_CHUNK_SIZE,
                /* ignoreUnknownHeaders: newer SDKs send headers S3Proxy does not list */ true,
                /* CORS is answered per bucket by S3Servlet */ null,
                /* servicePath */ null, MAXIMUM_TIME_SKEW_SECONDS);
        setBlobStoreLocator((identity, container, blob) -> {
            String secret = identity == null ? null : secrets.apply(identity);
            return secret == null ? null : new AccessGrant(secret, blobStore);
        });
    }

    /** Writes S3's {@code <Error>} document (with the response's request id), unless the response is committed. */
    void sendError(HttpServletRequest request, HttpServletResponse response, String code, int status,
                   String message) throws IOException {
        sendSimpleErrorResponse(request, response, code, status, message, Map.of());
    }
}
