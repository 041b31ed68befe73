package dev.mediapipeline.local.aws;

/**
 * Receives every object creation and removal of the local endpoint, after the write is durable and before the
 * client's response completes. Implementations must return quickly (queue the work): S3 delivers notifications
 * asynchronously and so does the local runtime.
 */
@FunctionalInterface
public interface ObjectEventListener {

    void onObjectEvent(ObjectEvent event);
}
