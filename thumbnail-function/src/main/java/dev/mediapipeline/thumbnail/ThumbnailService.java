package dev.mediapipeline.thumbnail;

import dev.mediapipeline.image.ImageException;
import dev.mediapipeline.image.ImageSource;
import dev.mediapipeline.image.RenderResult;
import dev.mediapipeline.image.Rendition;
import dev.mediapipeline.image.ThumbnailRenderer;
import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.DeviceProfile;
import dev.mediapipeline.model.KeyLayout;
import dev.mediapipeline.model.MediaFormat;
import dev.mediapipeline.model.MediaKind;
import dev.mediapipeline.model.MediaTypeDetector;
import dev.mediapipeline.model.ObjectInfo;
import dev.mediapipeline.model.ObjectNotFoundException;
import dev.mediapipeline.model.ObjectStore;
import dev.mediapipeline.model.RenditionMetadata;
import dev.mediapipeline.model.SourceObject;
import dev.mediapipeline.model.StoredObject;
import dev.mediapipeline.model.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one uploaded object into its thumbnails. Knows nothing of Lambda: it reads and writes through an
 * {@link ObjectStore} and renders with image-core's {@link ThumbnailRenderer}.
 *
 * <p>All-or-nothing per image: every profile is rendered and encoded in memory first; only when all succeeded is
 * anything written. A corrupt image therefore leaves no thumbnails at all. Writes are individual PUTs (each
 * object appears whole or not at all); if the store fails half-way the invocation fails and is retried, and the
 * retry rewrites byte-identical objects at the same keys. Every thumbnail carries the full profile set in its
 * metadata ({@code profile-set}), so a reader can tell a complete set from one still being written.
 *
 * <p>Keys are deterministic ({@code KeyLayout.thumbnailKey}), outputs are deterministic (same bytes for the same
 * source), so duplicate events overwrite identical objects. When a key's content changes between opaque and
 * transparent (JPEG ↔ PNG thumbnails), the other extension's leftovers are deleted after the new set is written.
 */
public final class ThumbnailService {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailService.class);
    /** Sources up to this size are read into memory; larger ones are spooled to a temporary file. */
    static final long IN_MEMORY_LIMIT = 64L << 20;

    private final ObjectStore store;
    private final ThumbnailConfig config;
    private final ThumbnailRenderer renderer;

    public ThumbnailService(ObjectStore store, ThumbnailConfig config) {
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.renderer = new ThumbnailRenderer(config.renderOptions());
        // FFmpeg's natives (the JPEG decoder) load while the sandbox initialises and downloads its first image
        ThumbnailRenderer.preloadNatives();
    }

    /** What happened to one source object. */
    public sealed interface Outcome permits Rendered, Skipped {
        SourceObject source();
    }

    /** Thumbnails were written. */
    public record Rendered(SourceObject source, List<ObjectInfo> thumbnails, RenderResult render) implements Outcome {
    }

    /** Nothing to do, and nothing wrong: another bucket, a folder marker, not an image, already deleted. */
    public record Skipped(SourceObject source, String reason) implements Outcome {
    }

    /**
     * Renders and writes the thumbnails of one uploaded object.
     *
     * @throws UnprocessableImageException if the object is an image that cannot be rendered (corrupt, truncated,
     *                                     over budget, unsupported variant)
     * @throws dev.mediapipeline.model.ObjectStoreException if the store fails
     */
    public Outcome process(SourceObject source) {
        if (!source.bucket().equals(config.uploadBucket())) {
            LOG.info("Ignoring s3://{}/{}: not the upload bucket {}", source.bucket(), source.key(), config.uploadBucket());
            return new Skipped(source, "bucket " + source.bucket() + " is not the upload bucket");
        }
        if (KeyLayout.isFolderMarker(source.key())) {
            LOG.info("Skipping folder marker s3://{}/{}", source.bucket(), source.key());
            return new Skipped(source, "folder marker");
        }
        long started = System.nanoTime();
        try (StoredObject object = store.open(source.bucket(), source.key())) {
            ObjectInfo info = object.info();
            InputStream in = object.content();
            byte[] head = in.readNBytes(MediaTypeDetector.HEADER_BYTES);
            MediaFormat format = MediaTypeDetector.detect(head);
            if (format.kind() != MediaKind.IMAGE) {
                LOG.info("Skipping s3://{}/{}: not an image (content is {}, {} bytes)", source.bucket(), source.key(),
                        format.name(), info.size());
                return new Skipped(source, "not an image: " + format.name());
            }
            if (!format.processable()) {
                // A recognised image format we do not render (none today): retrying cannot help, and the index reports the
                // asset UNSUPPORTED with this reason, so skip like any other non-renderable content.
                LOG.info("Skipping s3://{}/{}: {} images are not supported", source.bucket(), source.key(), format.name());
                return new Skipped(source, format.name() + " images are not supported");
            }
            if (info.size() > config.maxSourceBytes()) {
                throw new UnprocessableImageException(source.bucket(), source.key(), String.format(Locale.ROOT,
                        "the object is %d bytes, over the limit of %d bytes", info.size(), config.maxSourceBytes()), null);
            }
            String eTag = info.eTag() != null ? info.eTag() : source.eTag();
            return renderAndWrite(source, eTag, head, in, info.size(), started);
        } catch (ObjectNotFoundException e) {
            LOG.warn("Skipping s3://{}/{}: the object no longer exists (deleted or replaced since the event)",
                    source.bucket(), source.key());
            return new Skipped(source, "object no longer exists");
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + source.bucket() + "/" + source.key() + " failed", e);
        }
    }

    private Outcome renderAndWrite(SourceObject source, String eTag, byte[] head, InputStream rest, long size, long started)
            throws IOException {
        Path spool = null;
        RenderResult result;
        try {
            ImageSource image;
            if (size <= IN_MEMORY_LIMIT) {
                image = ImageSource.of(readFully(head, rest, (int) size));
            } else {
                spool = Files.createTempFile("thumbnail-source-", ".bin");
                try (OutputStream out = Files.newOutputStream(spool)) {
                    out.write(head);
                    rest.transferTo(out);
                }
                image = ImageSource.of(spool);
            }
            result = renderer.render(image, config.profiles());
        } catch (ImageException e) {
            throw new UnprocessableImageException(source.bucket(), source.key(), e.reason(), e);
        } finally {
            if (spool != null) {
                Files.deleteIfExists(spool);
            }
        }
        List<ObjectInfo> written = write(source, eTag, result);
        LOG.info("Rendered s3://{}/{} ({}) to {} thumbnails in s3://{}/{} [{}; {}]", source.bucket(), source.key(), result.header(),
                written.size(), config.renditionsBucket(), KeyLayout.thumbnailPrefix(source.assetId()), result.decodeMethod(),
                result.timings());
        if (!result.warnings().isEmpty()) {
            LOG.warn("Decoder warnings for s3://{}/{}: {}", source.bucket(), source.key(), result.warnings());
        }
        LOG.debug("processed in {} ms", (System.nanoTime() - started) / 1_000_000);
        return new Rendered(source, written, result);
    }

    /** The whole object in one array of the size the store announced (no intermediate copies). */
    private static byte[] readFully(byte[] head, InputStream rest, int size) throws IOException {
        if (size < head.length) {
            return head;
        }
        byte[] all = new byte[size];
        System.arraycopy(head, 0, all, 0, head.length);
        int read = rest.readNBytes(all, head.length, size - head.length);
        if (read != size - head.length) {
            throw new IOException("object ended after " + (head.length + read) + " of " + size + " bytes");
        }
        return all;
    }

    private List<ObjectInfo> write(SourceObject source, String eTag, RenderResult result) {
        AssetId asset = source.assetId();
        String profileSet = config.profiles().names().stream().collect(Collectors.joining(","));
        List<ObjectInfo> written = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Rendition r : result.renditions()) {
            String key = KeyLayout.thumbnailKey(asset, r.profile().name(), r.extension());
            WriteOptions options = RenditionMetadata.withSource(
                            WriteOptions.of(r.contentType()).withCacheControl(WriteOptions.IMMUTABLE_CACHE),
                            source.bucket(), source.key(), eTag)
                    .withMetadata(RenditionMetadata.PROFILE, r.profile().name())
                    .withMetadata(RenditionMetadata.PROFILE_SET, profileSet);
            options = RenditionMetadata.withSize(options, r.width(), r.height());
            written.add(store.put(config.renditionsBucket(), key, r.bytes(), options));
            keys.add(key);
        }
        removeOtherExtensions(asset, keys);
        return written;
    }

    /** Deletes thumbnails of our profiles under another extension (a JPEG set left over from before an alpha PNG upload, say). */
    private void removeOtherExtensions(AssetId asset, Set<String> current) {
        Set<String> ours = new HashSet<>(config.profiles().names());
        for (ObjectInfo existing : store.list(config.renditionsBucket(), KeyLayout.thumbnailPrefix(asset))) {
            if (current.contains(existing.key())) {
                continue;
            }
            KeyLayout.parseRendition(existing.key())
                    .filter(k -> k.role() == KeyLayout.RenditionKey.Role.THUMBNAIL && ours.contains(k.name()))
                    .ifPresent(k -> {
                        LOG.info("Deleting stale thumbnail s3://{}/{}", config.renditionsBucket(), existing.key());
                        store.delete(config.renditionsBucket(), existing.key());
                    });
        }
    }

    /** Profiles rendered per image, in order (for logs and tests). */
    public List<DeviceProfile> profiles() {
        return config.profiles().asList();
    }
}
