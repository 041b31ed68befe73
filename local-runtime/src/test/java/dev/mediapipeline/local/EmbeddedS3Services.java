package dev.mediapipeline.local;

import dev.mediapipeline.local.template.BucketDefinition;
import dev.mediapipeline.local.template.TableDefinition;
import dev.mediapipeline.testing.EmbeddedS3;
import java.net.URI;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link AwsServices} on test-support's S3Proxy: S3 only (tests that need tables use the real endpoint). */
public final class EmbeddedS3Services implements AwsServices {

    private final EmbeddedS3 s3 = EmbeddedS3.start();
    private final S3Client client = s3.client();

    @Override
    public URI uri() {
        return s3.endpoint();
    }

    @Override
    public void ensureBucket(BucketDefinition bucket) {
        if (client.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket.name()))) {
            client.createBucket(b -> b.bucket(bucket.name()));
        }
    }

    @Override
    public void ensureTable(TableDefinition table) {
        throw new UnsupportedOperationException("EmbeddedS3Services has no DynamoDB");
    }

    @Override
    public S3Client s3() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        s3.close();
    }
}
