package dev.mediapipeline.thumbnail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.aws.AwsClients;
import dev.mediapipeline.aws.S3ObjectStore;
import dev.mediapipeline.lambda.LogContext;
import dev.mediapipeline.lambda.S3EventEnvelope;
import dev.mediapipeline.model.ObjectInfo;
import dev.mediapipeline.model.ObjectStore;
import dev.mediapipeline.model.SourceObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry point of ThumbnailFunction: {@code dev.mediapipeline.thumbnail.ThumbnailHandler::handleRequest}.
 * Accepts S3 events delivered directly or through SNS (the upload bucket's fan-out topic), processes every record,
 * and answers with a small JSON summary.
 *
 * <p>A record that fails (a corrupt image, a store error) does not stop the others; once all were tried, the
 * first failure is rethrown (the rest attached as suppressed), so the platform retries the event and finally
 * routes it to the failure destination. Retrying the records that succeeded is harmless: their thumbnails are
 * rewritten byte for byte.
 */
public final class ThumbnailHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailHandler.class);
    /** Writes the summary without closing the runtime's output stream. */
    private static final ObjectMapper JSON = new ObjectMapper().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private final ThumbnailService service;

    /** For Lambda: configuration from the environment, one S3 client per sandbox. */
    public ThumbnailHandler() {
        this(ThumbnailConfig.fromEnvironment(), new S3ObjectStore(AwsClients.s3()));
    }

    public ThumbnailHandler(ThumbnailConfig config, ObjectStore store) {
        this.service = new ThumbnailService(store, config);
    }

    /** What one invocation did. */
    public record Summary(int records, int rendered, int skipped, List<String> thumbnails) {
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        S3Event event = S3EventEnvelope.read(input);
        Summary summary = handle(event, context);
        JSON.writeValue(output, summary);
        output.flush();
    }

    @SuppressWarnings("try") // the log scopes are used for their side effect on the MDC
    public Summary handle(S3Event event, Context context) {
        try (LogContext ignored = LogContext.forInvocation(context)) {
            List<S3EventNotificationRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
            int rendered = 0;
            int skipped = 0;
            List<String> thumbnails = new ArrayList<>();
            List<RuntimeException> failures = new ArrayList<>();
            for (S3EventNotificationRecord record : records) {
                SourceObject source = sourceOf(record);
                try (AutoCloseable scope = LogContext.forObject(source.bucket(), source.key())) {
                    String eventName = record.getEventName() == null ? "" : record.getEventName();
                    if (!eventName.startsWith("ObjectCreated:")) {
                        LOG.info("Ignoring {} event for s3://{}/{}", eventName, source.bucket(), source.key());
                        skipped++;
                        continue;
                    }
                    ThumbnailService.Outcome outcome = service.process(source);
                    if (outcome instanceof ThumbnailService.Rendered r) {
                        rendered++;
                        r.thumbnails().stream().map(ObjectInfo::key).forEach(thumbnails::add);
                    } else {
                        skipped++;
                    }
                } catch (RuntimeException e) {
                    LOG.error("Thumbnails failed for s3://{}/{}: {}", source.bucket(), source.key(), e.getMessage(), e);
                    failures.add(e);
                } catch (Exception e) {
                    throw new IllegalStateException("closing the log scope failed", e);
                }
            }
            if (!failures.isEmpty()) {
                RuntimeException first = failures.getFirst();
                failures.stream().skip(1).forEach(first::addSuppressed);
                throw first;
            }
            return new Summary(records.size(), rendered, skipped, thumbnails);
        }
    }

    private static SourceObject sourceOf(S3EventNotificationRecord record) {
        var s3 = record.getS3();
        var object = s3.getObject();
        Long size = object.getSizeAsLong();
        return new SourceObject(s3.getBucket().getName(), object.getUrlDecodedKey(), size == null ? 0 : size,
                object.geteTag(), object.getSequencer());
    }
}
