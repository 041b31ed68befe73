package dev.mediapipeline.local;

import dev.mediapipeline.local.template.BucketDefinition;
import dev.mediapipeline.local.template.FunctionDefinition;
import dev.mediapipeline.local.template.TableDefinition;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS APIs the functions talk to, as the rest of the local runtime needs them: the endpoint's address (given
 * to functions as {@code AWS_ENDPOINT_URL}), creating what the template declares, and an S3 client (for
 * on-failure records, which must go through the S3 API so they trigger notifications like any other object).
 */
public interface AwsServices extends AutoCloseable {

    URI uri();

    /** Creates the bucket if absent, with the template's CORS rules. */
    void ensureBucket(BucketDefinition bucket);

    /** Creates the table if absent (with its indexes and time-to-live). */
    void ensureTable(TableDefinition table);

    S3Client s3();

    /**
     * Tells the endpoint each function's credentials and role, so that its S3 and DynamoDB requests are evaluated
     * against the role's policies ({@code enforceIam}), or only accepted (not enforcing). An endpoint someone else
     * runs is not told anything.
     */
    default void registerFunctions(List<FunctionDefinition> functions, boolean enforceIam) {
    }

    @Override
    void close();
}
