package dev.mediapipeline.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.mediapipeline.aws.AwsClients;
import dev.mediapipeline.aws.DynamoDbClients;
import dev.mediapipeline.aws.S3ObjectStore;
import dev.mediapipeline.lambda.LogContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Lambda entry point of MediaApiFunction: API Gateway HTTP API events (payload format 2.0) in, responses out. Turns
 * the event into an {@link ApiRequest} for {@link MediaApi} and back.
 */
public final class MediaApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final MediaApi api;

    /** For Lambda: configuration from the environment, SDK clients once per sandbox. */
    public MediaApiHandler() {
        this(create(MediaApiConfig.fromEnvironment()));
    }

    public MediaApiHandler(MediaApi api) {
        this.api = api;
    }

    private static MediaApi create(MediaApiConfig config) {
        AwsClients aws = AwsClients.fromEnvironment();
        return new MediaApi(config,
                new DynamoDbMediaCatalog(DynamoDbClients.dynamoDb(), config.table()),
                new S3UrlSigner(aws.region(), DefaultCredentialsProvider.builder().build(), config.publicS3Endpoint(), Clock.systemUTC()),
                new S3ObjectStore(AwsClients.s3()),
                Clock.systemUTC());
    }

    @Override
    @SuppressWarnings("try") // the scopes only set and clear the logging context
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try (LogContext ignored = LogContext.forInvocation(context)) {
            ApiResponse response = api.handle(toRequest(event));
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(response.status())
                    .withHeaders(new HashMap<>(response.headers()))
                    .withBody(response.body())
                    .withIsBase64Encoded(false)
                    .build();
        }
    }

    static ApiRequest toRequest(APIGatewayV2HTTPEvent event) {
        String method = "GET";
        if (event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                && event.getRequestContext().getHttp().getMethod() != null) {
            method = event.getRequestContext().getHttp().getMethod();
        } else if (event.getRouteKey() != null && event.getRouteKey().contains(" ")) {
            method = event.getRouteKey().substring(0, event.getRouteKey().indexOf(' '));
        }
        String path = event.getRawPath() != null ? event.getRawPath()
                : event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getPath() : "/";
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            headers.putAll(event.getHeaders());
        }
        if (!headers.containsKey("host") && event.getRequestContext() != null && event.getRequestContext().getDomainName() != null) {
            headers.put("host", event.getRequestContext().getDomainName());
        }
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return new ApiRequest(method, path, event.getQueryStringParameters(), headers, body);
    }
}
