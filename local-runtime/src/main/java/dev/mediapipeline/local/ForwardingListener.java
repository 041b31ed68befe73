package dev.mediapipeline.local;

import dev.mediapipeline.local.aws.ObjectEvent;
import dev.mediapipeline.local.aws.ObjectEventListener;

/**
 * Given to the endpoint when it starts, before the functions exist; forwards to the notification router once it
 * is wired. Events before that (there are none: nothing writes objects during start-up) are not delivered.
 */
public final class ForwardingListener implements ObjectEventListener {

    private volatile ObjectEventListener target;

    public void forwardTo(ObjectEventListener listener) {
        this.target = listener;
    }

    @Override
    public void onObjectEvent(ObjectEvent event) {
        ObjectEventListener t = target;
        if (t != null) {
            t.onObjectEvent(event);
        }
    }
}
