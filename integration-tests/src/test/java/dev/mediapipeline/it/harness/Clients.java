package dev.mediapipeline.it.harness;

import dev.mediapipeline.aws.AwsClients;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** AWS SDK v2 clients pointed at an endpoint, as a user points them (dummy credentials, path-style S3). */
public final class Clients {

    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";
    public static final Region REGION = Region.US_EAST_1;

    private Clients() {
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    public static S3Client s3(URI endpoint) {
        return S3Client.builder().httpClient(AwsClients.httpClient()).region(REGION).endpointOverride(endpoint)
                .credentialsProvider(credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return DynamoDbClient.builder().httpClient(AwsClients.httpClient()).region(REGION).endpointOverride(endpoint)
                .credentialsProvider(credentials()).build();
    }
}
