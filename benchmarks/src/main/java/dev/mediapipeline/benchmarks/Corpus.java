package dev.mediapipeline.benchmarks;

import dev.mediapipeline.image.samples.PhotoGenerator;
import dev.mediapipeline.image.samples.SampleImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark's inputs: photo-like JPEGs drawn by image-core's {@link PhotoGenerator} (sky, clouds, ridges,
 * textured hills, a town with window grids, grass, sensor noise: real detail, so scalers that alias lose SSIM),
 * encoded like a camera would (baseline, 4:2:0, quality 90). Deterministic: the same seed gives the same picture,
 * and files already present are kept (they are only regenerated when missing), so repeated runs reuse them.
 * Generated into the git-ignored work directory, never committed.
 */
final class Corpus {

    static final int INPUT_QUALITY = 90;

    /** One input. */
    record Image(String name, Path path, int width, int height) {
        double megapixels() {
            return width * (double) height / 1e6;
        }
    }

    private Corpus() {
    }

    static String name(String prefix, int index) {
        return String.format("%s-%02d.jpg", prefix, index);
    }

    /**
     * Ensures {@code count} images of {@code width × height} named {@code prefix-NN.jpg} exist in {@code dir}, drawing
     * the missing ones on up to {@code threads} threads; returns them in order.
     */
    static List<Image> ensure(Path dir, String prefix, int count, int width, int height, long seedBase, int threads)
            throws IOException {
        Files.createDirectories(dir);
        List<Image> images = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Path file = dir.resolve(name(prefix, i) + "");
            images.add(new Image(name(prefix, i).replace(".jpg", ""), file, width, height));
            if (!Files.isRegularFile(file)) {
                missing.add(i);
            }
        }
        if (missing.isEmpty()) {
            return images;
        }
        System.err.printf("generating %d photo-like %dx%d JPEGs in %s%n", missing.size(), width, height, dir);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int i : missing) {
                Path file = images.get(i - 1).path();
                long seed = seedBase + i;
                jobs.add(pool.submit(() -> {
                    write(file, PhotoGenerator.scene(width, height, seed));
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating inputs", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("generating inputs failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return images;
    }

    private static void write(Path file, BufferedImage image) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, SampleImages.jpeg(image, INPUT_QUALITY));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
