package dev.mediapipeline.local.aws;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A browser's S3 POST upload as an upload page builds it: a SigV4-signed POST policy (what a backend hands the
 * page) and the multipart/form-data body with the fields, the policy, its signature and the file last.
 */
final class PostPolicyForm {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final String bucket;
    private final String keyPrefix;
    private final String contentTypePrefix;
    private final long maxLength;
    private final Instant expiration;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;

    PostPolicyForm(String bucket, String keyPrefix, String contentTypePrefix, long maxLength, Instant expiration) {
        this(bucket, keyPrefix, contentTypePrefix, maxLength, expiration, AwsEndpoint.ACCESS_KEY_ID,
                AwsEndpoint.SECRET_ACCESS_KEY, null);
    }

    private PostPolicyForm(String bucket, String keyPrefix, String contentTypePrefix, long maxLength,
                           Instant expiration, String accessKeyId, String secretAccessKey, String sessionToken) {
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
        this.contentTypePrefix = contentTypePrefix;
        this.maxLength = maxLength;
        this.expiration = expiration;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
    }

    /** The same form signed with these (temporary, when {@code sessionToken} is not null) credentials. */
    PostPolicyForm signedBy(String accessKey, String secret, String sessionToken) {
        return new PostPolicyForm(bucket, keyPrefix, contentTypePrefix, maxLength, expiration, accessKey, secret,
                sessionToken);
    }

    /** The form POST of {@code file} as {@code key} with {@code contentType}, to the bucket's path-style URL. */
    HttpRequest upload(AwsEndpoint endpoint, String key, String contentType, byte[] file) {
        Instant now = Instant.now();
        String credential = accessKeyId + "/" + DAY.format(now) + "/us-east-1/s3/aws4_request";
        String policyJson = "{\"expiration\":\"" + expiration + "\",\"conditions\":["
                + "{\"bucket\":\"" + bucket + "\"},"
                + "[\"starts-with\",\"$key\",\"" + keyPrefix + "\"],"
                + "[\"starts-with\",\"$Content-Type\",\"" + contentTypePrefix + "\"],"
                + "[\"content-length-range\",1," + maxLength + "],"
                + "{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},"
                + "{\"x-amz-credential\":\"" + credential + "\"},"
                + (sessionToken == null ? "" : "{\"x-amz-security-token\":\"" + sessionToken + "\"},")
                + "{\"x-amz-date\":\"" + AMZ_DATE.format(now) + "\"}]}";
        String policy = Base64.getEncoder().encodeToString(policyJson.getBytes(StandardCharsets.UTF_8));
        var fields = new LinkedHashMap<String, String>();
        fields.put("key", key);
        fields.put("Content-Type", contentType);
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", AMZ_DATE.format(now));
        if (sessionToken != null) {
            fields.put("x-amz-security-token", sessionToken);
        }
        fields.put("policy", policy);
        fields.put("x-amz-signature", sign(policy, DAY.format(now)));
        String boundary = "----form" + UUID.randomUUID();
        return Clients.request(endpoint, "/" + bucket)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(boundary, fields, contentType, file)))
                .build();
    }

    private static byte[] body(String boundary, Map<String, String> fields, String contentType, byte[] file) {
        var out = new ByteArrayOutputStream();
        for (var field : fields.entrySet()) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n");
        }
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload.bin\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(file);
        write(out, "\r\n--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private String sign(String policy, String day) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, "us-east-1");
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, policy));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
