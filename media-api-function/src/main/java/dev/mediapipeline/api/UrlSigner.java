package dev.mediapipeline.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Port: URLs that let a browser read or write one object without credentials of its own, for a limited time.
 * Adapter: {@code S3UrlSigner} (SigV4, against the endpoint browsers reach).
 */
public interface UrlSigner {

    /** A presigned GET of the object. */
    URI presignGet(String bucket, String key, Duration validity);

    /**
     * A browser-based POST upload (an HTML form or a FormData request) allowed only for exactly this key, this
     * Content-Type and a body of 1 to {@code maxBytes} bytes, until it expires.
     */
    PostGrant presignPost(String bucket, String key, String contentType, long maxBytes, Duration validity);

    /**
     * @param url    where to POST (multipart/form-data)
     * @param fields the form fields to send, in this order, before the {@code file} field (which must come last)
     */
    record PostGrant(URI url, Map<String, String> fields, Instant expiresAt) {
    }
}
