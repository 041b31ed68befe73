package dev.mediapipeline.local;

import dev.mediapipeline.local.aws.AwsEndpoint;
import dev.mediapipeline.local.aws.EndpointOptions;
import dev.mediapipeline.local.aws.EndpointStartException;
import dev.mediapipeline.local.aws.PortInUseException;
import dev.mediapipeline.local.template.BucketDefinition;
import dev.mediapipeline.local.template.CorsRule;
import dev.mediapipeline.local.template.FunctionDefinition;
import dev.mediapipeline.local.template.TableDefinition;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;

/** The one place that knows the AWS endpoint ({@link AwsEndpoint}): starts it and adapts it to {@link AwsServices}. */
final class Endpoints {

    private Endpoints() {
    }

    static EndpointFactory factory() {
        return (host, port, dataDirectory, region, listener) -> {
            try {
                return new EndpointServices(AwsEndpoint.start(new EndpointOptions(host, port, dataDirectory, region), listener));
            } catch (PortInUseException e) {
                throw new EndpointFactory.PortBusyException(e.host(), e.port(), e);
            } catch (EndpointStartException e) {
                throw new LocalRuntime.Failure(LocalRuntime.FAILED, e.getMessage(), e);
            }
        };
    }

    /** The endpoint, creating buckets with their CORS rules and tables with their time-to-live. */
    static final class EndpointServices implements AwsServices {

        private static final Logger LOG = LoggerFactory.getLogger(EndpointServices.class);

        private final AwsEndpoint endpoint;

        EndpointServices(AwsEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public URI uri() {
            return endpoint.uri();
        }

        @Override
        public void ensureBucket(BucketDefinition bucket) {
            if (bucket.corsRules().isEmpty()) {
                endpoint.ensureBucket(bucket.name());
            } else {
                endpoint.ensureBucket(bucket.name(), bucket.corsRules().stream().map(EndpointServices::corsRule).toList());
            }
        }

        static CORSRule corsRule(CorsRule rule) {
            CORSRule.Builder builder = CORSRule.builder()
                    .allowedMethods(rule.allowedMethods())
                    .allowedOrigins(rule.allowedOrigins())
                    .allowedHeaders(rule.allowedHeaders())
                    .exposeHeaders(rule.exposedHeaders());
            rule.maxAgeSeconds().ifPresent(builder::maxAgeSeconds);
            return builder.build();
        }

        @Override
        public void ensureTable(TableDefinition table) {
            endpoint.ensureTable(table.createTableRequest());
            table.timeToLiveAttribute().ifPresent(attribute -> {
                try {
                    endpoint.dynamoDb().updateTimeToLive(b -> b.tableName(table.name())
                            .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
                } catch (DynamoDbException e) {
                    // already enabled on a table kept from a previous run
                    LOG.debug("time to live of {}: {}", table.name(), e.getMessage());
                }
            });
        }

        @Override
        public S3Client s3() {
            return endpoint.s3();
        }

        @Override
        public void registerFunctions(List<FunctionDefinition> functions, boolean enforceIam) {
            endpoint.iam().enforcing(enforceIam);
            functions.forEach(endpoint.iam()::register);
        }

        @Override
        public void close() {
            endpoint.close();
        }
    }
}
