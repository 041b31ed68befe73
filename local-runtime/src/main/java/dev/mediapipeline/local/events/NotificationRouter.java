package dev.mediapipeline.local.events;

import dev.mediapipeline.local.aws.ObjectEvent;
import dev.mediapipeline.local.aws.ObjectEventListener;
import dev.mediapipeline.local.template.BucketDefinition;
import dev.mediapipeline.local.template.NotificationConfiguration;
import dev.mediapipeline.local.template.StackTemplate;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3 event notifications: each object created in or removed from a bucket of the template goes, as the S3 event
 * JSON, to every notification configuration of that bucket it matches (event type, prefix, suffix): to a function
 * (asynchronous invocation) or to an SNS topic (which wraps it for its subscribers). Only what the template
 * declares is notified: a function writing into a bucket that has no notification for it triggers nothing.
 */
public final class NotificationRouter implements ObjectEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationRouter.class);
    static final String SNS_SUBJECT = "Amazon S3 Notification";

    private final StackTemplate template;
    private final S3EventFactory events;
    private final AsyncInvoker invoker;
    private final SnsTopics topics;

    public NotificationRouter(StackTemplate template, AsyncInvoker invoker, SnsTopics topics) {
        this.template = template;
        this.events = new S3EventFactory(template.region(), template.accountId());
        this.invoker = invoker;
        this.topics = topics;
    }

    @Override
    public void onObjectEvent(ObjectEvent event) {
        Optional<BucketDefinition> bucket = template.bucket(event.bucket());
        if (bucket.isEmpty()) {
            return;
        }
        for (NotificationConfiguration configuration : bucket.get().notifications()) {
            if (!configuration.matches(event.eventName(), event.key())) {
                continue;
            }
            String json = events.event(event, configuration.id()).toString();
            try {
                switch (configuration.target()) {
                    case NotificationConfiguration.FunctionTarget f ->
                            invoker.invokeAsync(f.functionName(), json.getBytes(StandardCharsets.UTF_8));
                    case NotificationConfiguration.TopicTarget t ->
                            topics.publish(t.topicArn(), SNS_SUBJECT, json, Map.of());
                }
            } catch (RuntimeException e) {
                LOG.error("cannot deliver {} of s3://{}/{} to {}", event.eventName(), event.bucket(), event.key(),
                        configuration.target(), e);
            }
        }
    }
}
