package dev.mediapipeline.it.website;

import dev.mediapipeline.local.CommandLine;
import dev.mediapipeline.local.LocalRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The system under test: the local runtime, in this JVM, on free ports and in memory (nothing survives the test
 * run), with the project's template and site. Its console (banner, function logs) goes to
 * {@code target/local-runtime.log}. {@code -Dwebsite.it.url=http://localhost:8080/} points the tests at a runtime
 * started by hand instead ({@code ./run-local --fresh}).
 */
final class LocalPipeline implements AutoCloseable {

    private final URI site;
    private final URI api;
    private final Optional<LocalRuntime> runtime;
    private final Optional<PrintStream> console;

    private LocalPipeline(URI site, URI api, Optional<LocalRuntime> runtime, Optional<PrintStream> console) {
        this.site = site;
        this.api = api;
        this.runtime = runtime;
        this.console = console;
    }

    static LocalPipeline start(Path project) {
        String external = System.getProperty("website.it.url");
        if (external != null && !external.isBlank()) {
            URI site = URI.create(external.endsWith("/") ? external : external + "/");
            return new LocalPipeline(site, site.resolve("/api"), Optional.empty(), Optional.empty());
        }
        PrintStream console;
        try {
            Files.createDirectories(Path.of("target"));
            console = new PrintStream(Files.newOutputStream(Path.of("target", "local-runtime.log")), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalRuntime runtime = LocalRuntime.start(CommandLine.parse(List.of("--port", "0", "--web-port", "0",
                "--in-memory", "--retry-delay", "200ms"), project), console);
        var web = runtime.web().orElseThrow();
        return new LocalPipeline(web.siteUri(), web.apiUri(), Optional.of(runtime), Optional.of(console));
    }

    URI siteUri() {
        return site;
    }

    URI apiUri() {
        return api;
    }

    @Override
    public void close() {
        try {
            runtime.ifPresent(LocalRuntime::close);
        } finally {
            console.ifPresent(PrintStream::close);
        }
    }
}
