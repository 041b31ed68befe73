package dev.mediapipeline.transcode.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Events as Lambda delivers them, made from the shared fixtures in {@code events/} with the bucket, key, size and
 * ETag of the object at hand (keys URL-encoded as S3 sends them).
 */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    public static Path fixture(String name) {
        Path p = Path.of("..", "events", name);
        if (!Files.exists(p)) {
            p = Path.of("events", name);
        }
        return p;
    }

    /** An upload's ObjectCreated event wrapped in the SNS notification of UploadEventsTopic. */
    public static InputStream snsUpload(String bucket, String key, long size, String eTag) {
        try {
            ObjectNode sns = (ObjectNode) JSON.readTree(fixture("sns-s3-put-video.json").toFile());
            ObjectNode snsBody = (ObjectNode) sns.get("Records").get(0).get("Sns");
            ObjectNode s3Event = (ObjectNode) JSON.readTree(snsBody.get("Message").asText());
            fill(s3Event, bucket, key, size, eTag);
            snsBody.put("Message", JSON.writeValueAsString(s3Event));
            return new ByteArrayInputStream(JSON.writeValueAsBytes(sns));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A work-bucket ObjectCreated event, delivered directly by S3 (a chunk task). */
    public static InputStream workObject(String bucket, String key, long size, String eTag) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(fixture("s3-put-transcode-task.json").toFile());
            fill(event, bucket, key, size, eTag);
            return new ByteArrayInputStream(JSON.writeValueAsBytes(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fill(ObjectNode event, String bucket, String key, long size, String eTag) {
        ObjectNode s3 = (ObjectNode) event.get("Records").get(0).get("s3");
        ((ObjectNode) s3.get("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        ((ObjectNode) s3.get("object")).put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("size", size).put("eTag", eTag);
    }
}
