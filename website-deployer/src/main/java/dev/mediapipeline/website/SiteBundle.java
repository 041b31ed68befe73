package dev.mediapipeline.website;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The site's files: a directory ({@code website/public} in the project), or the copy bundled in the function's
 * package under {@code site/} (unpacked under /var/task on Lambda, inside the jar elsewhere). Hidden files are not
 * part of the site.
 */
public final class SiteBundle implements AutoCloseable {

    /** Where the build puts the site in the function's package. */
    public static final String CLASSPATH_ROOT = "site";

    private final Path root;
    private final Optional<FileSystem> jar;

    private SiteBundle(Path root, Optional<FileSystem> jar) {
        this.root = root;
        this.jar = jar;
    }

    public static SiteBundle fromDirectory(Path directory) {
        if (!Files.isRegularFile(directory.resolve("index.html"))) {
            throw new SiteNotFoundException("no index.html in " + directory);
        }
        return new SiteBundle(directory, Optional.empty());
    }

    /** The site bundled with this class ({@code site/index.html} on the class path). */
    public static SiteBundle fromClasspath() {
        URL index = SiteBundle.class.getClassLoader().getResource(CLASSPATH_ROOT + "/index.html");
        if (index == null) {
            throw new SiteNotFoundException("the function's package holds no " + CLASSPATH_ROOT + "/index.html:"
                    + " build it with ./mvnw package (website-deployer bundles website/public)");
        }
        try {
            URI uri = index.toURI();
            if (uri.getScheme().equals("jar")) {
                String spec = uri.toString();
                URI jarUri = URI.create(spec.substring(0, spec.indexOf("!/")));
                FileSystem fs = FileSystems.newFileSystem(jarUri, Map.of());
                return new SiteBundle(fs.getPath("/" + CLASSPATH_ROOT), Optional.of(fs));
            }
            return fromDirectory(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw new SiteNotFoundException("cannot open the bundled site at " + index + ": " + e.getMessage());
        }
    }

    /** Every file, by its key in the bucket ({@code index.html}, {@code js/main.js}...), in key order. */
    public List<SiteFile> files() {
        List<SiteFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(path -> {
                Path relative = root.relativize(path);
                List<String> segments = new ArrayList<>();
                relative.forEach(segment -> segments.add(segment.toString()));
                if (segments.stream().noneMatch(s -> s.startsWith("."))) {
                    files.add(new SiteFile(String.join("/", segments), path));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the site at " + root, e);
        }
        files.sort(Comparator.comparing(SiteFile::key));
        return files;
    }

    @Override
    public void close() {
        jar.ifPresent(fs -> {
            try {
                fs.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** One file of the site. */
    public record SiteFile(String key, Path path) {

        public byte[] read() {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
    }

    /** The site is not where it should be (a package built without it). */
    public static final class SiteNotFoundException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public SiteNotFoundException(String message) {
            super(message);
        }
    }
}
