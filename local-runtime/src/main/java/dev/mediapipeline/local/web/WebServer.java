package dev.mediapipeline.local.web;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's web port: the upload page and {@code /config.json} at {@code /} ({@link StaticSite}), and
 * whatever else is {@linkplain #mount mounted} on the same port, such as the media API at {@code /api} (the way
 * API Gateway and the website share one origin behind CloudFront). The longest mounted path that prefixes a
 * request's path handles it.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final WebOptions options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI uri;
    private final Set<String> mounts = ConcurrentHashMap.newKeySet();
    private boolean closed;

    private WebServer(WebOptions options, HttpServer server, ExecutorService executor) {
        this.options = options;
        this.server = server;
        this.executor = executor;
        this.uri = URI.create("http://" + clientHost(options.bindHost()) + ":" + server.getAddress().getPort());
    }

    /**
     * Opens the port and serves the site.
     *
     * @throws WebPortInUseException    when the port is taken
     * @throws WebServerStartException  when the address cannot be bound for another reason
     */
    public static WebServer start(WebOptions options) {
        Objects.requireNonNull(options, "options");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.bindHost(), options.port()), 128);
        } catch (BindException e) {
            throw new WebPortInUseException(options.bindHost(), options.port(), e);
        } catch (IOException e) {
            throw new WebServerStartException("cannot open the web port " + options.bindHost() + ":" + options.port()
                    + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", new StaticSite(options.siteDirectory(), options.apiPath()));
        server.start();
        var web = new WebServer(options, server, executor);
        LOG.info("upload page {} (site {}), media API at {}", web.siteUri(), options.siteDirectory(), web.apiUri());
        return web;
    }

    /**
     * Serves every request whose path is {@code path} or below it with {@code handler}, e.g. the media API at
     * {@code /api}. The handler sees the full request path (the mount included) and closes each exchange.
     */
    public void mount(String path, HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (path == null || !path.startsWith("/") || path.equals("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("mount a path like /api, not '" + path + "'");
        }
        if (!mounts.add(path)) {
            throw new IllegalStateException(path + " is already mounted");
        }
        server.createContext(path, handler);
    }

    /** Removes a mount: its path falls back to the site (which answers 503 under the API path). */
    public void unmount(String path) {
        if (mounts.remove(path)) {
            server.removeContext(path);
        }
    }

    /** Where browsers reach the port, e.g. {@code http://localhost:8080}. */
    public URI uri() {
        return uri;
    }

    /** The upload page, e.g. {@code http://localhost:8080/}. */
    public URI siteUri() {
        return uri.resolve("/");
    }

    /** Where the page looks for the media API, e.g. {@code http://localhost:8080/api}. */
    public URI apiUri() {
        return uri.resolve(options.apiPath());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public WebOptions options() {
        return options;
    }

    /** Stops at once (requests in flight are cut off) and frees the port. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.close();
    }

    /** Browsers reach a wildcard or loopback bind as localhost. */
    static String clientHost(String bindHost) {
        return switch (bindHost) {
            case "0.0.0.0", "::", "127.0.0.1", "::1", "localhost" -> "localhost";
            default -> bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
        };
    }
}
