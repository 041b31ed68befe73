package dev.mediapipeline.it.website;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Makes a browser screenshot small enough to commit (the README's): scaled to a width, then reduced to a 256-colour
 * palette (the page is mostly flat colour; thumbnails take the most frequent colours of their own) and written as
 * an indexed PNG. Pure JDK, no image tools needed.
 */
final class ReadmeScreenshot {

    private ReadmeScreenshot() {
    }

    static byte[] compress(byte[] png, int width) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(png));
        int height = Math.round(source.getHeight() * (float) width / source.getWidth());
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        // downscale in halves for a smooth result, then to the exact size
        BufferedImage current = source;
        while (current.getWidth() / 2 >= width) {
            BufferedImage half = new BufferedImage(current.getWidth() / 2, current.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
            var hg = half.createGraphics();
            hg.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            hg.drawImage(current, 0, 0, half.getWidth(), half.getHeight(), null);
            hg.dispose();
            current = half;
        }
        g.drawImage(current, 0, 0, width, height, null);
        g.dispose();
        return indexedPng(scaled);
    }

    /** Popularity palette over 4-bit-per-channel bins, nearest-colour mapping. */
    private static byte[] indexedPng(BufferedImage rgb) throws IOException {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] pixels = rgb.getRGB(0, 0, w, h, null, 0, w);
        int[] counts = new int[4096];
        long[][] sums = new long[4096][3];
        for (int p : pixels) {
            int r = (p >> 16) & 0xff;
            int gr = (p >> 8) & 0xff;
            int b = p & 0xff;
            int bin = ((r >> 4) << 8) | ((gr >> 4) << 4) | (b >> 4);
            counts[bin]++;
            sums[bin][0] += r;
            sums[bin][1] += gr;
            sums[bin][2] += b;
        }
        Integer[] bins = new Integer[4096];
        for (int i = 0; i < bins.length; i++) {
            bins[i] = i;
        }
        java.util.Arrays.sort(bins, (a, b) -> Integer.compare(counts[b], counts[a]));
        int size = 0;
        byte[] reds = new byte[256];
        byte[] greens = new byte[256];
        byte[] blues = new byte[256];
        for (int i = 0; i < 256 && counts[bins[i]] > 0; i++) {
            int bin = bins[i];
            reds[size] = (byte) (sums[bin][0] / counts[bin]);
            greens[size] = (byte) (sums[bin][1] / counts[bin]);
            blues[size] = (byte) (sums[bin][2] / counts[bin]);
            size++;
        }
        IndexColorModel palette = new IndexColorModel(8, size, reds, greens, blues);
        BufferedImage indexed = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, palette);
        Map<Integer, Integer> nearest = new HashMap<>();
        byte[] out = new byte[w * h];
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i] & 0xffffff;
            out[i] = (byte) (int) nearest.computeIfAbsent(p, c -> {
                int r = (c >> 16) & 0xff;
                int gr = (c >> 8) & 0xff;
                int b = c & 0xff;
                int best = 0;
                int bestDistance = Integer.MAX_VALUE;
                for (int k = 0; k < palette.getMapSize(); k++) {
                    int dr = r - palette.getRed(k);
                    int dg = gr - palette.getGreen(k);
                    int db = b - palette.getBlue(k);
                    int d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = k;
                    }
                }
                return best;
            });
        }
        indexed.getRaster().setDataElements(0, 0, w, h, out);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(indexed, "png", png);
        return png.toByteArray();
    }
}
