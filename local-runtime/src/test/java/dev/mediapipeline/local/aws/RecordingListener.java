package dev.mediapipeline.local.aws;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every object event, in the order the endpoint delivered them. */
final class RecordingListener implements ObjectEventListener {

    private final List<ObjectEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onObjectEvent(ObjectEvent event) {
        events.add(event);
    }

    List<ObjectEvent> all() {
        return List.copyOf(events);
    }

    List<ObjectEvent> forKey(String bucket, String key) {
        return events.stream().filter(e -> e.bucket().equals(bucket) && e.key().equals(key)).toList();
    }

    List<ObjectEvent> forBucket(String bucket) {
        return events.stream().filter(e -> e.bucket().equals(bucket)).toList();
    }
}
