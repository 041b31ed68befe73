package dev.mediapipeline.it.website;

import dev.mediapipeline.it.harness.EmbeddedPipeline;
import java.net.URI;

/**
 * The system under test: the local runtime with its web port, started in this JVM by the shared harness
 * ({@link EmbeddedPipeline}), or an already running one named by {@code -Dwebsite.it.url=http://localhost:8080/}.
 */
final class LocalPipeline implements AutoCloseable {

    private final URI site;
    private final URI api;
    private final EmbeddedPipeline embedded;

    private LocalPipeline(URI site, URI api, EmbeddedPipeline embedded) {
        this.site = site;
        this.api = api;
        this.embedded = embedded;
    }

    static LocalPipeline start() {
        String external = System.getProperty("website.it.url");
        if (external != null && !external.isBlank()) {
            URI site = URI.create(external.endsWith("/") ? external : external + "/");
            return new LocalPipeline(site, site.resolve("/api"), null);
        }
        EmbeddedPipeline embedded = EmbeddedPipeline.start(EmbeddedPipeline.Options.named("website")).warmApi();
        return new LocalPipeline(embedded.siteUri(), embedded.apiUri(), embedded);
    }

    URI siteUri() {
        return site;
    }

    URI apiUri() {
        return api;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
