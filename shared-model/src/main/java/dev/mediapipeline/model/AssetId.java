package dev.mediapipeline.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The identity of an uploaded asset: derived deterministically from the bucket and the (decoded) key, so every
 * function, every retry and every duplicate event agrees on it without a lookup. 24 hex characters (96 bits of
 * SHA-256).
 */
public record AssetId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{24}");

    public AssetId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("asset id must be 24 lowercase hex characters: " + value);
        }
    }

    public static AssetId of(String bucket, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bucket.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            return new AssetId(HexFormat.of().formatHex(sha.digest(), 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
