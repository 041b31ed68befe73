package dev.mediapipeline.local.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediapipeline.local.aws.ObjectEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes the S3 event notification JSON that S3 sends for an object event (event structure version 2.1): the
 * key URL-encoded the way S3 does it (form encoding: a space becomes {@code +}, {@code +} becomes {@code %2B},
 * {@code %} becomes {@code %25}, other characters outside {@code A-Za-z0-9.-*_} their UTF-8 {@code %XX} bytes,
 * {@code /} left as is); size and eTag for creations only; the sequencer as the endpoint assigned it.
 */
public final class S3EventFactory {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String region;
    private final String accountId;

    public S3EventFactory(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    /** {@code {"Records":[record]}}: S3 sends one record per notification. */
    public ObjectNode event(ObjectEvent event, String configurationId) {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("Records").add(record(event, configurationId));
        return root;
    }

    public ObjectNode record(ObjectEvent event, String configurationId) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", EVENT_TIME.format(event.eventTime()));
        record.put("eventName", event.eventName());
        record.putObject("userIdentity").put("principalId", "AWS:AIDA" + accountId + "LOCAL");
        record.putObject("requestParameters").put("sourceIPAddress",
                event.sourceIp() == null || event.sourceIp().isBlank() ? "127.0.0.1" : event.sourceIp());
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", event.requestId() == null || event.requestId().isBlank()
                ? randomRequestId() : event.requestId());
        response.put("x-amz-id-2", randomHostId());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", event.bucket());
        bucket.putObject("ownerIdentity").put("principalId", "A" + accountId);
        bucket.put("arn", "arn:aws:s3:::" + event.bucket());
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(event.key()));
        if (event.isCreated()) {
            object.put("size", event.size());
            if (event.eTag() != null) {
                object.put("eTag", stripQuotes(event.eTag()));
            }
        }
        object.put("sequencer", event.sequencer());
        return record;
    }

    /** The key as S3 writes it in event notifications. */
    public static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String stripQuotes(String eTag) {
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1) : eTag;
    }

    private static String randomRequestId() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).toUpperCase(Locale.ROOT);
    }

    private static String randomHostId() {
        byte[] bytes = new byte[48];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
