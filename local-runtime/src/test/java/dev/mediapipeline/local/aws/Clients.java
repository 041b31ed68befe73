package dev.mediapipeline.local.aws;

import dev.mediapipeline.aws.AwsClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Clients built the way a user's code builds them, independently of the endpoint's own. */
final class Clients {

    private Clients() {
    }

    static S3Client s3(AwsEndpoint endpoint, boolean pathStyle) {
        return s3(endpoint, pathStyle, AwsEndpoint.ACCESS_KEY_ID, AwsEndpoint.SECRET_ACCESS_KEY);
    }

    static S3Client s3(AwsEndpoint endpoint, boolean pathStyle, String accessKey, String secretKey) {
        return S3Client.builder()
                .httpClient(AwsClients.httpClient())
                .endpointOverride(endpoint.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build())
                .build();
    }

    static S3Presigner presigner(AwsEndpoint endpoint) {
        return S3Presigner.builder()
                .endpointOverride(endpoint.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(AwsEndpoint.credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    static DynamoDbClient dynamoDb(AwsEndpoint endpoint, String accessKey) {
        return DynamoDbClient.builder()
                .httpClient(AwsClients.httpClient())
                .endpointOverride(endpoint.uri())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "anything")))
                .build();
    }

    static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> send(HttpRequest request) {
        try (HttpClient client = http()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder request(AwsEndpoint endpoint, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(endpoint.uri() + pathAndQuery)).timeout(Duration.ofSeconds(20));
    }

    /** Writes raw bytes on a new connection and returns everything the server answers until it closes. */
    static String raw(AwsEndpoint endpoint, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", endpoint.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
