package dev.mediapipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.it.harness.EmbeddedPipeline;
import dev.mediapipeline.it.harness.Poll;
import dev.mediapipeline.it.harness.Project;
import dev.mediapipeline.it.harness.TestImages;
import dev.mediapipeline.local.lambda.FunctionRuntime;
import dev.mediapipeline.model.AssetId;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue 3's load test on the local runtime: 200 real JPEGs (made here, 800×600) uploaded at once through the S3
 * API; every one becomes exactly its four thumbnails and a READY index item, none lost, none processed twice; the
 * runtime's memory stays bounded (data on disk, heap flat) and each function process within its MemorySize. The
 * figures (heap, RSS, throughput) are printed and written to target/load-report.txt. Behaviour is asserted, never
 * speed.
 */
class LoadIT {

    static final int IMAGES = 200;
    static final int UPLOAD_THREADS = 16;
    static final long MB = 1024 * 1024;

    static EmbeddedPipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = EmbeddedPipeline.start(EmbeddedPipeline.Options.named("load").onDisk());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** Resident set size and its peak, from /proc (Linux), in bytes; zeros elsewhere. */
    record Rss(long current, long peak) {

        static Rss of(long pid) {
            try {
                long current = 0;
                long peak = 0;
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        current = kilobytes(line) * 1024;
                    } else if (line.startsWith("VmHWM:")) {
                        peak = kilobytes(line) * 1024;
                    }
                }
                return new Rss(current, peak);
            } catch (IOException | RuntimeException e) {
                return new Rss(0, 0);
            }
        }

        private static long kilobytes(String line) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
    }

    static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void twoHundredConcurrentUploadsAreEachProcessedExactlyOnceWithBoundedMemory() throws Exception {
        // warm up: one image through the whole pipeline, so that the baseline includes started functions
        String warm = "load/warm-up.jpg";
        pipeline.s3().putObject(b -> b.bucket(pipeline.uploadBucket()).key(warm), RequestBody.fromBytes(TestImages.jpeg(800, 600, 0)));
        awaitReady(List.of(AssetId.of(pipeline.uploadBucket(), warm).value()));
        assertThat(pipeline.awaitIdle(Duration.ofSeconds(60))).isTrue();
        FunctionRuntime.Stats thumbnailsBefore = stats("ThumbnailFunction");
        FunctionRuntime.Stats indexBefore = stats("IndexFunction");
        long heapBefore = heapAfterGc();
        long pid = ProcessHandle.current().pid();

        List<byte[]> images = IntStream.range(0, IMAGES).parallel().mapToObj(i -> TestImages.jpeg(800, 600, 1000 + i)).toList();
        List<String> keys = IntStream.range(0, IMAGES).mapToObj(i -> "load/batch " + (i / 50) + "/photo-" + i + ".jpg").toList();
        List<String> ids = keys.stream().map(k -> AssetId.of(pipeline.uploadBucket(), k).value()).toList();
        long bytes = images.stream().mapToLong(b -> b.length).sum();

        Map<String, Long> peakRss = new ConcurrentHashMap<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> sample(peakRss), 0, 250, TimeUnit.MILLISECONDS);
        long begin = System.nanoTime();
        try (ExecutorService uploads = Executors.newFixedThreadPool(UPLOAD_THREADS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < IMAGES; i++) {
                int n = i;
                done.add(uploads.submit(() -> pipeline.s3().putObject(b -> b.bucket(pipeline.uploadBucket())
                        .key(keys.get(n)).contentType("image/jpeg"), RequestBody.fromBytes(images.get(n)))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        long uploaded = System.nanoTime();
        awaitReady(ids);
        long ready = System.nanoTime();
        assertThat(pipeline.awaitIdle(Duration.ofMinutes(2))).as("nothing left in flight").isTrue();
        sampler.shutdownNow();
        sample(peakRss);
        long heapAfter = heapAfterGc();
        Rss runtimeRss = Rss.of(pid);

        // every asset: exactly its four thumbnails, at their sizes, in the bucket and in the index
        Map<String, List<String>> renditionsByAsset = new HashMap<>();
        for (S3Object o : pipeline.s3().listObjectsV2Paginator(b -> b.bucket(pipeline.renditionsBucket())).contents()) {
            renditionsByAsset.computeIfAbsent(o.key().substring(0, o.key().indexOf('/')), k -> new ArrayList<>()).add(o.key());
        }
        for (String id : ids) {
            assertThat(renditionsByAsset.get(id)).as("renditions of %s", id).containsExactlyInAnyOrder(
                    id + "/thumbnails/phone.jpg", id + "/thumbnails/tablet.jpg", id + "/thumbnails/desktop.jpg",
                    id + "/thumbnails/square.jpg");
            Map<String, AttributeValue> item = pipeline.dynamoDb().getItem(b -> b.tableName(pipeline.mediaTable())
                    .key(Map.of("id", AttributeValue.fromS(id)))).item();
            assertThat(item.get("status").s()).as("status of %s", id).isEqualToIgnoringCase("ready");
        }
        for (int i = 0; i < IMAGES; i += 40) {
            String id = ids.get(i);
            assertThat(TestImages.size(pipeline.s3().getObjectAsBytes(b -> b.bucket(pipeline.renditionsBucket())
                    .key(id + "/thumbnails/phone.jpg")).asByteArray())).containsExactly(640, 480);
            assertThat(TestImages.size(pipeline.s3().getObjectAsBytes(b -> b.bucket(pipeline.renditionsBucket())
                    .key(id + "/thumbnails/square.jpg")).asByteArray())).containsExactly(256, 256);
        }
        FunctionRuntime.Stats thumbnails = stats("ThumbnailFunction");
        FunctionRuntime.Stats index = stats("IndexFunction");
        assertThat(thumbnails.invocations() - thumbnailsBefore.invocations()).as("one thumbnail invocation per upload: %s",
                thumbnails).isEqualTo(IMAGES);
        assertThat(thumbnails.failed() - thumbnailsBefore.failed()).isZero();
        assertThat(index.invocations() - indexBefore.invocations()).as("the index: each upload and each thumbnail once: %s",
                index).isEqualTo(IMAGES * 5L);
        assertThat(index.failed() - indexBefore.failed()).isZero();
        assertThat(pipeline.runtime().cloud().asyncInvoker().stats().sentToDestination()).as("no failure records").isZero();

        String report = report(bytes, begin, uploaded, ready, heapBefore, heapAfter, runtimeRss, peakRss, thumbnails, index);
        System.out.println(report);
        Files.writeString(Files.createDirectories(Project.target("")).resolve("load-report.txt"), report);

        assertThat(heapAfter - heapBefore).as("the runtime's heap after GC grew by at most 64 MB (data is on disk)")
                .isLessThan(64 * MB);
        for (var f : pipeline.template().functions()) {
            Long peak = peakRss.get(f.name());
            if (peak != null) {
                assertThat(peak).as("%s processes stay within MemorySize", f.name()).isLessThan(f.memorySizeMb() * MB);
            }
        }
    }

    static FunctionRuntime.Stats stats(String function) {
        return pipeline.runtime().cloud().functions().get(function).stats();
    }

    /** Highest RSS seen per function process, by function name; the runtime's JVM under "runtime". */
    static void sample(Map<String, Long> peaks) {
        for (FunctionRuntime f : pipeline.runtime().cloud().functions().all()) {
            for (long p : f.pids()) {
                long rss = Rss.of(p).current();
                peaks.merge(f.definition().name(), rss, Math::max);
            }
        }
        peaks.merge("runtime", Rss.of(ProcessHandle.current().pid()).current(), Math::max);
    }

    static void awaitReady(List<String> ids) {
        Set<String> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(ids);
        Poll.until(ids.size() + " assets READY", Duration.ofMinutes(8), () -> {
            for (String id : List.copyOf(pending)) {
                Map<String, AttributeValue> item = pipeline.dynamoDb().getItem(b -> b.tableName(pipeline.mediaTable())
                        .key(Map.of("id", AttributeValue.fromS(id)))).item();
                if (item.containsKey("status") && item.get("status").s().equalsIgnoreCase("ready")) {
                    pending.remove(id);
                }
            }
            return pending.isEmpty();
        });
    }

    static String report(long bytes, long begin, long uploaded, long ready, long heapBefore, long heapAfter, Rss runtime,
                         Map<String, Long> peaks, FunctionRuntime.Stats thumbnails, FunctionRuntime.Stats index) {
        double uploadSeconds = (uploaded - begin) / 1e9;
        double totalSeconds = (ready - begin) / 1e9;
        Map<String, Long> sorted = new TreeMap<>(peaks);
        return """
                ---- load: %d images (%.1f MB of JPEG, 800x600) uploaded by %d threads ----
                uploads done          %.1f s
                all READY             %.1f s   throughput %.1f images/s (%.1f thumbnails/s)
                runtime heap (GC'd)   %d MB before, %d MB after (growth %d MB); max heap %d MB
                runtime JVM RSS       %d MB now, %d MB peak (this JVM also runs the tests)
                function peak RSS     %s
                thumbnail function    %s
                index function        %s
                """.formatted(IMAGES, bytes / (double) MB, UPLOAD_THREADS, uploadSeconds, totalSeconds,
                IMAGES / totalSeconds, IMAGES * 4 / totalSeconds, heapBefore / MB, heapAfter / MB,
                (heapAfter - heapBefore) / MB, Runtime.getRuntime().maxMemory() / MB, runtime.current() / MB,
                runtime.peak() / MB, sorted.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() / MB + " MB")
                        .collect(Collectors.joining(", ")), thumbnails, index);
    }
}
