package dev.mediapipeline.local.iam;

import dev.mediapipeline.local.template.FunctionDefinition;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The temporary credentials of a function's execution role, as Lambda hands them to the function
 * ({@code AWS_ACCESS_KEY_ID} {@code ASIA...}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}).
 *
 * <p>Derived from the function's name and role ARN, so that every process of the local runtime (and
 * {@code ./run-local invoke} against a runtime already running) computes the same ones without sharing state.
 * They are local credentials, valid only against the local endpoint; {@link #toString()} hides the secret.
 */
public record FunctionCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    private static final byte[] DERIVATION_KEY = "media-pipeline local runtime IAM".getBytes(StandardCharsets.UTF_8);
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    public static FunctionCredentials of(FunctionDefinition function) {
        String identity = function.name() + "\n" + function.role().arn();
        String accessKeyId = "ASIA" + base32(hmac("access-key-id\n" + identity), 16);
        String secret = Base64.getEncoder().withoutPadding().encodeToString(hmac("secret\n" + identity))
                .replace('+', 'x').replace('/', 'y').substring(0, 40);
        byte[] token = new byte[96];
        for (int i = 0; i < token.length; i += 32) {
            System.arraycopy(hmac("session-token-" + i + "\n" + identity), 0, token, i, 32);
        }
        return new FunctionCredentials(accessKeyId, secret, "IQoJb3JpZ2luX2VjE" + Base64.getEncoder().encodeToString(token));
    }

    private static byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(DERIVATION_KEY, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String base32(byte[] bytes, int length) {
        var out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(BASE32[(bytes[i] & 0xff) % 32]);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "FunctionCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***, sessionToken=***]";
    }
}
