package dev.mediapipeline.local;

import dev.mediapipeline.aws.AwsClients;
import dev.mediapipeline.local.events.DestinationWriter;
import dev.mediapipeline.local.iam.FunctionCredentials;
import dev.mediapipeline.local.lambda.LambdaSettings;
import dev.mediapipeline.local.template.FunctionDefinition;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Writes on-failure records to S3 destinations as Lambda does: through the S3 API, with the function's execution
 * role (so the destination policy SAM adds to the role is what lets it through, and a role without it fails here
 * as on AWS). One client per function, built on first use.
 */
final class DestinationClients implements DestinationWriter, AutoCloseable {

    private final URI endpoint;
    private final String region;
    private final boolean roleCredentials;
    private final Map<String, S3Client> byFunction = new ConcurrentHashMap<>();

    /** @param roleCredentials write as the function's role; else with the shared credentials ({@code --no-iam}) */
    DestinationClients(URI endpoint, String region, boolean roleCredentials) {
        this.endpoint = endpoint;
        this.region = region;
        this.roleCredentials = roleCredentials;
    }

    @Override
    public Optional<String> putObject(FunctionDefinition function, String bucket, String key, byte[] json) {
        try {
            client(function).putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
                    RequestBody.fromBytes(json));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
    }

    private S3Client client(FunctionDefinition function) {
        return byFunction.computeIfAbsent(function.name(), name -> {
            FunctionCredentials role = FunctionCredentials.of(function);
            AwsCredentials credentials = roleCredentials
                    ? AwsSessionCredentials.create(role.accessKeyId(), role.secretAccessKey(), role.sessionToken())
                    : AwsBasicCredentials.create(LambdaSettings.ACCESS_KEY, LambdaSettings.SECRET_KEY);
            return S3Client.builder()
                    .httpClient(AwsClients.httpClient())
                    .endpointOverride(endpoint)
                    .region(Region.of(region))
                    .credentialsProvider(StaticCredentialsProvider.create(credentials))
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                    .build();
        });
    }

    @Override
    public void close() {
        byFunction.values().forEach(S3Client::close);
        byFunction.clear();
    }
}
