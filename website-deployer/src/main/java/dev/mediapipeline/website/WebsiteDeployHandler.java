package dev.mediapipeline.website;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.mediapipeline.aws.AwsClients;
import dev.mediapipeline.aws.S3ObjectStore;
import dev.mediapipeline.lambda.LogContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry point of WebsiteDeployFunction, the service token of the template's {@code Custom::WebsiteContent}.
 * Properties: {@code BucketName}, {@code ApiBaseUrl}, and {@code SiteVersion} (the function's published version, so
 * that a new site in a new package updates the resource). Create and Update publish the site; Delete empties the
 * bucket named by the physical id. Every request is answered, failures included (with the reason), or the stack
 * would wait an hour for an answer.
 */
public final class WebsiteDeployHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final String PHYSICAL_ID_PREFIX = "website-content:";
    private static final Logger LOG = LoggerFactory.getLogger(WebsiteDeployHandler.class);
    private static final int MAX_REASON = 1_000;

    private final WebsiteDeployConfig config;
    private final WebsitePublisher publisher;
    private final Supplier<SiteBundle> site;
    private final CustomResourceResponder responder;

    /** For Lambda: configuration from the environment, the S3 client once per sandbox, the bundled site. */
    public WebsiteDeployHandler() {
        this(WebsiteDeployConfig.fromEnvironment(), new WebsitePublisher(new S3ObjectStore(AwsClients.s3())),
                SiteBundle::fromClasspath, new HttpCustomResourceResponder());
    }

    public WebsiteDeployHandler(WebsiteDeployConfig config, WebsitePublisher publisher, Supplier<SiteBundle> site,
                                CustomResourceResponder responder) {
        this.config = Objects.requireNonNull(config, "config");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.site = Objects.requireNonNull(site, "site");
        this.responder = Objects.requireNonNull(responder, "responder");
    }

    @Override
    @SuppressWarnings("try") // the scope only sets and clears the logging context
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try (LogContext ignored = LogContext.forInvocation(context)) {
            String responseUrl = text(event, "ResponseURL");
            String requestType = text(event, "RequestType");
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("StackId", text(event, "StackId"));
            response.put("RequestId", text(event, "RequestId"));
            response.put("LogicalResourceId", text(event, "LogicalResourceId"));
            String physicalId = optionalText(event, "PhysicalResourceId");
            try {
                Map<String, Object> data = new LinkedHashMap<>();
                switch (requestType) {
                    case "Create", "Update" -> {
                        Map<String, Object> properties = properties(event);
                        String bucket = allowedBucket(text(properties, "BucketName"));
                        String apiBaseUrl = text(properties, "ApiBaseUrl");
                        if (!apiBaseUrl.startsWith("https://") && !apiBaseUrl.startsWith("http://")) {
                            throw new IllegalArgumentException("ApiBaseUrl must be an http(s) URL, was '" + apiBaseUrl + "'");
                        }
                        Map<String, String> runtimeConfig = new LinkedHashMap<>();
                        runtimeConfig.put("apiBaseUrl", apiBaseUrl.replaceAll("/+$", ""));
                        runtimeConfig.put("environment", "aws");
                        WebsitePublisher.Published published;
                        try (SiteBundle bundle = site.get()) {
                            published = publisher.publish(bucket, bundle, runtimeConfig);
                        }
                        // a new bucket is a new resource: CloudFormation then deletes the old one (emptying it)
                        physicalId = PHYSICAL_ID_PREFIX + bucket;
                        data.put("Files", published.files());
                        data.put("Removed", published.removed());
                    }
                    case "Delete" -> {
                        if (physicalId != null && physicalId.startsWith(PHYSICAL_ID_PREFIX)) {
                            String bucket = physicalId.substring(PHYSICAL_ID_PREFIX.length());
                            data.put("Deleted", publisher.empty(allowedBucket(bucket)));
                        } else {
                            // a create that failed before publishing anything: nothing to undo
                            LOG.info("delete of {}: nothing was published", physicalId);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown RequestType '" + requestType + "'");
                }
                response.put("Status", "SUCCESS");
                response.put("Data", data);
            } catch (RuntimeException e) {
                LOG.error("{} of the website content failed", requestType, e);
                response.put("Status", "FAILED");
                response.put("Reason", reason(e, context));
            }
            response.put("PhysicalResourceId", physicalId != null ? physicalId
                    : "website-content-failed-" + text(event, "RequestId"));
            responder.respond(responseUrl, response);
            LOG.info("{} answered {} for {}", requestType, response.get("Status"), response.get("PhysicalResourceId"));
            return response;
        }
    }

    private String allowedBucket(String bucket) {
        if (!bucket.equals(config.websiteBucket())) {
            throw new IllegalArgumentException("this function publishes only to bucket " + config.websiteBucket()
                    + " (WEBSITE_BUCKET), not " + bucket);
        }
        return bucket;
    }

    private static String reason(RuntimeException e, Context context) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (context != null && context.getLogStreamName() != null) {
            reason += " (log stream " + context.getLogStreamName() + ")";
        }
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> event) {
        if (event.get("ResourceProperties") instanceof Map<?, ?> properties) {
            return (Map<String, Object>) properties;
        }
        throw new IllegalArgumentException("the request has no ResourceProperties");
    }

    private static String text(Map<String, Object> map, String name) {
        String value = optionalText(map, name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }

    private static String optionalText(Map<String, Object> map, String name) {
        Object value = map.get(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
