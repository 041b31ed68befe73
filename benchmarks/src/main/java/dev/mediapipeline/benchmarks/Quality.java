package dev.mediapipeline.benchmarks;

import dev.mediapipeline.image.samples.Ssim;
import dev.mediapipeline.model.DeviceProfile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * SSIM of each side's output against a high-quality reference resize of the same source: ImageMagick's
 * {@code -filter Lanczos -resize} (Lanczos-3, separable) from the full-resolution decode, or, where ImageMagick is
 * absent (the build's smoke test), image-core's double-precision Lanczos-3 reference. The square profile's
 * reference is the centred square of the source (side = the shorter side), resized the same way.
 */
final class Quality {

    enum Reference { IMAGEMAGICK, JAVA }

    private final Reference reference;
    private final Path refs;
    private final ConcurrentHashMap<Path, BufferedImage> fullDecodes = new ConcurrentHashMap<>();

    Quality(Reference reference, Path refs) {
        this.reference = reference;
        this.refs = refs;
    }

    Reference reference() {
        return reference;
    }

    /** SSIM (luma) of {@code output} against the reference for this image and profile; NaN if sizes differ. */
    double ssim(Corpus.Image image, DeviceProfile profile, Path output) throws IOException {
        if (!Files.isRegularFile(output)) {
            return Double.NaN;
        }
        BufferedImage out = ImageIO.read(output.toFile());
        BufferedImage ref = reference(image, profile);
        if (out == null || out.getWidth() != ref.getWidth() || out.getHeight() != ref.getHeight()) {
            return Double.NaN;
        }
        return Ssim.of(ref, out);
    }

    /** The reference rendition, made once per image and profile size and kept in the work directory. */
    BufferedImage reference(Corpus.Image image, DeviceProfile profile) throws IOException {
        DeviceProfile.Dimension d = profile.targetFor(image.width(), image.height());
        boolean crop = profile.fit() == DeviceProfile.Fit.CROP;
        Path file = refs.resolve(image.name()).resolve((crop ? "crop-" : "fit-") + d.width() + "x" + d.height()
                + "-" + reference.name().toLowerCase(java.util.Locale.ROOT) + ".png");
        if (!Files.isRegularFile(file)) {
            Files.createDirectories(file.getParent());
            int side = Math.min(image.width(), image.height());
            if (reference == Reference.IMAGEMAGICK) {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp.png");
                List<String> command = crop
                        ? List.of("/usr/bin/convert", image.path().toString(), "-gravity", "center", "-crop",
                        side + "x" + side + "+0+0", "+repage", "-filter", "Lanczos", "-resize",
                        d.width() + "x" + d.height() + "!", tmp.toString())
                        : List.of("/usr/bin/convert", image.path().toString(), "-filter", "Lanczos", "-resize",
                        d.width() + "x" + d.height() + "!", tmp.toString());
                run(command);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                BufferedImage full = fullDecodes.computeIfAbsent(image.path(), Quality::read);
                BufferedImage src = crop
                        ? full.getSubimage((image.width() - side) / 2, (image.height() - side) / 2, side, side)
                        : full;
                ImageIO.write(Ssim.lanczosReference(src, d.width(), d.height()), "png", file.toFile());
            }
        }
        BufferedImage ref = ImageIO.read(file.toFile());
        if (ref == null) {
            throw new IOException("cannot read reference " + file);
        }
        return ref;
    }

    private static BufferedImage read(Path path) {
        try {
            return ImageIO.read(path.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void run(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("MAGICK_THREAD_LIMIT", "1");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
