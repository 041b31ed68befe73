package dev.mediapipeline.benchmarks;

import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.DeviceProfile;
import dev.mediapipeline.model.DeviceProfiles;
import dev.mediapipeline.model.KeyLayout;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The thumbnail function through the local runtime ({@code local-runtime.jar}, what {@code ./run-local} starts),
 * driven only through its AWS endpoint, as a user would: objects are PUT into the upload bucket and the renditions
 * bucket is watched until every thumbnail of an upload exists.
 * <ul>
 *   <li><b>cold start</b>: a fresh runtime, so the first upload starts a fresh function JVM (process start, Runtime
 *       API, handler init, render) — PUT to all renditions present, for a small image; with JavaCPP's native cache
 *       empty (a new Lambda sandbox: FFmpeg's natives are extracted first) and already filled;</li>
 *   <li><b>warm end to end</b>: sequential uploads of a 12 MP JPEG with a warm function, PUT to all renditions;</li>
 *   <li><b>burst</b>: many uploads at once: images per second and the peak RSS of the runtime's whole process tree
 *       (the runtime's JVM, its endpoint, the function JVMs).</li>
 * </ul>
 * Not pinned: the runtime, its endpoint and its function processes share the machine's cores, as they would on a
 * laptop.
 */
final class RuntimeBench {

    static final String UPLOADS = "media-pipeline-uploads-000000000000";
    static final String RENDITIONS = "media-pipeline-renditions-000000000000";

    record Results(List<Double> coldCachedMs, List<Double> coldEmptyMs, List<Double> sequentialMs, int burstImages,
                   double burstSeconds, long burstPeakTreeRssKb, long burstPeakRuntimeRssKb, int concurrency,
                   String failure) {
    }

    private final Path root;
    private final Path work;
    private final String java;
    private final Path logs;
    private final List<String> profileNames = new ArrayList<>();

    RuntimeBench(Path root, Path work, String java, Path logs) {
        this.root = root;
        this.work = work;
        this.java = java;
        this.logs = logs;
        for (DeviceProfile p : DeviceProfiles.defaults()) {
            profileNames.add(p.name());
        }
    }

    static boolean available(Path root) {
        return Files.isRegularFile(root.resolve("local-runtime/target/local-runtime.jar"))
                && Files.isRegularFile(root.resolve("thumbnail-function/target/thumbnail-function.jar"))
                && Files.isRegularFile(root.resolve("template.yaml"));
    }

    Results run(Path smallImage, Path bigImage, int coldRuns, int sequential, int burst, int concurrency) {
        List<Double> coldCached = new ArrayList<>();
        List<Double> coldEmpty = new ArrayList<>();
        List<Double> seq = new ArrayList<>();
        try {
            byte[] small = Files.readAllBytes(smallImage);
            byte[] big = Files.readAllBytes(bigImage);
            Path template = coldTemplate();
            for (int i = 0; i < coldRuns; i++) {
                Bench.deleteTree(work.resolve("javacpp-runtime"));
                coldEmpty.add(coldStart(template, small, "cold-empty-" + i));
                coldCached.add(coldStart(template, small, "cold-cached-" + i));
            }
            try (Runtime runtime = Runtime.start(this, template, concurrency, "warm")) {
                // warm: one sandbox per concurrency slot has started and rendered
                for (int i = 0; i < 3; i++) {
                    runtime.putAndWait("bench/warmup-" + i + ".jpg", big, Duration.ofMinutes(2));
                }
                for (int i = 0; i < sequential; i++) {
                    seq.add(runtime.putAndWait("bench/sequential-" + i + ".jpg", big, Duration.ofMinutes(2)));
                    System.err.printf(Locale.ROOT, "[e2e %d/%d] %.0f ms%n", i + 1, sequential, seq.getLast());
                }
                double[] burstResult = runtime.burst(big, burst);
                return new Results(coldCached, coldEmpty, seq, burst, burstResult[0], (long) burstResult[1],
                        (long) burstResult[2], concurrency, "");
            }
        } catch (Exception e) {
            System.err.println("local runtime benchmark failed: " + e);
            return new Results(coldCached, coldEmpty, seq, 0, Double.NaN, -1, -1, concurrency, e.toString());
        }
    }

    /** One fresh runtime, one small upload: PUT to every rendition present, through a function JVM started for it. */
    private double coldStart(Path template, byte[] small, String name) throws Exception {
        try (Runtime runtime = Runtime.start(this, template, 1, name)) {
            double ms = runtime.putAndWait("bench/" + name + ".jpg", small, Duration.ofMinutes(2));
            System.err.printf(Locale.ROOT, "[runtime %s] %.0f ms%n", name, ms);
            return ms;
        }
    }

    /**
     * The project's template with the function's JavaCPP cache moved into the work directory (so a cold run can
     * start with it empty, like a new Lambda sandbox's /tmp) and CodeUri made absolute. The original if its text
     * is not as expected (then the cache is whatever /tmp/javacpp holds).
     */
    private Path coldTemplate() throws IOException {
        String yaml = Files.readString(root.resolve("template.yaml"));
        String cache = "-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp";
        String uri = "CodeUri: thumbnail-function/target/thumbnail-function.jar";
        if (!yaml.contains(cache) || !yaml.contains(uri)) {
            return root.resolve("template.yaml");
        }
        yaml = yaml.replace(cache, "-Dorg.bytedeco.javacpp.cachedir=" + work.resolve("javacpp-runtime"))
                .replace(uri, "CodeUri: " + root.resolve("thumbnail-function/target/thumbnail-function.jar"));
        Path copy = work.resolve("template-benchmark.yaml");
        Files.writeString(copy, yaml);
        return copy;
    }

    // ------------------------------------------------------------------ one running local runtime

    static final class Runtime implements AutoCloseable {
        private final RuntimeBench bench;
        private final Process process;
        private final S3Client s3;
        private final Path log;
        private final AtomicLong uploads = new AtomicLong();

        private Runtime(RuntimeBench bench, Process process, S3Client s3, Path log) {
            this.bench = bench;
            this.process = process;
            this.s3 = s3;
            this.log = log;
        }

        static Runtime start(RuntimeBench bench, Path template, int concurrency, String name) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path data = bench.work.resolve("local-data");
            List<String> command = List.of(bench.java, "-jar", bench.root.resolve("local-runtime/target/local-runtime.jar").toString(),
                    "--port", Integer.toString(port), "--data-dir", data.toString(), "--fresh",
                    "--template", template.toString(), "--concurrency", Integer.toString(concurrency));
            Path log = bench.logs.resolve("local-runtime-" + name + ".log");
            Files.deleteIfExists(log);
            ProcessBuilder pb = new ProcessBuilder(command).directory(bench.root.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().put("MEDIA_PIPELINE_HOME", bench.root.toString());
            pb.environment().put("LOG_LEVEL", "INFO");
            Process process = pb.start();
            S3Client s3 = S3Client.builder()
                    .endpointOverride(URI.create("http://localhost:" + port))
                    .region(Region.US_EAST_1)
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            Runtime runtime = new Runtime(bench, process, s3, log);
            try {
                runtime.awaitReady(port, Duration.ofMinutes(2));
            } catch (Exception e) {
                runtime.close();
                throw e;
            }
            return runtime;
        }

        private void awaitReady(int port, Duration limit) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("the local runtime exited with " + process.exitValue() + "; see its log in " + bench.logs);
                }
                if (listening(port)) {
                    try {
                        s3.headBucket(b -> b.bucket(UPLOADS));
                        s3.headBucket(b -> b.bucket(RENDITIONS));
                        return;
                    } catch (RuntimeException e) {
                        // buckets not created yet
                    }
                }
                Thread.sleep(100);
            }
            throw new IOException("the local runtime was not ready within " + limit);
        }

        private static boolean listening(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** PUT, then poll until every rendition of the upload is listed; returns the milliseconds in between. */
        double putAndWait(String key, byte[] bytes, Duration limit) throws Exception {
            String prefix = KeyLayout.thumbnailPrefix(AssetId.of(UPLOADS, key));
            long t0 = System.nanoTime();
            s3.putObject(b -> b.bucket(UPLOADS).key(key).contentType("image/jpeg"), RequestBody.fromBytes(bytes));
            uploads.incrementAndGet();
            long deadline = t0 + limit.toNanos();
            while (System.nanoTime() < deadline) {
                ListObjectsV2Response listing = s3.listObjectsV2(b -> b.bucket(RENDITIONS).prefix(prefix));
                if (complete(listing.contents(), prefix)) {
                    return (System.nanoTime() - t0) / 1e6;
                }
                if (!process.isAlive()) {
                    throw new IOException("the local runtime exited");
                }
                Thread.sleep(10);
            }
            throw new IOException("the renditions of " + key + " did not all appear within " + limit);
        }

        private boolean complete(List<S3Object> objects, String prefix) {
            Set<String> names = new HashSet<>();
            for (S3Object o : objects) {
                String rest = o.key().substring(prefix.length());
                int dot = rest.lastIndexOf('.');
                names.add(dot < 0 ? rest : rest.substring(0, dot));
            }
            return names.containsAll(bench.profileNames);
        }

        /**
         * {@code count} uploads PUT as fast as four client threads can, then the renditions bucket listed until every
         * upload is complete. Returns {seconds from the first PUT to the last rendition, peak RSS of the runtime's
         * process tree (kB), peak RSS of the runtime's own JVM (kB)}.
         */
        double[] burst(byte[] bytes, int count) throws Exception {
            AtomicBoolean sampling = new AtomicBoolean(true);
            AtomicLong peakTree = new AtomicLong();
            AtomicLong peakRuntime = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    long runtime = rssKb(process.toHandle());
                    long tree = runtime + process.descendants().mapToLong(RuntimeBench::rssKb).sum();
                    peakTree.accumulateAndGet(tree, Math::max);
                    peakRuntime.accumulateAndGet(runtime, Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();
            Set<String> pending = new HashSet<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = "bench/burst-" + i + ".jpg";
                keys.add(key);
                pending.add(KeyLayout.thumbnailPrefix(AssetId.of(UPLOADS, key)));
            }
            long t0 = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> puts = new ArrayList<>();
                for (String key : keys) {
                    puts.add(clients.submit(() -> {
                        s3.putObject(b -> b.bucket(UPLOADS).key(key).contentType("image/jpeg"), RequestBody.fromBytes(bytes));
                        uploads.incrementAndGet();
                    }));
                }
                for (Future<?> f : puts) {
                    f.get();
                }
            } finally {
                clients.shutdown();
            }
            long deadline = t0 + TimeUnit.MINUTES.toNanos(15);
            int done = 0;
            try {
                while (!pending.isEmpty()) {
                    if (System.nanoTime() > deadline || !process.isAlive()) {
                        throw new IOException(pending.size() + " of " + count + " burst uploads incomplete");
                    }
                    java.util.Map<String, Set<String>> seen = new java.util.HashMap<>();
                    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(RENDITIONS)).contents()) {
                        int cut = o.key().indexOf("/" + KeyLayout.THUMBNAILS + "/");
                        if (cut < 0) {
                            continue;
                        }
                        String prefix = o.key().substring(0, cut + KeyLayout.THUMBNAILS.length() + 2);
                        if (pending.contains(prefix)) {
                            String rest = o.key().substring(prefix.length());
                            int dot = rest.lastIndexOf('.');
                            seen.computeIfAbsent(prefix, x -> new HashSet<>()).add(dot < 0 ? rest : rest.substring(0, dot));
                        }
                    }
                    seen.forEach((prefix, names) -> {
                        if (names.containsAll(bench.profileNames)) {
                            pending.remove(prefix);
                        }
                    });
                    if (count - pending.size() != done) {
                        done = count - pending.size();
                        System.err.printf(Locale.ROOT, "[burst] %d/%d complete after %.1f s%n", done, count, (System.nanoTime() - t0) / 1e9);
                    }
                    if (!pending.isEmpty()) {
                        Thread.sleep(250);
                    }
                }
            } finally {
                sampling.set(false);
                sampler.interrupt();
            }
            return new double[] {(System.nanoTime() - t0) / 1e9, peakTree.get(), peakRuntime.get()};
        }

        /**
         * Waits (up to 30 s) until the runtime has logged an outcome for every upload: renditions are listed before
         * the function returns, and stopping the runtime earlier would fail the invocation still finishing.
         */
        private void awaitInvocationsLogged() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    long logged;
                    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
                        logged = lines.filter(l -> l.contains("\"logger\":\"dev.mediapipeline.local.invocations\"")).count();
                    }
                    if (logged >= uploads.get()) {
                        return;
                    }
                    Thread.sleep(100);
                } catch (IOException | java.io.UncheckedIOException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public void close() {
            awaitInvocationsLogged();
            s3.close();
            if (process.isAlive()) {
                process.destroy(); // SIGTERM: the runtime stops its function processes and its endpoint
                try {
                    if (!process.waitFor(60, TimeUnit.SECONDS)) {
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly();
                        process.waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        }
    }

    static long rssKb(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }
}
