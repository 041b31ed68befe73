package dev.mediapipeline.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB client, built like {@link AwsClients}' S3 client: URLConnection HTTP client, region from
 * {@code AWS_REGION}, endpoint from {@code AWS_ENDPOINT_URL} when set. A separate class because the DynamoDB SDK
 * module is an optional dependency of shared-model: only functions that use the table ship it.
 */
public final class DynamoDbClients {

    private static volatile DynamoDbClient shared;

    private DynamoDbClients() {
    }

    /** The sandbox-wide client configured from the environment, built on first use. */
    public static DynamoDbClient dynamoDb() {
        DynamoDbClient client = shared;
        if (client == null) {
            synchronized (DynamoDbClients.class) {
                client = shared;
                if (client == null) {
                    client = newClient(AwsClients.fromEnvironment());
                    shared = client;
                }
            }
        }
        return client;
    }

    public static DynamoDbClient newClient(AwsClients settings) {
        var builder = DynamoDbClient.builder()
                .httpClient(AwsClients.httpClient())
                .region(settings.region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(Duration.ofSeconds(10))
                        .build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
