package dev.mediapipeline.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediapipeline.local.lambda.FunctionError;
import dev.mediapipeline.local.lambda.FunctionRegistry;
import dev.mediapipeline.local.lambda.FunctionRuntime;
import dev.mediapipeline.local.lambda.InvocationResult;
import dev.mediapipeline.local.template.Destination;
import dev.mediapipeline.local.template.EventInvokeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Lambda's asynchronous invocation, as S3 and SNS use it: the event is queued and the caller returns at once; a
 * failed attempt (handler error, timeout, crash) is retried {@code MaximumRetryAttempts} times (default 2) with
 * back-off (Lambda waits about 1 then 2 minutes; locally {@code retryDelay} then twice that), unless the event
 * is older than {@code MaximumEventAgeInSeconds}; then the invocation record goes to the function's on-failure
 * destination: written as JSON to an S3 bucket through the endpoint's S3 API (so it triggers that bucket's
 * notifications), or passed to another function asynchronously. Without a destination the event is dropped
 * and logged. Success destinations get the record with the response.
 *
 * <p>Accepted events are durable when the runtime has a data directory: each is written to an {@link EventJournal}
 * before {@link #invokeAsync} returns (so before the S3 request that caused it is answered) and removed only when it
 * is done. Events the runtime was stopped or killed with (queued, running, or waiting for a retry) are replayed by
 * {@link #resume()} at the next start, with the attempts they had already made.
 */
public final class AsyncInvoker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvoker.class);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter KEY_DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter KEY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm.ss").withZone(ZoneOffset.UTC);

    private final FunctionRegistry functions;
    private final DestinationWriter s3;
    private final EventJournal journal;
    private final Duration retryDelay;
    private final Clock clock;
    private final ScheduledExecutorService retries;
    private final ExecutorService dispatch = Executors.newVirtualThreadPerTaskExecutor();
    private final Object idle = new Object();
    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong toDestination = new AtomicLong();
    private volatile boolean closed;

    /** Counters: events accepted, finished successfully, sent to a destination, dropped; in progress now. */
    public record Stats(long outstanding, long delivered, long sentToDestination, long dropped) {
    }

    private static final class AsyncEvent {
        final FunctionRuntime function;
        final byte[] payload;
        final String requestId;
        final Instant accepted;
        int attempts;

        AsyncEvent(FunctionRuntime function, byte[] payload, String requestId, Instant accepted, int attempts) {
            this.function = function;
            this.payload = payload;
            this.requestId = requestId;
            this.accepted = accepted;
            this.attempts = attempts;
        }

        EventJournal.Entry entry() {
            return new EventJournal.Entry(requestId, function.definition().name(), payload, accepted, attempts);
        }
    }

    public AsyncInvoker(FunctionRegistry functions, DestinationWriter s3, Duration retryDelay) {
        this(functions, s3, retryDelay, EventJournal.none());
    }

    public AsyncInvoker(FunctionRegistry functions, DestinationWriter s3, Duration retryDelay, EventJournal journal) {
        this(functions, s3, retryDelay, journal, Clock.systemUTC());
    }

    AsyncInvoker(FunctionRegistry functions, DestinationWriter s3, Duration retryDelay, EventJournal journal,
                 Clock clock) {
        this.functions = functions;
        this.s3 = s3;
        this.journal = journal;
        this.retryDelay = retryDelay;
        this.clock = clock;
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "async-invoke-retries");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues an event for a function (by name or logical id) and returns its request id at once. */
    public String invokeAsync(String functionName, byte[] payload) {
        FunctionRuntime function = functions.get(functionName);
        AsyncEvent event = new AsyncEvent(function, payload, UUID.randomUUID().toString(), clock.instant(), 0);
        journal.save(event.entry());
        if (closed) {
            LOG.warn("runtime stopping: event {} for {} {}", event.requestId, functionName,
                    journal.durable() ? "kept for the next start" : "not delivered");
            return event.requestId;
        }
        outstanding.incrementAndGet();
        dispatch.execute(() -> attempt(event));
        return event.requestId;
    }

    /**
     * Queues again the events a previous run accepted and did not finish (see {@link EventJournal}), each with the
     * attempts it had made. Events of functions the template no longer has are dropped with a log line. Returns how
     * many were queued.
     */
    public int resume() {
        int queued = 0;
        for (EventJournal.Entry entry : journal.pending()) {
            Optional<FunctionRuntime> function = functions.find(entry.function());
            if (function.isEmpty()) {
                LOG.warn("event {} was accepted for function {}, which the template no longer has: dropped",
                        entry.requestId(), entry.function());
                journal.remove(entry.requestId());
                continue;
            }
            AsyncEvent event = new AsyncEvent(function.get(), entry.payload(), entry.requestId(), entry.accepted(),
                    entry.attempts());
            outstanding.incrementAndGet();
            dispatch.execute(() -> attempt(event));
            queued++;
        }
        if (queued > 0) {
            LOG.info("replaying {} event(s) accepted before the last stop", queued);
        }
        return queued;
    }

    public Stats stats() {
        return new Stats(outstanding.get(), delivered.get(), toDestination.get(), dropped.get());
    }

    /**
     * Waits until no event is queued, running or waiting for a retry (including events this causes, such as
     * failure records that trigger other functions). Returns false on timeout.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (outstanding.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }
    }

    private void attempt(AsyncEvent event) {
        if (closed) {
            interrupted(event);
            return;
        }
        event.attempts++;
        event.function.invoke(event.payload, event.requestId, event.attempts)
                .whenComplete((result, failure) -> {
                    try {
                        handle(event, result, failure);
                    } catch (RuntimeException e) {
                        LOG.error("async invocation handling failed for {}", event.function.definition().name(), e);
                        done(event);
                    }
                });
    }

    private void handle(AsyncEvent event, InvocationResult result, Throwable failure) {
        EventInvokeConfig config = event.function.definition().eventInvokeConfig();
        if (closed && !(result instanceof InvocationResult.Success)) {
            interrupted(event);
            return;
        }
        if (failure != null || result == null) {
            LOG.error("invocation of {} did not complete", event.function.definition().name(), failure);
            dropped.incrementAndGet();
            done(event);
            return;
        }
        if (result instanceof InvocationResult.Success success) {
            delivered.incrementAndGet();
            config.onSuccess().ifPresent(d -> send(event, d, record(event, "Success", success, null)));
            done(event);
            return;
        }
        FunctionError error = ((InvocationResult.Failure) result).error();
        if (error.kind() == FunctionError.Kind.SHUTDOWN) {
            interrupted(event);
            return;
        }
        if (event.attempts <= config.maximumRetryAttempts()) {
            Instant expires = event.accepted.plusSeconds(config.maximumEventAgeSeconds());
            Duration delay = retryDelay.multipliedBy(event.attempts);
            if (clock.instant().plus(delay).isAfter(expires)) {
                failed(event, config, "EventAgeExceeded", error);
                return;
            }
            journal.save(event.entry());
            retries.schedule(() -> dispatch.execute(() -> attempt(event)), delay.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        failed(event, config, "RetriesExhausted", error);
    }

    private void failed(AsyncEvent event, EventInvokeConfig config, String condition, FunctionError error) {
        Optional<Destination> destination = config.onFailure();
        String name = event.function.definition().name();
        if (destination.isEmpty()) {
            dropped.incrementAndGet();
            log(event, "dropped", condition, error, "no on-failure destination");
        } else {
            send(event, destination.get(), record(event, condition, null, error));
            log(event, "sent to on-failure destination", condition, error, destination.get().arn());
        }
        done(event);
        LOG.debug("{} event {} finished after {} attempts", name, event.requestId, event.attempts);
    }

    private void log(AsyncEvent event, String what, String condition, FunctionError error, String where) {
        MDC.put("function", event.function.definition().name());
        MDC.put("requestId", event.requestId);
        MDC.put("condition", condition);
        MDC.put("attempts", Integer.toString(event.attempts));
        MDC.put("errorType", error.errorType());
        try {
            LOG.warn("{} event {} {} after {} attempts ({}, last error {}: {}) → {}", event.function.definition().name(),
                    event.requestId, what, event.attempts, condition, error.errorType(), error.errorMessage(), where);
        } finally {
            MDC.clear();
        }
    }

    /** The invocation record Lambda sends to destinations. */
    ObjectNode record(AsyncEvent event, String condition, InvocationResult.Success success, FunctionError error) {
        ObjectNode record = S3EventFactory.JSON.createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", TIMESTAMP.format(clock.instant()));
        ObjectNode context = record.putObject("requestContext");
        context.put("requestId", event.requestId);
        context.put("functionArn", event.function.definition().arn() + ":$LATEST");
        context.put("condition", condition);
        context.put("approximateInvokeCount", event.attempts);
        record.set("requestPayload", json(event.payload));
        ObjectNode response = record.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        if (error != null) {
            response.put("functionError", "Unhandled");
            record.set("responsePayload", json(error.payloadJson().getBytes(StandardCharsets.UTF_8)));
        } else {
            record.set("responsePayload", json(success.payload()));
        }
        return record;
    }

    private static JsonNode json(byte[] bytes) {
        try {
            JsonNode node = S3EventFactory.JSON.readTree(bytes);
            return node == null ? S3EventFactory.JSON.nullNode() : node;
        } catch (IOException e) {
            return S3EventFactory.JSON.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private void send(AsyncEvent event, Destination destination, ObjectNode record) {
        byte[] bytes = record.toString().getBytes(StandardCharsets.UTF_8);
        String name = event.function.definition().name();
        switch (destination.type()) {
            case S3 -> {
                String bucket = destination.arn().substring("arn:aws:s3:::".length());
                Instant now = clock.instant();
                String key = "aws/lambda/async/" + name + "/" + KEY_DAY.format(now) + "/" + KEY_TIME.format(now)
                        + "-" + UUID.randomUUID();
                Optional<String> problem = s3.putObject(bucket, key, bytes);
                if (problem.isPresent()) {
                    dropped.incrementAndGet();
                    LOG.error("cannot write the invocation record of {} {} to s3://{}/{}: {}; record: {}", name,
                            event.requestId, bucket, key, problem.get(), record);
                } else {
                    toDestination.incrementAndGet();
                }
            }
            case LAMBDA -> {
                Optional<FunctionRuntime> target = functions.findByArn(destination.arn());
                if (target.isEmpty()) {
                    dropped.incrementAndGet();
                    LOG.error("destination function {} of {} does not exist; record: {}", destination.arn(), name, record);
                } else {
                    toDestination.incrementAndGet();
                    invokeAsync(target.get().definition().name(), bytes);
                }
            }
            default -> {
                dropped.incrementAndGet();
                LOG.warn("{} destinations are not emulated; record of {} {}: {}", destination.type(), name,
                        event.requestId, record);
            }
        }
    }

    /** The runtime stopped under the event: it stays in the journal, for the next start, and leaves the counts. */
    private void interrupted(AsyncEvent event) {
        if (!journal.durable()) {
            dropped.incrementAndGet();
        }
        release();
    }

    /** The event is finished for good (delivered, sent to a destination, or dropped). */
    private void done(AsyncEvent event) {
        journal.remove(event.requestId);
        release();
    }

    private void release() {
        if (outstanding.decrementAndGet() <= 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        dispatch.shutdownNow();
        synchronized (idle) {
            idle.notifyAll();
        }
    }
}
