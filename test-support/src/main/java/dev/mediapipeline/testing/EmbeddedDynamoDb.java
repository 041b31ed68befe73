package dev.mediapipeline.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.mediapipeline.aws.AwsClients;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * A real DynamoDB API (DynamoDB Local, in memory) on a free loopback port, in server mode: tests go through the
 * SDK's HTTP client and DynamoDB's JSON protocol exactly as a function does against AWS. Starts in about 3 s;
 * share one per test class.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    public static EmbeddedDynamoDb start() {
        // DynamoDB Local logs every failed conditional write (an expected outcome of optimistic concurrency) as a
        // WARN with a stack trace; keep its real errors only
        Configurator.setLevel("com.amazonaws.services.dynamodbv2.local", Level.ERROR);
        Exception last = null;
        // the free port we pick can be taken by someone else before the server binds it: try a few
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                        new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
                bindToLoopback(server);
                server.start();
                URI endpoint = URI.create("http://127.0.0.1:" + port);
                awaitListening(port);
                return new EmbeddedDynamoDb(server, endpoint);
            } catch (Exception e) {
                last = e;
                if (!(rootCause(e) instanceof BindException)) {
                    break;
                }
            }
        }
        throw new IllegalStateException("cannot start DynamoDB Local", last);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client like the production ones (URLConnection HTTP client), pointed at this server. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .httpClient(AwsClients.httpClient())
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallAttemptTimeout(Duration.ofSeconds(30)).build())
                .build();
    }

    /** Creates a table and waits until it is ACTIVE. */
    public void createTable(CreateTableRequest request) {
        try (DynamoDbClient ddb = client()) {
            ddb.createTable(request);
            // DynamoDB Local creates tables ACTIVE at once; poll briefly rather than use the SDK waiter (20 s steps)
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ddb.describeTable(b -> b.tableName(request.tableName())).table().tableStatus() != TableStatus.ACTIVE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("table " + request.tableName() + " not ACTIVE after 30 s");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop DynamoDB Local", e);
        }
    }

    /** DynamoDB Local listens on every interface and has no option against it: narrow its Jetty connector. */
    private static void bindToLoopback(DynamoDBProxyServer proxy) {
        try {
            java.lang.reflect.Field field = DynamoDBProxyServer.class.getDeclaredField("server");
            field.setAccessible(true);
            Server jetty = (Server) field.get(proxy);
            for (Connector connector : jetty.getConnectors()) {
                if (connector instanceof ServerConnector network) {
                    network.setHost(InetAddress.getLoopbackAddress().getHostAddress());
                }
            }
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot bind DynamoDB Local to loopback (its internals changed?)", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    @SuppressWarnings("try")
    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("DynamoDB Local is not listening on port " + port + " after 20 s");
                }
                Thread.sleep(20);
            }
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
