package dev.mediapipeline.transcode;

import java.util.Map;

/**
 * Port: counts the finished tasks of a transcoding run (its chunks and its posters) without polling, so exactly the
 * tasks that finish after all others see the run complete and write the playlists. Adapter: {@link S3TaskLedger}.
 */
public interface TaskLedger {

    /**
     * Records that {@code task} of the run finished, with its result, unless it already was (a duplicate event, or a
     * retry after a crash): the first record wins. Then counts the run's finished tasks, the caller's included.
     */
    Completion complete(String runPrefix, String task, byte[] result);

    /** Whether {@code task} is already recorded. */
    boolean isComplete(String runPrefix, String task);

    /** How many distinct tasks of the run are recorded. */
    int completed(String runPrefix);

    /**
     * Claims the right to publish the run's playlists for {@code task}, once every task is recorded: several tasks
     * finishing together can all see the run complete, and exactly one of them must write the playlists. The first
     * claim wins; a later claim by the same task (its retry after a crash) wins again, any other task loses.
     */
    boolean claimPublication(String runPrefix, String task);

    /** Every recorded task and its result. */
    Map<String, byte[]> results(String runPrefix);

    /**
     * @param recorded  false when the task had been recorded before (the caller is a duplicate)
     * @param completed distinct tasks of the run recorded, seen after this record was made
     */
    record Completion(boolean recorded, int completed) {
    }
}
