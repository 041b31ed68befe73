package dev.mediapipeline.website;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mediapipeline.model.ObjectInfo;
import dev.mediapipeline.model.ObjectStore;
import dev.mediapipeline.model.ObjectStoreException;
import dev.mediapipeline.model.WebContentTypes;
import dev.mediapipeline.model.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the site into a bucket: every file with its content type, {@code config.json} (the page's runtime
 * configuration), and removes what is no longer part of the site. Empties the bucket on request.
 *
 * <p>Every object gets {@code Cache-Control: no-cache}: the site has no build step, so its file names carry no
 * content hash, and a cached {@code js/main.js} older than {@code index.html} would break the page after an update.
 * CloudFront and browsers keep their copies but revalidate them (ETag), which costs a 304 per file.
 */
public final class WebsitePublisher {

    public static final String CONFIG_KEY = "config.json";
    static final String CACHE_CONTROL = "no-cache";

    private static final Logger LOG = LoggerFactory.getLogger(WebsitePublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;

    public WebsitePublisher(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** What a publication did. */
    public record Published(int files, int removed) {
    }

    /**
     * Copies the site and writes {@code config.json} with {@code runtimeConfig} (at least {@code apiBaseUrl}), then
     * deletes objects the site no longer has. Safe to repeat.
     */
    public Published publish(String bucket, SiteBundle site, Map<String, String> runtimeConfig) {
        if (!runtimeConfig.containsKey("apiBaseUrl")) {
            throw new IllegalArgumentException("the runtime configuration needs an apiBaseUrl");
        }
        Set<String> keys = new HashSet<>();
        int files = 0;
        for (SiteBundle.SiteFile file : site.files()) {
            if (file.key().equals(CONFIG_KEY)) {
                continue; // the deployment's own config.json wins over any development copy
            }
            store.put(bucket, file.key(), file.path(), new WriteOptions(WebContentTypes.of(file.key()), CACHE_CONTROL, Map.of()));
            keys.add(file.key());
            files++;
        }
        store.put(bucket, CONFIG_KEY, configJson(runtimeConfig), new WriteOptions("application/json", CACHE_CONTROL, Map.of()));
        keys.add(CONFIG_KEY);
        int removed = 0;
        for (ObjectInfo object : store.list(bucket, "")) {
            if (!keys.contains(object.key())) {
                store.delete(bucket, object.key());
                removed++;
            }
        }
        LOG.info("published {} files and config.json to bucket {}, removed {} stale objects", files, bucket, removed);
        return new Published(files, removed);
    }

    /** Deletes every object, so that CloudFormation can delete the bucket. A bucket that is gone is empty. */
    public int empty(String bucket) {
        List<ObjectInfo> objects;
        try {
            objects = store.list(bucket, "");
        } catch (ObjectStoreException e) {
            if (noSuchBucket(e)) {
                LOG.info("bucket {} does not exist: nothing to empty", bucket);
                return 0;
            }
            throw e;
        }
        for (ObjectInfo object : objects) {
            store.delete(bucket, object.key());
        }
        LOG.info("emptied bucket {} ({} objects)", bucket, objects.size());
        return objects.size();
    }

    static byte[] configJson(Map<String, String> runtimeConfig) {
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new LinkedHashMap<>(runtimeConfig)) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write config.json", e);
        }
    }

    private static boolean noSuchBucket(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("NoSuchBucketException")
                    || String.valueOf(t.getMessage()).contains("NoSuchBucket")) {
                return true;
            }
        }
        return false;
    }
}
