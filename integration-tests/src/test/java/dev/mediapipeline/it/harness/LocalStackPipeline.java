package dev.mediapipeline.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediapipeline.local.template.BucketDefinition;
import dev.mediapipeline.local.template.FunctionDefinition;
import dev.mediapipeline.local.template.NotificationConfiguration;
import dev.mediapipeline.local.template.StackTemplate;
import dev.mediapipeline.local.template.Subscription;
import dev.mediapipeline.local.template.TableDefinition;
import dev.mediapipeline.local.template.TemplateLoader;
import dev.mediapipeline.local.template.TopicDefinition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.NotificationConfigurationFilter;
import software.amazon.awssdk.services.s3.model.TopicConfiguration;

/**
 * The pipeline on LocalStack (Docker, through Testcontainers): the template's tables, buckets and SNS topic created
 * there, the real function jars deployed as Lambda functions (java21), subscribed to the topic and wired to the
 * buckets' notifications exactly as the template declares them (the local runtime's template reader resolves it).
 *
 * <p>The image: {@value #FREE_IMAGE}, the last LocalStack that runs without an account; with
 * {@code LOCALSTACK_AUTH_TOKEN} set, {@code localstack/localstack:latest} (or {@code -Dlocalstack.image=...}).
 */
public final class LocalStackPipeline implements Pipeline {

    public static final String FREE_IMAGE = "localstack/localstack:4.14.0";
    private static final Logger LOG = LoggerFactory.getLogger(LocalStackPipeline.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CODE_BUCKET = "media-pipeline-it-function-code";
    private static final String ROLE = "arn:aws:iam::000000000000:role/media-pipeline-it-lambda";

    private final LocalStackContainer container;
    private final StackTemplate template;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;

    private LocalStackPipeline(LocalStackContainer container, StackTemplate template) {
        this.container = container;
        this.template = template;
        this.s3 = Clients.s3(container.getEndpoint());
        this.dynamoDb = Clients.dynamoDb(container.getEndpoint());
    }

    static String image() {
        String configured = System.getProperty("localstack.image");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        return token != null && !token.isBlank() ? "localstack/localstack:latest" : FREE_IMAGE;
    }

    /** Starts LocalStack and deploys the template's event-driven part: the functions the buckets and topic invoke. */
    public static LocalStackPipeline start() {
        String image = image();
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(image)
                .asCompatibleSubstituteFor("localstack/localstack"))
                .withServices("s3", "sns", "lambda", "dynamodb", "iam", "sts", "logs")
                // a java21 function's first start pulls its image and boots a JVM
                .withEnv("LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT", "180")
                .withStartupTimeout(Duration.ofMinutes(4));
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        container.start();
        try {
            StackTemplate template = TemplateLoader.load(Project.template(), Map.of());
            LocalStackPipeline pipeline = new LocalStackPipeline(container, template);
            pipeline.deploy();
            return pipeline;
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
    }

    private void deploy() {
        AwsHttp aws = new AwsHttp(container.getEndpoint(), template.region());
        for (TableDefinition table : template.tables()) {
            dynamoDb.createTable(table.createTableRequest());
        }
        s3.createBucket(b -> b.bucket(CODE_BUCKET));
        for (BucketDefinition bucket : template.buckets()) {
            s3.createBucket(b -> b.bucket(bucket.name()));
        }
        Map<String, String> topicArns = new LinkedHashMap<>();
        for (TopicDefinition topic : template.topics()) {
            var created = aws.query("sns", Map.of("Action", "CreateTopic", "Name", topic.name(), "Version", "2010-03-31"));
            topicArns.put(topic.arn(), xmlValue(created, "TopicArn"));
        }
        for (FunctionDefinition function : triggered()) {
            deploy(aws, function);
        }
        for (Subscription subscription : template.subscriptions()) {
            FunctionDefinition function = template.function(subscription.functionName()).orElseThrow();
            var subscribed = aws.query("sns", Map.of("Action", "Subscribe", "Version", "2010-03-31",
                    "TopicArn", topicArns.getOrDefault(subscription.topicArn(), subscription.topicArn()),
                    "Protocol", "lambda", "Endpoint", function.arn()));
            check(subscribed, "subscribe " + function.name() + " to " + subscription.topicArn());
        }
        for (BucketDefinition bucket : template.buckets()) {
            notifications(bucket, topicArns);
        }
    }

    /** The functions that buckets or topics invoke (the API and the site deployer need API Gateway and CloudFront). */
    private List<FunctionDefinition> triggered() {
        List<String> names = new ArrayList<>();
        template.subscriptions().forEach(s -> names.add(s.functionName()));
        for (BucketDefinition bucket : template.buckets()) {
            for (NotificationConfiguration n : bucket.notifications()) {
                if (n.target() instanceof NotificationConfiguration.FunctionTarget f) {
                    names.add(f.functionName());
                }
            }
        }
        return template.functions().stream().filter(f -> names.contains(f.name())).toList();
    }

    private void deploy(AwsHttp aws, FunctionDefinition function) {
        String key = function.name() + ".jar";
        s3.putObject(b -> b.bucket(CODE_BUCKET).key(key), RequestBody.fromFile(function.codeUri()));
        ObjectNode request = JSON.createObjectNode();
        request.put("FunctionName", function.name());
        request.put("Runtime", function.runtime());
        request.put("Role", ROLE);
        request.put("Handler", function.handler());
        request.put("MemorySize", function.memorySizeMb());
        request.put("Timeout", function.timeoutSeconds());
        request.putObject("Code").put("S3Bucket", CODE_BUCKET).put("S3Key", key);
        ObjectNode variables = request.putObject("Environment").putObject("Variables");
        function.environment().forEach(variables::put);
        check(aws.call("lambda", "POST", "/2015-03-31/functions", "application/json", bytes(request)),
                "create function " + function.name());
        Poll.until(function.name() + " Active on LocalStack", Duration.ofMinutes(3), () -> {
            var state = aws.call("lambda", "GET", "/2015-03-31/functions/" + function.name(), null, null);
            String value = state.status() == 200 ? read(state.body()).at("/Configuration/State").asText() : "";
            if (value.equals("Failed")) {
                throw new IllegalStateException(function.name() + " failed to deploy: " + state.body());
            }
            return value.equals("Active") ? Optional.of(value) : Optional.empty();
        }, () -> "pending");
        ObjectNode invokeConfig = JSON.createObjectNode();
        invokeConfig.put("MaximumRetryAttempts", function.eventInvokeConfig().maximumRetryAttempts());
        invokeConfig.put("MaximumEventAgeInSeconds", function.eventInvokeConfig().maximumEventAgeSeconds());
        function.eventInvokeConfig().onFailure().ifPresent(d ->
                invokeConfig.putObject("DestinationConfig").putObject("OnFailure").put("Destination", d.arn()));
        var configured = aws.call("lambda", "PUT", "/2019-09-25/functions/" + function.name() + "/event-invoke-config",
                "application/json", bytes(invokeConfig));
        if (configured.status() >= 300) {
            // S3 on-failure destinations are recent; an emulator without them still runs the happy path
            LOG.warn("LocalStack refused the event invoke config of {} ({}): {}", function.name(), configured.status(),
                    configured.body());
        }
    }

    private void notifications(BucketDefinition bucket, Map<String, String> topicArns) {
        if (bucket.notifications().isEmpty()) {
            return;
        }
        List<TopicConfiguration> topics = new ArrayList<>();
        List<LambdaFunctionConfiguration> functions = new ArrayList<>();
        for (NotificationConfiguration n : bucket.notifications()) {
            // SAM makes one configuration per event type of an event; S3 wants their ids distinct
            String id = n.id() + "-" + (topics.size() + functions.size());
            List<FilterRule> rules = new ArrayList<>();
            if (!n.prefix().isEmpty()) {
                rules.add(FilterRule.builder().name(FilterRuleName.PREFIX).value(n.prefix()).build());
            }
            if (!n.suffix().isEmpty()) {
                rules.add(FilterRule.builder().name(FilterRuleName.SUFFIX).value(n.suffix()).build());
            }
            NotificationConfigurationFilter filter = rules.isEmpty() ? null
                    : NotificationConfigurationFilter.builder().key(k -> k.filterRules(rules)).build();
            switch (n.target()) {
                case NotificationConfiguration.TopicTarget t -> topics.add(TopicConfiguration.builder().id(id)
                        .topicArn(topicArns.getOrDefault(t.topicArn(), t.topicArn())).events(Event.fromValue(n.event()))
                        .filter(filter).build());
                case NotificationConfiguration.FunctionTarget f -> functions.add(LambdaFunctionConfiguration.builder()
                        .id(id).lambdaFunctionArn(template.function(f.functionName()).orElseThrow().arn())
                        .events(Event.fromValue(n.event())).filter(filter).build());
            }
        }
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket.name()).notificationConfiguration(c -> c
                .topicConfigurations(topics).lambdaFunctionConfigurations(functions)));
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static void check(AwsHttp.Response response, String what) {
        if (response.status() >= 300) {
            throw new IllegalStateException("LocalStack: cannot " + what + " (" + response.status() + "): " + response.body());
        }
    }

    private static String xmlValue(AwsHttp.Response response, String element) {
        check(response, "read " + element);
        Matcher m = Pattern.compile("<" + element + ">([^<]+)</" + element + ">").matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("LocalStack: no " + element + " in " + response.body());
        }
        return m.group(1);
    }

    @Override
    public String target() {
        return "LocalStack (" + container.getDockerImageName() + ")";
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public S3Client s3() {
        return s3;
    }

    @Override
    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    @Override
    public StackTemplate template() {
        return template;
    }

    @Override
    public Duration processingTimeout() {
        // the first invocation pulls the java21 runtime image and starts a container
        return Duration.ofMinutes(5);
    }

    @Override
    public void close() {
        try {
            s3.close();
            dynamoDb.close();
        } finally {
            container.stop();
        }
    }
}
