package dev.mediapipeline.image.samples;

import dev.mediapipeline.model.heif.ByteRanges;
import dev.mediapipeline.model.heif.HeifContainer;
import dev.mediapipeline.model.heif.HeifItem;
import dev.mediapipeline.model.heif.HeifProperty;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Writes the HEIF/AVIF files of sample-media/heif: HEVC and AV1 pictures encoded by libheif's {@code heif-enc}
 * (x265, aom; Debian package libheif-examples), assembled by {@link HeifWriter} into what phones write (a grid of
 * 512×512 tiles with a crop, {@code irot}, a Display P3 profile, Exif, a thumbnail and a depth map) and into
 * damaged variants. Only needed to regenerate; tests read the committed files.
 */
public final class HeifSampleGenerator {

    /** The Display P3 colours of the grid's quadrants, row-major: top-left, top-right, bottom-left, bottom-right. */
    public static final int[][] QUADRANTS_P3 = {{210, 70, 60}, {80, 180, 90}, {60, 80, 200}, {220, 200, 70}};
    public static final int TILE = 512;
    /** The phone grid's output size: 2 × 2 tiles cut to 1000 × 900, shown turned 90° clockwise (900 × 1000). */
    public static final int GRID_WIDTH = 1000;
    public static final int GRID_HEIGHT = 900;
    public static final String MAKE = "Apple";
    public static final String MODEL = "iPhone 15 Pro";
    public static final String DATE = "2024:06:01 12:34:56";
    public static final String DEPTH_URN = "urn:mpeg:hevc:2015:auxid:2";

    private HeifSampleGenerator() {
    }

    public static List<String> samples() {
        return List.of("phone-grid.heic", "grid-clap-mirror.heic", "single.heic", "alpha.avif", "animated.avif",
                "grid-missing-tiles.heic", "grid-bomb.heic", "depth-only.heic", "bad-tile.heic");
    }

    /** A coded picture taken from a heif-enc output: its decoder configuration box, colour box and data. */
    record Coded(byte[] configBox, byte[] nclxBox, byte[] data, int width, int height) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("heif-samples");
        Coded[] tiles = new Coded[4];
        for (int q = 0; q < 4; q++) {
            tiles[q] = encode(work, "tile" + q, solid(TILE, TILE, QUADRANTS_P3[q], q), false);
        }
        Coded thumbnail = encode(work, "thumb", solid(256, 230, new int[] {255, 0, 255}, 0), false);
        Coded depth = encode(work, "depth", solid(TILE, TILE, new int[] {128, 128, 128}, 0), false);

        Files.write(out.resolve("phone-grid.heic"), phoneGrid(tiles, thumbnail, depth));
        Files.write(out.resolve("grid-clap-mirror.heic"), clapMirror(tiles));
        Files.write(out.resolve("single.heic"), heifEnc(work, "single", quadrants(320, 240), false));
        byte[] avif = heifEnc(work, "alpha", alphaPicture(), true);
        Files.write(out.resolve("alpha.avif"), avif);
        Files.write(out.resolve("animated.avif"), animated(avif));
        Files.write(out.resolve("grid-missing-tiles.heic"), damagedGrid(tiles[0], "missing"));
        Files.write(out.resolve("grid-bomb.heic"), damagedGrid(tiles[0], "bomb"));
        Files.write(out.resolve("bad-tile.heic"), damagedGrid(tiles[0], "bad-tile"));
        HeifWriter depthOnly = new HeifWriter("heic", "mif1", "heic");
        int d = depthOnly.item("hvc1", depth.data(), false);
        depthOnly.property(d, depth.configBox(), true).property(d, HeifWriter.ispe(TILE, TILE), false)
                .property(d, HeifWriter.auxC(DEPTH_URN), true).primary(d);
        Files.write(out.resolve("depth-only.heic"), depthOnly.write());
    }

    private static byte[] phoneGrid(Coded[] tiles, Coded thumbnail, Coded depth) {
        HeifWriter w = new HeifWriter("heic", "mif1", "MiHE", "MiPr", "miaf", "MiHB", "heic");
        int grid = w.idatItem("grid", HeifWriter.grid(2, 2, GRID_WIDTH, GRID_HEIGHT), false);
        int[] ids = new int[4];
        for (int q = 0; q < 4; q++) {
            ids[q] = tile(w, tiles[q], true);
        }
        w.reference("dimg", grid, ids);
        w.property(grid, HeifWriter.ispe(GRID_WIDTH, GRID_HEIGHT), false)
                .property(grid, HeifWriter.colrIcc(DisplayP3Profile.bytes()), false)
                .property(grid, HeifWriter.irot(3), true);
        int thumb = tile(w, thumbnail, false);
        w.reference("thmb", thumb, grid);
        int depthItem = tile(w, depth, true);
        w.property(depthItem, HeifWriter.auxC(DEPTH_URN), true);
        w.reference("auxl", depthItem, grid);
        int exif = w.item("Exif", HeifWriter.exifItem(ExifWriter.tiff(MAKE, MODEL, DATE, 6, true)), true);
        w.reference("cdsc", exif, grid);
        return w.primary(grid).write();
    }

    private static byte[] clapMirror(Coded[] tiles) {
        HeifWriter w = new HeifWriter("heic", "mif1", "heic");
        int grid = w.idatItem("grid", HeifWriter.grid(2, 2, 1024, 1024), false);
        int[] ids = new int[4];
        for (int q = 0; q < 4; q++) {
            ids[q] = tile(w, tiles[q], true);
        }
        w.reference("dimg", grid, ids);
        w.property(grid, HeifWriter.ispe(1024, 1024), false)
                .property(grid, HeifWriter.clap(1000, 800), true)
                .property(grid, HeifWriter.imir(1), true);
        return w.primary(grid).write();
    }

    /** Grids built from one tile's data: four references to missing items, a 100,000² claim, a damaged tile. */
    private static byte[] damagedGrid(Coded tile, String damage) {
        HeifWriter w = new HeifWriter("heic", "mif1", "heic");
        long size = damage.equals("bomb") ? 100_000 : 1024;
        int grid = w.idatItem("grid", HeifWriter.grid(2, 2, size, size), false);
        int first = tile(w, tile, true);
        int second = w.sharedItem("hvc1", first, true);
        w.property(second, tile.configBox(), true).property(second, HeifWriter.ispe(TILE, TILE), false);
        int third;
        if (damage.equals("bad-tile")) {
            byte[] broken = tile.data().clone();
            for (int i = 12; i < broken.length; i++) {
                broken[i] = (byte) (broken[i] ^ 0x5A);
            }
            third = tile(w, new Coded(tile.configBox(), tile.nclxBox(), broken, TILE, TILE), true);
        } else {
            third = w.sharedItem("hvc1", first, true);
            w.property(third, tile.configBox(), true).property(third, HeifWriter.ispe(TILE, TILE), false);
        }
        int fourth = damage.equals("missing") ? 99 : third;
        w.reference("dimg", grid, first, second, third, fourth);
        w.property(grid, HeifWriter.ispe((int) Math.min(size, Integer.MAX_VALUE), (int) size), false);
        return w.primary(grid).write();
    }

    /** The AVIF's still image inside a file branded as an image sequence, with a (stub) movie box. */
    private static byte[] animated(byte[] avif) {
        HeifContainer c = HeifContainer.read(ByteRanges.of(avif));
        HeifItem primary = c.primaryItem().orElseThrow();
        HeifWriter w = new HeifWriter("avis", "avif", "avis", "msf1", "miaf", "MA1B");
        int id = w.item("av01", c.itemData(primary, Integer.MAX_VALUE), false);
        byte[] config = primary.property(HeifProperty.CodecConfig.class).orElseThrow().record();
        HeifProperty.Ispe ispe = primary.property(HeifProperty.Ispe.class).orElseThrow();
        w.property(id, HeifWriter.box("av1C", config), true).property(id, HeifWriter.ispe((int) ispe.width(), (int) ispe.height()), false);
        w.topLevel(HeifWriter.box("moov", HeifWriter.fullBox("mvhd", 0, 0, new byte[96])));
        return w.primary(id).write();
    }

    private static int tile(HeifWriter w, Coded c, boolean hidden) {
        int id = w.item("hvc1", c.data(), hidden);
        w.property(id, c.configBox(), true).property(id, HeifWriter.ispe(c.width(), c.height()), false);
        if (c.nclxBox() != null) {
            w.property(id, c.nclxBox(), false);
        }
        return id;
    }

    private static Coded encode(Path work, String name, BufferedImage image, boolean avif) throws IOException, InterruptedException {
        byte[] file = heifEnc(work, name, image, avif);
        HeifContainer c = HeifContainer.read(ByteRanges.of(file));
        HeifItem item = c.primaryItem().orElseThrow();
        HeifProperty.CodecConfig config = item.property(HeifProperty.CodecConfig.class).orElseThrow();
        byte[] nclx = item.property(HeifProperty.Nclx.class)
                .map(n -> HeifWriter.colrNclx(n.primaries(), n.transfer(), n.matrix(), n.fullRange())).orElse(null);
        return new Coded(HeifWriter.box(config.type(), config.record()), nclx, c.itemData(item, Integer.MAX_VALUE),
                image.getWidth(), image.getHeight());
    }

    private static byte[] heifEnc(Path work, String name, BufferedImage image, boolean avif) throws IOException, InterruptedException {
        Path png = work.resolve(name + ".png");
        Path result = work.resolve(name + (avif ? ".avif" : ".heic"));
        ImageIO.write(image, "png", png.toFile());
        Process p = new ProcessBuilder("heif-enc", "-q", "50", "-o", result.toString(), png.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("heif-enc failed for " + name + ": " + Files.readString(work.resolve(name + ".log")));
        }
        return Files.readAllBytes(result);
    }

    /** A flat colour with a faint diagonal texture (so the encoder has something to code), index q varies it. */
    private static BufferedImage solid(int w, int h, int[] rgb, int q) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int t = ((x + y + q * 7) / 32) % 2 == 0 ? 0 : 3;
                img.setRGB(x, y, new Color(clamp(rgb[0] + t), clamp(rgb[1] + t), clamp(rgb[2] + t)).getRGB());
            }
        }
        return img;
    }

    private static BufferedImage quadrants(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        for (int q = 0; q < 4; q++) {
            int[] c = QUADRANTS_P3[q];
            g.setColor(new Color(c[0], c[1], c[2]));
            g.fillRect((q % 2) * w / 2, (q / 2) * h / 2, w / 2, h / 2);
        }
        g.dispose();
        return img;
    }

    /** 256 × 192: an opaque orange top half, a half-transparent blue bottom half. */
    private static BufferedImage alphaPicture() {
        BufferedImage img = new BufferedImage(256, 192, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(240, 140, 20, 255));
        g.fillRect(0, 0, 256, 96);
        g.setColor(new Color(30, 60, 220, 128));
        g.fillRect(0, 96, 256, 96);
        g.dispose();
        return img;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
