package dev.mediapipeline.transcode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link TaskLedger} on S3 alone: one marker object per finished task, {@code {runPrefix}done/{task}.json}
 * holding the task's result, created with a conditional write ({@code If-None-Match: *}) so a duplicate cannot
 * replace the first result, then a listing of the markers. S3 is strongly consistent (read-after-write and list),
 * so of tasks finishing together at least the last one to write its marker sees every marker: the run can never
 * stall. Several may see it complete; a second conditional write ({@code {runPrefix}publisher}) lets exactly one of
 * them publish the playlists.
 * No table, no extra client, and it works the same against the local runtime's S3.
 */
public final class S3TaskLedger implements TaskLedger {

    private final S3Client s3;
    private final String bucket;

    public S3TaskLedger(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public Completion complete(String runPrefix, String task, byte[] result) {
        boolean recorded;
        try {
            s3.putObject(b -> b.bucket(bucket).key(markerKey(runPrefix, task)).ifNoneMatch("*")
                    .contentType("application/json"), RequestBody.fromBytes(result));
            recorded = true;
        } catch (S3Exception e) {
            // 412: the marker exists; 409: a concurrent conditional write of the same key won
            if (e.statusCode() != 412 && e.statusCode() != 409) {
                throw e;
            }
            recorded = false;
        }
        return new Completion(recorded, count(runPrefix));
    }

    @Override
    public boolean claimPublication(String runPrefix, String task) {
        String key = runPrefix + "publisher";
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*").contentType("text/plain"),
                    RequestBody.fromString(task, StandardCharsets.UTF_8));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() != 412 && e.statusCode() != 409) {
                throw e;
            }
            // someone claimed it: us, if this is a retry of the task that claimed it before a crash
            String owner = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
            return owner.equals(task);
        }
    }

    @Override
    public boolean isComplete(String runPrefix, String task) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(markerKey(runPrefix, task)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Map<String, byte[]> results(String runPrefix) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        String prefix = runPrefix + "done/";
        for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
            String name = o.key().substring(prefix.length());
            if (name.endsWith(".json")) {
                out.put(name.substring(0, name.length() - 5),
                        s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray());
            }
        }
        return out;
    }

    @Override
    public int completed(String runPrefix) {
        return count(runPrefix);
    }

    private int count(String runPrefix) {
        int n = 0;
        for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
                .prefix(runPrefix + "done/").build()).contents()) {
            if (o.key().endsWith(".json")) {
                n++;
            }
        }
        return n;
    }

    static String markerKey(String runPrefix, String task) {
        return runPrefix + "done/" + task + ".json";
    }
}
