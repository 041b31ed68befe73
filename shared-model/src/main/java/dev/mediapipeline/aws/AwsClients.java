package dev.mediapipeline.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds SDK clients the same way everywhere: an explicit, light HTTP client (no Apache or Netty on the class
 * path, no ServiceLoader scan), the region from {@code AWS_REGION}, and the endpoint from {@code AWS_ENDPOINT_URL}
 * when it is set, so the same code talks to AWS, to LocalStack and to the local runtime. With an endpoint
 * override S3 uses path-style addressing (bucket names need no DNS there).
 *
 * <p>Handlers call {@link #s3()} once in their no-argument constructor: one client per sandbox, reused by every
 * invocation.
 */
public final class AwsClients {

    public static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";
    public static final String REGION_VARIABLE = "AWS_REGION";
    public static final String DEFAULT_REGION = "us-east-1";

    private static volatile S3Client sharedS3;

    private final Region region;
    private final Optional<URI> endpoint;

    public AwsClients(Region region, Optional<URI> endpoint) {
        this.region = region;
        this.endpoint = endpoint;
    }

    /** Region and endpoint from the environment. */
    public static AwsClients fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static AwsClients fromEnvironment(Map<String, String> env) {
        String region = Optional.ofNullable(env.get(REGION_VARIABLE)).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(env.get("AWS_DEFAULT_REGION")).filter(s -> !s.isBlank()))
                .orElse(DEFAULT_REGION);
        Optional<URI> endpoint = Optional.ofNullable(env.get(ENDPOINT_VARIABLE)).filter(s -> !s.isBlank()).map(URI::create);
        return new AwsClients(Region.of(region), endpoint);
    }

    /** The sandbox-wide S3 client configured from the environment, built on first use. */
    public static S3Client s3() {
        S3Client client = sharedS3;
        if (client == null) {
            synchronized (AwsClients.class) {
                client = sharedS3;
                if (client == null) {
                    client = fromEnvironment().newS3Client();
                    sharedS3 = client;
                }
            }
        }
        return client;
    }

    public Region region() {
        return region;
    }

    public Optional<URI> endpoint() {
        return endpoint;
    }

    /** The HTTP client every SDK client here uses: JDK URLConnection, bounded timeouts. */
    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
    }

    public S3Client newS3Client() {
        var builder = S3Client.builder()
                .httpClient(httpClient())
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(Duration.ofSeconds(120))
                        .build());
        endpoint.ifPresent(uri -> builder.endpointOverride(uri)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }
}
