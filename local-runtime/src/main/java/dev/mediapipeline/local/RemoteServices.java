package dev.mediapipeline.local;

import dev.mediapipeline.aws.AwsClients;
import dev.mediapipeline.local.lambda.LambdaSettings;
import dev.mediapipeline.local.template.BucketDefinition;
import dev.mediapipeline.local.template.TableDefinition;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * An AWS endpoint that someone else runs (a local runtime already started, LocalStack, ...): used as is; buckets
 * and tables are whoever runs it's business.
 */
public final class RemoteServices implements AwsServices {

    private final URI uri;
    private final String region;
    private S3Client s3;

    public RemoteServices(URI uri, String region) {
        this.uri = uri;
        this.region = region;
    }

    /** Built on first use: an SDK client takes a second or two to build in a fresh JVM, and invoke needs none. */
    @Override
    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = S3Client.builder()
                    .httpClient(AwsClients.httpClient())
                    .region(Region.of(region))
                    .endpointOverride(uri)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(LambdaSettings.ACCESS_KEY, LambdaSettings.SECRET_KEY)))
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                    .build();
        }
        return s3;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public void ensureBucket(BucketDefinition bucket) {
        // not ours to create
    }

    @Override
    public void ensureTable(TableDefinition table) {
        // not ours to create
    }

    @Override
    public synchronized void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
