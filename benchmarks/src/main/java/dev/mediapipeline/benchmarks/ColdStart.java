package dev.mediapipeline.benchmarks;

import dev.mediapipeline.image.ImageSource;
import dev.mediapipeline.image.RenderOptions;
import dev.mediapipeline.image.RenderResult;
import dev.mediapipeline.image.ThumbnailRenderer;
import dev.mediapipeline.model.DeviceProfiles;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One render in a fresh JVM, to see what a cold function pays before its first thumbnail: JVM start to
 * {@code main}, loading FFmpeg's natives (JavaCPP extracts them into its cache directory first if they are not
 * there: on Lambda /tmp starts empty in every new sandbox), initialisation, the first render (cold code, class
 * loading), and a second render for comparison. Prints one line:
 * {@code main=MS load=MS init=MS first=MS second=MS method=...} (init: logging, the ImageIO plugin registry, the
 * renderer — what a handler's constructor does).
 *
 * <p>Usage: {@code ColdStart ffmpeg|ffmpeg-preload|jdk IMAGE} ({@code ffmpeg-preload}: the natives load on a
 * background thread from the start, as the thumbnail function does, overlapping initialisation).
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        long main = ManagementFactory.getRuntimeMXBean().getUptime();
        boolean ffmpeg = args[0].startsWith("ffmpeg");
        boolean preload = args[0].equals("ffmpeg-preload");
        if (preload) {
            ThumbnailRenderer.preloadNatives(); // what ThumbnailService does in its constructor
        }
        byte[] bytes = Files.readAllBytes(Path.of(args[1]));
        long t0 = System.nanoTime();
        if (ffmpeg && !preload) {
            // the same libraries, in the same order, as image-core's FfmpegNatives (which the render would trigger)
            org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.avutil.class);
            org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
            org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.swscale.class);
        }
        long t1 = System.nanoTime();
        // what a function does once per sandbox: logging, the ImageIO plugin registry, the renderer
        ThumbnailRenderer renderer = new ThumbnailRenderer(RenderOptions.defaults(),
                ffmpeg ? ThumbnailRenderer.defaultDecoders() : ThumbnailRenderer.jdkDecoders());
        long t2 = System.nanoTime();
        RenderResult first = renderer.render(ImageSource.of(bytes), DeviceProfiles.defaults());
        long t3 = System.nanoTime();
        renderer.render(ImageSource.of(bytes), DeviceProfiles.defaults());
        long t4 = System.nanoTime();
        System.out.printf(Locale.ROOT, "main=%d load=%.1f init=%.1f first=%.1f second=%.1f method=%s%n", main,
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, first.decodeMethod().replace(' ', '_'));
        System.out.println("first render: " + first.timings());
    }
}
