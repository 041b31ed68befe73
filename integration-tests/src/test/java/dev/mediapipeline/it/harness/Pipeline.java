package dev.mediapipeline.it.harness;

import dev.mediapipeline.local.template.BucketDefinition;
import dev.mediapipeline.local.template.StackTemplate;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The pipeline of template.yaml, deployed somewhere a test can reach with the AWS SDK: the local runtime
 * ({@link EmbeddedPipeline}) or LocalStack ({@link LocalStackPipeline}). Names come from the template.
 */
public interface Pipeline extends AutoCloseable {

    /** For messages: where it runs. */
    String target();

    URI endpoint();

    S3Client s3();

    DynamoDbClient dynamoDb();

    /** The template as deployed (names resolved for account 000000000000, us-east-1). */
    StackTemplate template();

    /** How long processing may take here (cold starts: a JVM locally, a container on LocalStack). */
    Duration processingTimeout();

    default String bucket(String logicalId) {
        return template().buckets().stream().filter(b -> b.logicalId().equals(logicalId)).findFirst()
                .map(BucketDefinition::name)
                .orElseThrow(() -> new IllegalArgumentException("the template has no bucket " + logicalId));
    }

    default String uploadBucket() {
        return bucket("UploadBucket");
    }

    default String renditionsBucket() {
        return bucket("RenditionsBucket");
    }

    default String failuresBucket() {
        return bucket("FailedInvocationsBucket");
    }

    default String mediaTable() {
        return template().tables().stream().filter(t -> t.logicalId().equals("MediaTable")).findFirst().orElseThrow()
                .name();
    }

    @Override
    void close();
}
