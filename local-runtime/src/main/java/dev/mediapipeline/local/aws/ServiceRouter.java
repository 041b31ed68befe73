package dev.mediapipeline.local.aws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint's root handler: sends each request to DynamoDB Local or to S3 by its {@link ServiceRoute}, and
 * answers requests for other services, and requests whose signature parameters cannot be read, with an AWS-style
 * error of its own. Also answers LocalStack's health probe ({@value #HEALTH_PATH}) naming the two services.
 */
final class ServiceRouter extends Handler.AbstractContainer {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRouter.class);
    static final String HEALTH_PATH = "/_localstack/health";
    private static final byte[] HEALTH_BODY = "{\"services\":{\"dynamodb\":\"running\",\"s3\":\"running\"},\"edition\":\"media-pipeline-local\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final Handler dynamoDb;
    private final Handler s3;
    private final DynamoDbAuthorization dynamoDbAuthorization;

    ServiceRouter(Handler dynamoDb, Handler s3, DynamoDbAuthorization dynamoDbAuthorization) {
        super(false);
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.dynamoDbAuthorization = dynamoDbAuthorization;
        installBean(dynamoDb);
        installBean(s3);
    }

    @Override
    public List<Handler> getHandlers() {
        return List.of(dynamoDb, s3);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (HEALTH_PATH.equals(request.getHttpURI().getPath())
                && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            // LocalStack's readiness probe, which scripts written for LocalStack poll before they start
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, "HEAD".equals(request.getMethod()) ? ByteBuffer.allocate(0)
                    : ByteBuffer.wrap(HEALTH_BODY), callback);
            return true;
        }
        ServiceRoute route;
        try {
            route = ServiceRoute.classify(request);
        } catch (RuntimeException e) {
            LOG.debug("cannot classify {} {}", request.getMethod(), request.getHttpURI(), e);
            route = new ServiceRoute.Malformed("InvalidRequest", "The request cannot be read as an AWS request.");
        }
        switch (route) {
            case ServiceRoute.DynamoDb dynamoDbRoute -> {
                try {
                    Request checked = DynamoDbBody.check(request, response, callback);
                    if (checked == null) {
                        return true;
                    }
                    var refusal = dynamoDbAuthorization.decide(request, dynamoDbRoute.accessKeyId(),
                            DynamoDbBody.json(checked));
                    if (refusal.isPresent()) {
                        AwsErrors.send(request, response, callback, refusal.get().status(), refusal.get().code(),
                                refusal.get().message());
                        return true;
                    }
                    if (!dynamoDb.handle(checked, response, callback)) {
                        AwsErrors.send(request, response, callback, 404, "UnknownOperationException",
                                "DynamoDB Local did not recognise this request.");
                    }
                } catch (Exception e) {
                    LOG.warn("DynamoDB request failed", e);
                    if (!response.isCommitted()) {
                        AwsErrors.send(request, response, callback, 500, "InternalFailure",
                                "The request processing has failed because of an unknown error.");
                    } else {
                        callback.failed(e);
                    }
                }
                return true;
            }
            case ServiceRoute.S3 s3Route -> {
                request.setAttribute(S3Servlet.ROUTE_ATTRIBUTE, s3Route);
                return s3.handle(request, response, callback);
            }
            case ServiceRoute.Unsupported unsupported -> {
                String host = request.getHeaders().get(HttpHeader.HOST);
                AwsErrors.send(request, response, callback, 501, "NotImplemented",
                        "Service '" + unsupported.service() + "' is not available on this local endpoint ("
                                + (host == null ? "it" : "http://" + host) + " serves S3 and DynamoDB only; the "
                                + "request names it in its " + unsupported.evidence() + ").");
                return true;
            }
            case ServiceRoute.Malformed malformed -> {
                AwsErrors.send(request, response, callback, 400, malformed.code(), malformed.message());
                return true;
            }
        }
    }
}
