package dev.mediapipeline.local;

import dev.mediapipeline.model.Directories;
import dev.mediapipeline.local.events.AsyncInvoker;
import dev.mediapipeline.local.events.DestinationWriter;
import dev.mediapipeline.local.events.EventJournal;
import dev.mediapipeline.local.events.NotificationRouter;
import dev.mediapipeline.local.events.SnsTopics;
import dev.mediapipeline.local.lambda.FunctionLogSink;
import dev.mediapipeline.local.lambda.FunctionRegistry;
import dev.mediapipeline.local.lambda.InvocationLogger;
import dev.mediapipeline.local.lambda.LambdaSettings;
import dev.mediapipeline.local.template.BucketDefinition;
import dev.mediapipeline.local.template.StackTemplate;
import dev.mediapipeline.local.template.TableDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The template brought to life on top of an AWS endpoint: its buckets and tables created if absent, its functions
 * ready to run in their own processes, S3 notifications routed to them (directly or through SNS topics) with
 * Lambda's asynchronous retries and destinations. Closing it stops every function process.
 */
public final class LocalCloud implements AutoCloseable {

    /**
     * @param concurrency  function processes (so invocations in flight) per function
     * @param retryDelay   wait before the first retry of a failed asynchronous invocation (twice that before the
     *                     second); Lambda waits about a minute
     * @param journal      where accepted asynchronous events are kept until done (the data directory), or none
     */
    public record Options(int concurrency, Duration retryDelay, FunctionLogSink logSink, EventJournal journal) {

        /** Events in memory only. */
        public Options(int concurrency, Duration retryDelay, FunctionLogSink logSink) {
            this(concurrency, retryDelay, logSink, EventJournal.none());
        }
    }

    private final StackTemplate template;
    private final AwsServices services;
    private final Path workDirectory;
    private final FunctionRegistry functions;
    private final AsyncInvoker invoker;
    private final SnsTopics topics;
    private final NotificationRouter router;

    private LocalCloud(StackTemplate template, AwsServices services, Path workDirectory, FunctionRegistry functions,
                       AsyncInvoker invoker, SnsTopics topics, NotificationRouter router) {
        this.template = template;
        this.services = services;
        this.workDirectory = workDirectory;
        this.functions = functions;
        this.invoker = invoker;
        this.topics = topics;
        this.router = router;
    }

    public static LocalCloud start(StackTemplate template, AwsServices services, Options options) {
        for (BucketDefinition bucket : template.buckets()) {
            services.ensureBucket(bucket);
        }
        for (TableDefinition table : template.tables()) {
            services.ensureTable(table);
        }
        Path work;
        try {
            work = Files.createTempDirectory("media-pipeline-functions-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory for function processes", e);
        }
        LambdaSettings settings = LambdaSettings.of(services.uri(), template.region(), template.accountId(), work,
                options.concurrency());
        FunctionRegistry functions = new FunctionRegistry(template.functions(), settings, options.logSink(),
                new InvocationLogger());
        AsyncInvoker invoker = new AsyncInvoker(functions, s3Writer(services), options.retryDelay(), options.journal());
        SnsTopics topics = new SnsTopics(template, invoker);
        NotificationRouter router = new NotificationRouter(template, invoker, topics);
        return new LocalCloud(template, services, work, functions, invoker, topics, router);
    }

    private static DestinationWriter s3Writer(AwsServices services) {
        return (bucket, key, json) -> {
            try {
                services.s3().putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
                        RequestBody.fromBytes(json));
                return Optional.empty();
            } catch (RuntimeException e) {
                return Optional.of(e.getMessage());
            }
        };
    }

    public StackTemplate template() {
        return template;
    }

    public AwsServices services() {
        return services;
    }

    /** Give this to the endpoint: every object created or removed becomes S3 event notifications. */
    public NotificationRouter notifications() {
        return router;
    }

    public FunctionRegistry functions() {
        return functions;
    }

    public AsyncInvoker asyncInvoker() {
        return invoker;
    }

    public SnsTopics topics() {
        return topics;
    }

    /**
     * Stops function processes (all at once). Queued events stay in the journal for the next start (or are
     * forgotten, in memory). The endpoint is closed by its owner.
     */
    @Override
    public void close() {
        invoker.close();
        functions.close();
        deleteTree(workDirectory);
    }

    static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try {
            Directories.deleteTree(root);
        } catch (IOException e) {
            // best effort: the runtime is stopping
        }
    }
}
