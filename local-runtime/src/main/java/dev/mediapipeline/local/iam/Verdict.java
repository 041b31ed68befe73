package dev.mediapipeline.local.iam;

/** Whether a request may proceed: every one of its {@link AccessRequest}s allowed, or the first one refused. */
public sealed interface Verdict {

    record Granted() implements Verdict {
    }

    record Denied(Denial denial) implements Verdict {
    }

    Verdict GRANTED = new Granted();
}
