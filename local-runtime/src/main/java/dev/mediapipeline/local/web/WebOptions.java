package dev.mediapipeline.local.web;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the web port listens and what it serves.
 *
 * @param bindHost      the address to listen on, loopback by default ({@value #DEFAULT_BIND_HOST})
 * @param port          the port ({@value #DEFAULT_PORT}), 0 for a free one
 * @param siteDirectory the static site to serve at {@code /} (the project's {@code website/public})
 * @param apiPath       where the media API is mounted ({@value #DEFAULT_API_PATH}); {@code /config.json} points the
 *                      page there
 */
public record WebOptions(String bindHost, int port, Path siteDirectory, String apiPath) {

    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_API_PATH = "/api";
    /** The site inside the project. */
    public static final String SITE_IN_PROJECT = "website/public";

    public WebOptions {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(siteDirectory, "siteDirectory");
        Objects.requireNonNull(apiPath, "apiPath");
        if (bindHost.isBlank()) {
            throw new IllegalArgumentException("bindHost must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (!apiPath.matches("/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*")) {
            throw new IllegalArgumentException("apiPath must be a path like /api, was '" + apiPath + "'");
        }
        siteDirectory = siteDirectory.toAbsolutePath().normalize();
    }

    /** Loopback, port 8080, the project's site, the API at /api. */
    public static WebOptions forProject(Path projectRoot) {
        return new WebOptions(DEFAULT_BIND_HOST, DEFAULT_PORT, projectRoot.resolve(SITE_IN_PROJECT), DEFAULT_API_PATH);
    }

    public WebOptions withPort(int newPort) {
        return new WebOptions(bindHost, newPort, siteDirectory, apiPath);
    }

    public WebOptions withBindHost(String host) {
        return new WebOptions(host, port, siteDirectory, apiPath);
    }

    public WebOptions withSiteDirectory(Path directory) {
        return new WebOptions(bindHost, port, directory, apiPath);
    }
}
