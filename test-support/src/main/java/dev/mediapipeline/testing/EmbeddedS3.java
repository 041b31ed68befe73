package dev.mediapipeline.testing;

import dev.mediapipeline.aws.AwsClients;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3 API server (S3Proxy, in memory) on a free loopback port, with SigV4 authentication on, for tests that
 * must exercise the actual HTTP protocol through the AWS SDK rather than a mocked client.
 *
 * <p>S3Proxy's servlet runs in a Jetty of our own rather than in S3Proxy's: S3Proxy stops reading an aws-chunked PUT
 * at the object's length, leaving the final chunk and the checksum trailer unread, and answering then makes Jetty
 * reset the connection while the SDK is still writing them. The SDK sends the PUT again, so a conditional create
 * ({@code If-None-Match: *}) meets its own first attempt and fails with 412. Here the rest of every request body is
 * read before the response completes (as the local runtime's endpoint does).
 */
public final class EmbeddedS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";

    private final Server server;
    private final URI endpoint;

    private EmbeddedS3(Server server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    public static EmbeddedS3 start() {
        try {
            // built, never started: only its S3 servlet (S3Proxy's handler with its error mapping) is used
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .ignoreUnknownHeaders(true)
                    .build();
            Field handler = S3Proxy.class.getDeclaredField("handler");
            handler.setAccessible(true);
            HttpServlet s3 = (HttpServlet) handler.get(proxy);

            Server server = new Server();
            HttpConfiguration http = new HttpConfiguration();
            // S3 keys may hold anything: keep Jetty from refusing or normalising what S3 accepts
            http.setHttpCompliance(HttpCompliance.LEGACY);
            http.setUriCompliance(UriCompliance.LEGACY);
            http.setSendServerVersion(false);
            // a signature covers header values as sent: no swapping "UTF-8" for a cached "utf-8" (S3Proxy does the same)
            http.setHeaderCacheCaseSensitive(true);
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            context.addServlet(new ServletHolder("s3", new ReadingWholeRequests(s3)), "/*");
            server.setHandler(context);
            server.setStopTimeout(0);
            server.start();
            return new EmbeddedS3(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
    }

    /** S3Proxy's servlet, then whatever it left of the request body. */
    private static final class ReadingWholeRequests extends HttpServlet {

        private final transient HttpServlet s3;

        ReadingWholeRequests(HttpServlet s3) {
            this.s3 = s3;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try {
                s3.service(request, response);
            } catch (jakarta.servlet.ServletException e) {
                throw new IOException(e);
            } finally {
                drain(request);
            }
        }

        private static void drain(HttpServletRequest request) {
            try {
                request.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException | RuntimeException e) {
                // the client went away: nothing left to read
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client built by the production factory, pointed at this server with its credentials. */
    public S3Client client() {
        return S3Client.builder()
                .httpClient(AwsClients.httpClient())
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    public void createBucket(String name) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(name));
        }
    }

    public Optional<Integer> port() {
        return Optional.of(endpoint.getPort());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        }
    }
}
