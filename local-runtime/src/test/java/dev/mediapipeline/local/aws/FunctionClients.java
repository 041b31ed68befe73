package dev.mediapipeline.local.aws;

import dev.mediapipeline.aws.AwsClients;
import dev.mediapipeline.local.iam.FunctionCredentials;
import dev.mediapipeline.local.template.EventInvokeConfig;
import dev.mediapipeline.local.template.FunctionDefinition;
import dev.mediapipeline.local.template.FunctionRole;
import dev.mediapipeline.local.template.PolicyStatement;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** SDK clients signing as a function does inside Lambda: with its role's temporary credentials. */
final class FunctionClients {

    private FunctionClients() {
    }

    /** A function named {@code name} whose role {@code <name>Role} has these statements. */
    static FunctionDefinition function(String name, List<PolicyStatement> statements) {
        return new FunctionDefinition(name, name, "arn:aws:lambda:us-east-1:000000000000:function:" + name,
                "example.Handler::handleRequest", Path.of("/nonexistent.jar"), "java21", 512, 30, Map.of(),
                EventInvokeConfig.DEFAULT, List.of(), "x86_64", List.of(),
                new FunctionRole(name + "Role", "arn:aws:iam::000000000000:role/" + name + "Role", statements,
                        List.of("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")));
    }

    static StaticCredentialsProvider credentials(FunctionCredentials c) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                c.sessionToken()));
    }

    static S3Client s3(AwsEndpoint endpoint, FunctionCredentials c) {
        return S3Client.builder()
                .httpClient(AwsClients.httpClient())
                .endpointOverride(endpoint.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(c))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    static S3Presigner presigner(AwsEndpoint endpoint, FunctionCredentials c) {
        return S3Presigner.builder()
                .endpointOverride(endpoint.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(c))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    static DynamoDbClient dynamoDb(AwsEndpoint endpoint, FunctionCredentials c) {
        return DynamoDbClient.builder()
                .httpClient(AwsClients.httpClient())
                .endpointOverride(endpoint.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(c))
                .build();
    }
}
