package dev.mediapipeline.image;

import dev.mediapipeline.model.DeviceProfiles;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Renders one image with the default profiles and prints what the memory test checks: the renditions, the decode
 * method, the stage timings, the peak heap usage (sum of the heap pools' peaks) and the peak RSS. Second argument
 * {@code jdk}: without FFmpeg. Run in a forked JVM by
 * {@link LargeImageMemoryTest} with a capped heap.
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    /** The kernel's high-water mark of this process's resident memory (heap, natives, everything). */
    static long peakRssKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return -1;
    }

    public static void main(String[] args) {
        boolean jdk = args.length > 1 && args[1].equals("jdk");
        RenderResult result = new ThumbnailRenderer(RenderOptions.defaults(),
                jdk ? ThumbnailRenderer.jdkDecoders() : ThumbnailRenderer.defaultDecoders())
                .render(ImageSource.of(Path.of(args[0])), DeviceProfiles.defaults());
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("renditions " + result.renditions().stream()
                .map(r -> r.profile().name() + " " + r.width() + "x" + r.height()).collect(Collectors.joining(", ")));
        System.out.println("decoded " + result.decodeMethod() + " " + result.decodedWidth() + "x" + result.decodedHeight());
        System.out.println("timings " + result.timings());
        System.out.println("peakHeapBytes " + peak);
        System.out.println("peakRssKb " + peakRssKb());
    }
}
