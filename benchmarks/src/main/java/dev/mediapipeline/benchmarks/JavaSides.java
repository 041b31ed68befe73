package dev.mediapipeline.benchmarks;

import dev.mediapipeline.image.ImageSource;
import dev.mediapipeline.image.RenderOptions;
import dev.mediapipeline.image.RenderResult;
import dev.mediapipeline.image.Rendition;
import dev.mediapipeline.image.StageTimings;
import dev.mediapipeline.image.ThumbnailRenderer;
import dev.mediapipeline.model.DeviceProfile;
import dev.mediapipeline.model.DeviceProfiles;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;

/**
 * The sides of the comparison that run inside a Java worker: ours (the thumbnail function's core), ours without
 * FFmpeg, the naive approach of AWS's sample, and Thumbnailator with its defaults. Each reads the source file and
 * writes one JPEG per profile into a directory, like the command-line anchors do.
 */
final class JavaSides {

    /** One side: renders every profile of one source file into {@code outDir/<profile>.jpg}. */
    interface Side {
        /** Returns extra detail for the report (stage timings), or an empty string. */
        String render(Path input, Path outDir, DeviceProfiles profiles, int quality) throws IOException;
    }

    private JavaSides() {
    }

    static Side byName(String name) {
        return switch (name) {
            case "ours" -> new Ours(ThumbnailRenderer.defaultDecoders());
            case "ours-jdk" -> new Ours(ThumbnailRenderer.jdkDecoders());
            case "naive" -> JavaSides::naive;
            case "thumbnailator" -> JavaSides::thumbnailator;
            default -> throw new IllegalArgumentException("no Java side named " + name);
        };
    }

    /**
     * The function's core as {@code ThumbnailService} uses it: one renderer per sandbox, the source read into
     * memory, every profile rendered from one decode, the encoded renditions written out.
     */
    static final class Ours implements Side {
        private final java.util.List<dev.mediapipeline.image.ImageDecoder> decoders;
        private ThumbnailRenderer renderer;
        private int rendererQuality = -1;

        Ours(java.util.List<dev.mediapipeline.image.ImageDecoder> decoders) {
            this.decoders = decoders;
        }

        @Override
        public String render(Path input, Path outDir, DeviceProfiles profiles, int quality) throws IOException {
            if (renderer == null || rendererQuality != quality) {
                renderer = new ThumbnailRenderer(RenderOptions.defaults().withJpegQuality(quality), decoders);
                rendererQuality = quality;
            }
            byte[] bytes = Files.readAllBytes(input);
            RenderResult result = renderer.render(ImageSource.of(bytes), profiles);
            for (Rendition r : result.renditions()) {
                Files.write(outDir.resolve(r.profile().name() + "." + r.extension()), r.bytes());
            }
            StageTimings t = result.timings();
            return String.format(Locale.ROOT, "method=%s;header=%.2f;decode=%.2f;convert=%.2f;scale=%.2f;orient=%.2f;encode=%.2f",
                    result.decodeMethod().replace(' ', '_').replace(';', ','), t.headerMillis(), t.decodeMillis(),
                    t.convertMillis(), t.scaleMillis(), t.orientMillis(), t.encodeMillis());
        }
    }

    /**
     * AWS's sample approach: {@code ImageIO.read} of the whole image, then one bilinear {@code Graphics2D} draw per
     * size (decoded once for all profiles, the cheapest reading of that approach), written with ImageIO's JPEG writer
     * at the same quality as every other side.
     */
    static String naive(Path input, Path outDir, DeviceProfiles profiles, int quality) throws IOException {
        BufferedImage src = ImageIO.read(input.toFile());
        if (src == null) {
            throw new IOException("ImageIO cannot read " + input);
        }
        for (DeviceProfile p : profiles) {
            DeviceProfile.Dimension d = p.targetFor(src.getWidth(), src.getHeight());
            BufferedImage out = new BufferedImage(d.width(), d.height(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                if (p.fit() == DeviceProfile.Fit.CROP) {
                    int side = Math.min(src.getWidth(), src.getHeight());
                    int sx = (src.getWidth() - side) / 2;
                    int sy = (src.getHeight() - side) / 2;
                    g.drawImage(src, 0, 0, d.width(), d.height(), sx, sy, sx + side, sy + side, null);
                } else {
                    g.drawImage(src, 0, 0, d.width(), d.height(), null);
                }
            } finally {
                g.dispose();
            }
            writeJpeg(out, outDir.resolve(p.name() + ".jpg"), quality);
        }
        return "";
    }

    /** Thumbnailator as its README shows it: one call per size from the file, default settings, same quality. */
    static String thumbnailator(Path input, Path outDir, DeviceProfiles profiles, int quality) throws IOException {
        for (DeviceProfile p : profiles) {
            var builder = Thumbnails.of(input.toFile()).size(p.width(), p.height());
            if (p.fit() == DeviceProfile.Fit.CROP) {
                builder = builder.crop(Positions.CENTER);
            }
            builder.outputFormat("jpg").outputQuality(quality / 100.0).toFile(outDir.resolve(p.name() + ".jpg").toFile());
        }
        return "";
    }

    /**
     * What the encode stage costs with the JDK's libjpeg for one 1920×1440 rendition, per mode: progressive (the
     * function's output: libjpeg's default progression, which always optimises Huffman tables), baseline with
     * optimised tables, plain baseline. Median thread CPU ms and bytes of each, as
     * {@code progressive=MS/BYTES;baseline-optimised=MS/BYTES;baseline=MS/BYTES}.
     */
    static String encodeModes(Path input, int quality, int reps) throws IOException {
        BufferedImage src = ImageIO.read(input.toFile());
        BufferedImage image = new BufferedImage(1920, 1440, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, 1920, 1440, null);
        } finally {
            g.dispose();
        }
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder();
        for (String mode : java.util.List.of("progressive", "baseline-optimised", "baseline")) {
            double[] ms = new double[reps];
            int bytes = 0;
            for (int i = 0; i < reps; i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                bytes = encode(image, quality, mode).length;
                ms[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            java.util.Arrays.sort(ms);
            out.append(out.isEmpty() ? "" : ";").append(mode).append('=')
                    .append(String.format(Locale.ROOT, "%.1f/%d", ms[reps / 2], bytes));
        }
        return out.toString();
    }

    private static byte[] encode(BufferedImage image, int quality, String mode) throws IOException {
        ImageWriter writer = jdkJpegWriter();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            if (mode.equals("progressive")) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            ((javax.imageio.plugins.jpeg.JPEGImageWriteParam) param).setOptimizeHuffmanTables(!mode.equals("baseline"));
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 20);
            try (var out = new javax.imageio.stream.MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    private static ImageWriter jdkJpegWriter() throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = null;
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            if (writer == null || w.getClass().getName().startsWith("com.sun.")) {
                writer = w;
            }
        }
        if (writer == null) {
            throw new IOException("no JPEG writer");
        }
        return writer;
    }

    static void writeJpeg(BufferedImage image, Path file, int quality) throws IOException {
        ImageWriter writer = jdkJpegWriter();
        Files.deleteIfExists(file); // an ImageIO file stream overwrites in place without truncating
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
