package dev.mediapipeline.index;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.mediapipeline.aws.AwsClients;
import dev.mediapipeline.aws.DynamoDbClients;
import dev.mediapipeline.aws.S3ObjectStore;
import dev.mediapipeline.index.metadata.MediaAnalyzer;
import dev.mediapipeline.lambda.LogContext;
import dev.mediapipeline.lambda.S3EventEnvelope;
import dev.mediapipeline.model.ObjectInfo;
import dev.mediapipeline.model.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of IndexFunction. Receives S3 events from the upload bucket (through the SNS topic), the
 * renditions bucket and the failed-invocations bucket (directly), and hands every record to {@link IndexService}.
 * A record that fails (store or table unavailable) does not stop the others; the invocation then fails so Lambda
 * retries it, which is safe because every update is idempotent.
 */
public final class IndexHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IndexHandler.class);

    private final IndexService service;

    /** For Lambda: configuration from the environment, one S3 and one DynamoDB client per sandbox. */
    public IndexHandler() {
        this(IndexConfig.fromEnvironment(), new S3ObjectStore(AwsClients.s3()), DynamoDbClients.dynamoDb());
    }

    public IndexHandler(IndexConfig config, ObjectStore store, DynamoDbClient dynamo) {
        this(new IndexService(config, store, new DynamoDbMediaIndex(dynamo, config.table()),
                new MediaAnalyzer(store, config.profiles(), config.storeGps(), config.readBudgetBytes(), config.functionName())));
    }

    public IndexHandler(IndexService service) {
        this.service = service;
    }

    @Override
    @SuppressWarnings("try") // the scopes only set and clear the logging context
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (LogContext ignored = LogContext.forInvocation(context)) {
            S3Event event = S3EventEnvelope.read(input);
            RuntimeException failure = null;
            int handled = 0;
            for (S3EventNotificationRecord record : event.getRecords()) {
                ObjectEventRecord r = toRecord(record);
                try (AutoCloseable scope = LogContext.forObject(r.bucket(), r.key())) {
                    IndexService.Result result = service.handle(r);
                    LOG.info("{}: {}", r.eventName(), result);
                    handled++;
                } catch (RuntimeException e) {
                    LOG.error("{} failed: {}", r, e.toString(), e);
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("closing the log scope failed", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            output.write(("{\"records\":" + handled + "}").getBytes(StandardCharsets.UTF_8));
        }
    }

    static ObjectEventRecord toRecord(S3EventNotificationRecord record) {
        var object = record.getS3().getObject();
        Long size = object.getSizeAsLong();
        String eTag = object.geteTag();
        return new ObjectEventRecord(record.getEventName() == null ? "ObjectCreated:Unknown" : record.getEventName(),
                record.getS3().getBucket().getName(), object.getUrlDecodedKey(), size == null ? 0 : size,
                eTag == null || eTag.isBlank() ? null : ObjectInfo.unquote(eTag), object.getSequencer(), eventTime(record));
    }

    static Instant eventTime(S3EventNotificationRecord record) {
        try {
            return record.getEventTime() == null ? null : Instant.ofEpochMilli(record.getEventTime().getMillis());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
