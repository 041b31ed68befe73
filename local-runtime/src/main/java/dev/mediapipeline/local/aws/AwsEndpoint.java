package dev.mediapipeline.local.aws;

import dev.mediapipeline.aws.AwsClients;
import dev.mediapipeline.local.iam.LocalIam;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CORSRule;

/**
 * The local runtime's one AWS endpoint: a single port (default 4566, LocalStack's) serving the S3 API (S3Proxy)
 * and the DynamoDB API (DynamoDB Local), both real implementations running in this JVM, each request routed by
 * the service in its SigV4 credential scope. Every object created or removed is reported to an
 * {@link ObjectEventListener}.
 *
 * <p>Clients sign with access key id {@value #ACCESS_KEY_ID} and secret {@value #SECRET_ACCESS_KEY} (LocalStack's
 * defaults; S3 signatures are verified, DynamoDB Local accepts any), with full access. Functions sign with their
 * own role's credentials, and their S3 and DynamoDB requests are evaluated against the role's policies
 * ({@link #iam()}). S3 works path-style
 * ({@code http://localhost:4566/bucket/key}) and virtual-host style ({@code http://bucket.localhost:4566/key},
 * where the client can resolve {@code *.localhost}), with presigned URLs, POST policy uploads, multipart uploads
 * and per-bucket CORS.
 *
 * <p>With a data directory, objects ({@code s3/<bucket>/<key>}), tables ({@code dynamodb/}) and the event
 * sequencer ({@code sequencer}) survive restarts; without one everything lives in memory.
 */
public final class AwsEndpoint implements AutoCloseable {

    public static final String ACCESS_KEY_ID = "test";
    public static final String SECRET_ACCESS_KEY = "test";

    private static final Logger LOG = LoggerFactory.getLogger(AwsEndpoint.class);
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final long DRAIN_TIMEOUT_MILLIS = 3_000;

    private final EndpointOptions options;
    private final Server server;
    private final DynamoDbLocal dynamoDbLocal;
    private final BlobStore blobStore;
    private final BucketCors cors;
    private final LocalIam iam;
    private final Optional<DataDirectoryLock> lock;
    private final URI uri;
    private final int port;
    private final Object clientLock = new Object();
    private S3Client s3;
    private DynamoDbClient dynamoDb;
    private boolean closed;

    private AwsEndpoint(EndpointOptions options, Server server, DynamoDbLocal dynamoDbLocal,
                        BlobStore blobStore, BucketCors cors, LocalIam iam, Optional<DataDirectoryLock> lock,
                        int port) {
        this.options = options;
        this.server = server;
        this.dynamoDbLocal = dynamoDbLocal;
        this.blobStore = blobStore;
        this.cors = cors;
        this.iam = iam;
        this.lock = lock;
        this.port = port;
        this.uri = URI.create("http://" + clientHost(options.bindHost()) + ":" + port);
    }

    /**
     * Starts the endpoint and returns once it accepts requests.
     *
     * @throws PortInUseException     when the port is taken
     * @throws EndpointStartException when the data directory or a server cannot be set up
     */
    public static AwsEndpoint start(EndpointOptions options, ObjectEventListener listener) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        long started = System.nanoTime();
        Optional<Path> s3Dir = options.dataDir().map(dir -> dir.resolve("s3"));
        Optional<Path> dynamoDbDir = options.dataDir().map(dir -> dir.resolve("dynamodb"));
        try {
            for (Optional<Path> dir : List.of(s3Dir, dynamoDbDir)) {
                if (dir.isPresent()) {
                    Files.createDirectories(dir.get());
                }
            }
        } catch (IOException e) {
            throw new EndpointStartException("cannot create the endpoint's data directory under "
                    + options.dataDir().orElseThrow() + ": " + e.getMessage(), e);
        }
        Optional<DataDirectoryLock> lock = options.dataDir().map(DataDirectoryLock::acquire);
        // DynamoDB Local takes the longest to load (SQLite natives): start it while the rest is assembled
        CompletableFuture<DynamoDbLocal> dynamoDbFuture = DynamoDbLocal.startAsync(dynamoDbDir);
        Server server = null;
        try {
            Sequencer sequencer = Sequencer.open(options.dataDir(), Clock.systemUTC());
            BlobStore store = s3Dir.<BlobStore>map(dir -> new FilesystemNio2BlobStore(dir.toString()))
                    .orElseGet(TransientNio2BlobStore::new);
            var notifying = new NotifyingBlobStore(store, listener, sequencer, Clock.systemUTC());
            var cors = new BucketCors();

            var threads = new QueuedThreadPool(200, 4);
            threads.setName("aws-endpoint");
            server = new Server(threads);
            var http = new HttpConfiguration();
            // S3 keys may hold anything: keep Jetty from refusing or normalising what S3 accepts
            http.setHttpCompliance(HttpCompliance.LEGACY);
            http.setUriCompliance(UriCompliance.LEGACY);
            // a signature covers header values as sent: Jetty's LEGACY mode would swap "text/html; charset=UTF-8" for
            // its cached "text/html;charset=utf-8" before S3Proxy checks the signature (S3Proxy's own server does this too)
            http.setHeaderCacheCaseSensitive(true);
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            http.setRequestHeaderSize(16 * 1024);
            var connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(options.bindHost());
            connector.setPort(options.port());
            connector.setReuseAddress(true);
            server.addConnector(connector);

            var s3Context = new ServletContextHandler();
            s3Context.setContextPath("/");
            var iam = new LocalIam();
            s3Context.addServlet(new ServletHolder("s3",
                    new S3Servlet(notifying, cors, ACCESS_KEY_ID, SECRET_ACCESS_KEY, iam)), "/*");
            s3Context.setErrorHandler(new AwsErrorHandler());

            DynamoDbLocal dynamoDbLocal = dynamoDbFuture.join();
            server.setHandler(new GracefulHandler(new ServiceRouter(dynamoDbLocal.handler(), s3Context,
                    new DynamoDbAuthorization(iam, options.region()))));
            server.setErrorHandler(new AwsErrorHandler());
            // close() drains requests itself: Jetty's graceful stop would also wait for idle keep-alive connections
            server.setStopTimeout(0);
            try {
                server.start();
            } catch (Exception e) {
                dynamoDbLocal.close();
                if (AwsErrors.causalChain(e).stream().anyMatch(BindException.class::isInstance)) {
                    throw new PortInUseException(options.bindHost(), options.port(), e);
                }
                throw new EndpointStartException("cannot start the AWS endpoint on " + options.bindHost() + ":"
                        + options.port() + ": " + e.getMessage(), e);
            }
            var endpoint = new AwsEndpoint(options, server, dynamoDbLocal, notifying, cors, iam, lock,
                    connector.getLocalPort());
            LOG.info("AWS endpoint (S3 and DynamoDB) listening on {} ({}) in {} ms", endpoint.uri(),
                    options.dataDir().map(dir -> "data in " + dir).orElse("in memory"),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return endpoint;
        } catch (PortInUseException | EndpointStartException e) {
            stopQuietly(server);
            lock.ifPresent(DataDirectoryLock::close);
            throw e;
        } catch (CompletionException e) {
            stopQuietly(server);
            lock.ifPresent(DataDirectoryLock::close);
            throw new EndpointStartException("cannot start DynamoDB Local: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (RuntimeException e) {
            stopQuietly(server);
            dynamoDbFuture.thenAccept(DynamoDbLocal::close).join();
            lock.ifPresent(DataDirectoryLock::close);
            throw new EndpointStartException("cannot start the AWS endpoint: " + e.getMessage(), e);
        }
    }

    /** Where clients reach the endpoint, e.g. {@code http://localhost:4566}. */
    public URI uri() {
        return uri;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return port;
    }

    public EndpointOptions options() {
        return options;
    }

    public String region() {
        return options.region();
    }

    /**
     * The endpoint's IAM: register each function ({@link LocalIam#register}) so that requests signed with its
     * credentials ({@link dev.mediapipeline.local.iam.FunctionCredentials}) are evaluated against its role;
     * enforcing unless turned off.
     */
    public LocalIam iam() {
        return iam;
    }

    /** The credentials clients of this endpoint sign with (full access). */
    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    /**
     * The environment that points an AWS SDK or CLI at this endpoint: {@code AWS_ENDPOINT_URL}, the dummy
     * credentials and the region.
     */
    public Map<String, String> clientEnvironment() {
        var env = new LinkedHashMap<String, String>();
        env.put(AwsClients.ENDPOINT_VARIABLE, uri.toString());
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        env.put(AwsClients.REGION_VARIABLE, options.region());
        env.put("AWS_DEFAULT_REGION", options.region());
        return env;
    }

    /** Creates the bucket unless it exists (idempotent; with a data directory it persists). */
    public void ensureBucket(String name) {
        requireOpen();
        if (name == null || !BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("invalid bucket name '" + name + "': 3 to 63 lower-case letters, "
                    + "digits, dots and hyphens, starting and ending with a letter or digit");
        }
        if (!blobStore.containerExists(name)) {
            try {
                blobStore.createContainer(name);
            } catch (BucketAlreadyOwnedByYouException e) {
                LOG.debug("bucket {} was created concurrently", name);
            }
        }
    }

    /**
     * Creates the bucket unless it exists, and answers browsers' CORS requests on it with these rules (as S3 does
     * with the bucket's CorsConfiguration) instead of the permissive default.
     */
    public void ensureBucket(String name, List<CORSRule> corsRules) {
        ensureBucket(name);
        cors.configure(name, Objects.requireNonNull(corsRules, "corsRules"));
    }

    /** Creates the table unless a table of that name exists, and waits until it is ACTIVE. */
    public void ensureTable(CreateTableRequest request) {
        requireOpen();
        DynamoDbClient client = dynamoDb();
        // listing, not describing: DynamoDB Local logs every error it answers (ResourceNotFound) as a warning
        boolean exists = client.listTablesPaginator(b -> b.limit(100)).tableNames().stream()
                .anyMatch(request.tableName()::equals);
        if (!exists) {
            try {
                client.createTable(request);
            } catch (ResourceInUseException e) {
                LOG.debug("table {} was created concurrently", request.tableName());
            }
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()),
                wait -> wait.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(100)))
                        .maxAttempts(100));
    }

    /** An S3 client pointed at this endpoint (path-style, the endpoint's credentials), for the runtime's own use. */
    public S3Client s3() {
        synchronized (clientLock) {
            requireOpen();
            if (s3 == null) {
                s3 = S3Client.builder()
                        .httpClient(AwsClients.httpClient())
                        .endpointOverride(uri)
                        .region(Region.of(options.region()))
                        .credentialsProvider(credentials())
                        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                        .build();
            }
            return s3;
        }
    }

    /** A DynamoDB client pointed at this endpoint, for the runtime's own use. */
    public DynamoDbClient dynamoDb() {
        synchronized (clientLock) {
            requireOpen();
            if (dynamoDb == null) {
                dynamoDb = DynamoDbClient.builder()
                        .httpClient(AwsClients.httpClient())
                        .endpointOverride(uri)
                        .region(Region.of(options.region()))
                        .credentialsProvider(credentials())
                        .build();
            }
            return dynamoDb;
        }
    }

    /**
     * Stops accepting requests, lets those in flight finish (a few seconds at most; an upload cut off then leaves
     * nothing behind, the store writes objects to a temporary file it renames into place), and releases the
     * servers. Idempotent.
     */
    @Override
    public void close() {
        synchronized (clientLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (s3 != null) {
                s3.close();
            }
            if (dynamoDb != null) {
                dynamoDb.close();
            }
        }
        long started = System.nanoTime();
        drain();
        stopQuietly(server);
        dynamoDbLocal.close();
        blobStore.close();
        lock.ifPresent(DataDirectoryLock::close);
        LOG.info("AWS endpoint {} stopped in {} ms", uri, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** New requests get 503; those in flight get {@value #DRAIN_TIMEOUT_MILLIS} ms to finish. */
    private void drain() {
        if (!(server.getHandler() instanceof GracefulHandler graceful)) {
            return;
        }
        try {
            graceful.shutdown().get(DRAIN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{} request(s) still running after {} ms are cut off (an interrupted upload stores nothing)",
                    graceful.getCurrentRequestCount(), DRAIN_TIMEOUT_MILLIS);
        } catch (ExecutionException e) {
            LOG.warn("draining the AWS endpoint failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireOpen() {
        synchronized (clientLock) {
            if (closed) {
                throw new IllegalStateException("the AWS endpoint " + uri + " is closed");
            }
        }
    }

    private static void stopQuietly(Server server) {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the AWS endpoint's server did not stop cleanly", e);
        }
    }

    private static String clientHost(String bindHost) {
        return switch (bindHost) {
            case "127.0.0.1", "0.0.0.0", "::", "[::]", "localhost" -> "localhost";
            default -> bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
        };
    }
}
