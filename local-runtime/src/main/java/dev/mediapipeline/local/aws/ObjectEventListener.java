package dev.mediapipeline.local.aws;

/**
 * Receives every object creation and removal of the local endpoint, after the write is durable and before the
 * client's response completes. Implementations must return quickly (queue the work): S3 delivers notifications
 * asynchronously and so does the local runtime.
 *
 * <p>It is called on the thread serving the S3 request, while the endpoint holds that key's lock (so that, per key,
 * sequencers follow the order of the changes): it must not wait for a request to the endpoint, which could need the
 * same key. An exception it throws is logged; the client's write still succeeds.
 */
@FunctionalInterface
public interface ObjectEventListener {

    void onObjectEvent(ObjectEvent event);
}
