package dev.mediapipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class EmbeddedS3Test {

    /**
     * A conditional create (If-None-Match: *) is sent once: a PUT the server answered before reading the whole request
     * would reach the client as a broken connection, the SDK would send it again, and the retry would fail with 412
     * although the first one created the object (what the transcoder's ledger and publisher claim rely on).
     */
    @Test
    void conditionalCreatesSucceedExactlyOnce() {
        try (EmbeddedS3 server = EmbeddedS3.start(); S3Client s3 = server.client()) {
            server.createBucket("ledger");
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String key = "run/task-" + i;
                try {
                    s3.putObject(b -> b.bucket("ledger").key(key).ifNoneMatch("*"), RequestBody.fromString("result " + i));
                } catch (S3Exception e) {
                    refused.add(key + ": " + e.statusCode());
                }
            }
            assertThat(refused).as("first creates refused (a retried PUT meeting its own first attempt)").isEmpty();
        }
    }

    /**
     * A signed PUT with a common Content-Type is accepted: the signature covers the header as sent, and Jetty must not
     * swap it for a cached value of another case before S3Proxy checks it.
     */
    @Test
    void signedPutsKeepTheirContentTypeAsSent() {
        try (EmbeddedS3 server = EmbeddedS3.start(); S3Client s3 = server.client()) {
            server.createBucket("site");
            for (String type : List.of("text/html; charset=utf-8", "text/html;charset=utf-8", "text/plain; charset=UTF-8",
                    "application/json", "text/javascript; charset=utf-8", "image/svg+xml")) {
                s3.putObject(b -> b.bucket("site").key("file").contentType(type), RequestBody.fromString("x"));
                assertThat(s3.headObject(b -> b.bucket("site").key("file")).contentType())
                        .as("stored type (Jetty drops the space before a charset)").isEqualToIgnoringWhitespace(type.toLowerCase());
            }
        }
    }
}
