package dev.mediapipeline.transcode;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.mediapipeline.aws.AwsClients;
import dev.mediapipeline.aws.S3ObjectStore;
import dev.mediapipeline.image.RenderOptions;
import dev.mediapipeline.lambda.LogContext;
import dev.mediapipeline.lambda.S3EventEnvelope;
import dev.mediapipeline.model.Config;
import dev.mediapipeline.model.SourceObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry point of TranscodeFunction. Two triggers, one handler: uploads (S3 events through the SNS topic
 * every upload consumer subscribes to) start a run; chunk task objects created in the work bucket (direct S3
 * events) start workers. Every record is processed; if any fails, the invocation fails after the others are done
 * and Lambda retries it (every step is idempotent), then sends it to the on-failure destination.
 */
public final class TranscodeHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TranscodeHandler.class);

    private final TranscodeService service;

    /** For Lambda: configuration from the environment, clients built once per sandbox. */
    public TranscodeHandler() {
        this(defaultService());
    }

    public TranscodeHandler(TranscodeService service) {
        this.service = service;
    }

    private static TranscodeService defaultService() {
        TranscodeConfig config = TranscodeConfig.from(Config.fromEnvironment());
        Av.init();
        return new TranscodeService(config, new S3ObjectStore(AwsClients.s3()),
                new S3TaskLedger(AwsClients.s3(), config.workBucket()),
                new ImageCorePosterRenderer(RenderOptions.defaults().withJpegQuality(config.jpegQuality())));
    }

    @Override
    @SuppressWarnings("try") // the log scopes are used for their side effect on the MDC
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (LogContext ignored = LogContext.forInvocation(context)) {
            S3Event event = S3EventEnvelope.read(input);
            List<String> outcomes = new ArrayList<>();
            RuntimeException failure = null;
            for (S3EventNotificationRecord record : event.getRecords()) {
                String bucket = record.getS3().getBucket().getName();
                String key = record.getS3().getObject().getUrlDecodedKey();
                try (AutoCloseable scope = LogContext.forObject(bucket, key)) {
                    TranscodeService.Outcome outcome = handle(record, bucket, key);
                    LOG.info("{}", outcome);
                    outcomes.add(outcome.name());
                } catch (RuntimeException e) {
                    LOG.error("transcoding failed: {}", e.getMessage(), e);
                    outcomes.add("FAILED");
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            output.write(("{\"outcomes\":[" + String.join(",", outcomes.stream().map(o -> "\"" + o + "\"").toList())
                    + "]}").getBytes(StandardCharsets.UTF_8));
        }
    }

    private TranscodeService.Outcome handle(S3EventNotificationRecord record, String bucket, String key) {
        String eventName = record.getEventName() == null ? "" : record.getEventName();
        if (!eventName.startsWith("ObjectCreated")) {
            return TranscodeService.Outcome.IGNORED;
        }
        if (bucket.equals(service.config().workBucket())) {
            return service.onChunkTask(bucket, key);
        }
        var object = record.getS3().getObject();
        return service.onUpload(new SourceObject(bucket, key, object.getSizeAsLong() == null ? -1 : object.getSizeAsLong(),
                object.geteTag(), object.getSequencer()));
    }
}
