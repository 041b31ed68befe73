package dev.mediapipeline.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link UrlSigner} for S3 with Signature V4. GETs through the SDK's {@link S3Presigner}; POST uploads by building
 * and signing the POST policy (the SDK does not), which S3 enforces: exact bucket and key, exact Content-Type,
 * {@code content-length-range} 1..max, expiry. URLs point at the endpoint a browser reaches: S3's own
 * (virtual-hosted) on AWS, or the configured public endpoint, path-style, locally.
 */
public final class S3UrlSigner implements UrlSigner, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Optional<URI> publicEndpoint;
    private final S3Presigner presigner;
    private final Clock clock;

    public S3UrlSigner(Region region, AwsCredentialsProvider credentials, Optional<URI> publicEndpoint, Clock clock) {
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.publicEndpoint = Objects.requireNonNull(publicEndpoint, "publicEndpoint");
        this.clock = Objects.requireNonNull(clock, "clock");
        S3Presigner.Builder b = S3Presigner.builder().region(region).credentialsProvider(credentials);
        publicEndpoint.ifPresent(e -> b.endpointOverride(e)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        this.presigner = b.build();
    }

    @Override
    public URI presignGet(String bucket, String key, Duration validity) {
        try {
            return presigner.presignGetObject(r -> r.signatureDuration(validity).getObjectRequest(g -> g.bucket(bucket).key(key)))
                    .url().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the SDK presigned an invalid URL", e);
        }
    }

    @Override
    public PostGrant presignPost(String bucket, String key, String contentType, long maxBytes, Duration validity) {
        AwsCredentials c = credentials.resolveCredentials();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(validity);
        String dateStamp = DATE_STAMP.format(now);
        String amzDate = AMZ_DATE.format(now);
        String credential = c.accessKeyId() + "/" + dateStamp + "/" + region.id() + "/s3/aws4_request";
        String token = c instanceof AwsSessionCredentials s ? s.sessionToken() : null;

        ObjectNode policy = JSON.createObjectNode();
        policy.put("expiration", expires.toString());
        ArrayNode conditions = policy.putArray("conditions");
        conditions.addObject().put("bucket", bucket);
        conditions.addObject().put("key", key);
        conditions.addObject().put("Content-Type", contentType);
        conditions.addArray().add("content-length-range").add(1).add(maxBytes);
        conditions.addObject().put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        conditions.addObject().put("x-amz-credential", credential);
        conditions.addObject().put("x-amz-date", amzDate);
        if (token != null) {
            conditions.addObject().put("x-amz-security-token", token);
        }
        String encodedPolicy = Base64.getEncoder().encodeToString(policy.toString().getBytes(StandardCharsets.UTF_8));
        byte[] signingKey = hmac(hmac(hmac(hmac(("AWS4" + c.secretAccessKey()).getBytes(StandardCharsets.UTF_8), dateStamp),
                region.id()), "s3"), "aws4_request");
        String signature = HexFormat.of().formatHex(hmac(signingKey, encodedPolicy));

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("Content-Type", contentType);
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", amzDate);
        if (token != null) {
            fields.put("x-amz-security-token", token);
        }
        fields.put("policy", encodedPolicy);
        fields.put("x-amz-signature", signature);
        return new PostGrant(bucketUrl(bucket), fields, expires);
    }

    /** Where a browser POSTs to a bucket. */
    URI bucketUrl(String bucket) {
        if (publicEndpoint.isPresent()) {
            return URI.create(publicEndpoint.get() + "/" + bucket);
        }
        return URI.create("https://" + bucket + ".s3." + region.id() + ".amazonaws.com/");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    @Override
    public void close() {
        presigner.close();
    }
}
