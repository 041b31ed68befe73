package dev.mediapipeline.it.website;

import java.net.URI;

/** The system under test: the local runtime with its web port. */
final class LocalPipeline implements AutoCloseable {

    private final URI site;
    private final URI api;

    private LocalPipeline(URI site, URI api) {
        this.site = site;
        this.api = api;
    }

    static LocalPipeline start() {
        String external = System.getProperty("website.it.url");
        if (external != null && !external.isBlank()) {
            URI site = URI.create(external.endsWith("/") ? external : external + "/");
            return new LocalPipeline(site, site.resolve("/api"));
        }
        throw new IllegalStateException("in-process runtime not wired yet");
    }

    URI siteUri() {
        return site;
    }

    URI apiUri() {
        return api;
    }

    @Override
    public void close() {
    }
}
