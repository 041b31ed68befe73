package dev.mediapipeline.transcode.natives;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a native library must satisfy to load on AWS Lambda's {@code java21} runtime, whose image is Amazon Linux
 * 2023 (minimal): glibc 2.34, GCC 11's libstdc++ and libgcc_s, zlib, and nothing graphical or audio.
 *
 * <ul>
 *   <li>Symbol versions at most: {@code GLIBC_2.34} (glibc 2.34), {@code GLIBCXX_3.4.29} and {@code CXXABI_1.3.13}
 *       (libstdc++ of GCC 11), {@code GCC_7.0.0} (libgcc_s). JavaCPP 1.5.12+ builds need GLIBC_2.35 and fail here.</li>
 *   <li>Every {@code DT_NEEDED} library is shipped in the package for the same platform, or one of the base
 *       image's: {@link #SYSTEM_LIBRARIES}. ALSA ({@code libasound}), PulseAudio ({@code libpulse}), X11/XCB
 *       ({@code libxcb*}, {@code libX11}) are not there: libavdevice needs them, so it must not be shipped or loaded.</li>
 *   <li>Only {@code linux-x86_64} and {@code linux-arm64} natives, each built for its own machine.</li>
 * </ul>
 */
public final class LambdaNativesPolicy {

    /** Present on the Lambda java21 base image (Amazon Linux 2023 minimal): glibc, GCC runtime, zlib, the loaders. */
    public static final Set<String> SYSTEM_LIBRARIES = Set.of(
            "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1",
            "libgcc_s.so.1", "libstdc++.so.6", "libz.so.1",
            "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1");

    /**
     * Platform-specific parts of glibc: on x86_64 its package also holds libmvec (vector math, glibc 2.22+), which
     * the GPL build's libavcodec links; aarch64 has libmvec only from glibc 2.35, so not on Amazon Linux 2023.
     */
    public static final Map<String, Set<String>> PLATFORM_SYSTEM_LIBRARIES = Map.of(
            "linux-x86_64", Set.of("libmvec.so.1"),
            "linux-arm64", Set.of());

    public static final Map<String, int[]> VERSION_CEILINGS = Map.of(
            "GLIBC_", new int[] {2, 34},
            "GLIBCXX_", new int[] {3, 4, 29},
            "CXXABI_", new int[] {1, 3, 13},
            "GCC_", new int[] {7, 0, 0});

    public static final Set<String> PLATFORMS = Set.of("linux-x86_64", "linux-arm64");

    private static final Pattern PLATFORM_DIR = Pattern.compile("org/bytedeco/[^/]+/([a-z0-9_-]+)/[^/]+");

    private LambdaNativesPolicy() {
    }

    /**
     * The JavaCPP platform of a native's path ({@code org/bytedeco/ffmpeg/linux-x86_64/libx.so}), or null; the GPL
     * builds' directories ({@code linux-x86_64-gpl}) count as their platform.
     */
    public static String platformOf(String path) {
        Matcher m = PLATFORM_DIR.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String dir = m.group(1);
        return dir.endsWith(GPL) ? dir.substring(0, dir.length() - GPL.length()) : dir;
    }

    /** Suffix of the directories of JavaCPP's GPL FFmpeg natives (the -Pgpl build). */
    public static final String GPL = "-gpl";

    public static int machineOf(String platform) {
        return switch (platform) {
            case "linux-x86_64" -> ElfFile.EM_X86_64;
            case "linux-arm64" -> ElfFile.EM_AARCH64;
            default -> -1;
        };
    }

    /** The file name a DT_NEEDED entry resolves to among the shipped ones (file name or soname). */
    public static Map<String, String> providedNames(Map<String, ElfFile> libraries) {
        Map<String, String> out = new HashMap<>();
        libraries.forEach((path, elf) -> {
            out.put(path.substring(path.lastIndexOf('/') + 1), path);
            if (elf.soname() != null) {
                out.put(elf.soname(), path);
            }
        });
        return out;
    }

    /**
     * Violations of the policy by the given natives of one platform (path → parsed ELF). {@code shipped} are the
     * natives of that platform available to the loader (the package's, or the closure's).
     */
    public static List<String> violations(String platform, Map<String, ElfFile> natives, Map<String, ElfFile> shipped) {
        List<String> problems = new ArrayList<>();
        if (!PLATFORMS.contains(platform)) {
            problems.add(natives.keySet() + ": natives for platform " + platform + " (only " + PLATFORMS + " run on Lambda)");
            return problems;
        }
        Map<String, String> provided = providedNames(shipped);
        for (Map.Entry<String, ElfFile> e : natives.entrySet()) {
            String path = e.getKey();
            ElfFile elf = e.getValue();
            if (elf.machine() != machineOf(platform) || !elf.is64()) {
                problems.add(path + ": built for ELF machine " + elf.machine() + ", not " + platform);
            }
            for (String needed : elf.needed()) {
                if (!SYSTEM_LIBRARIES.contains(needed) && !PLATFORM_SYSTEM_LIBRARIES.get(platform).contains(needed)
                        && !provided.containsKey(needed)) {
                    problems.add(path + ": needs " + needed + ", which is neither shipped nor on the Lambda java21 image");
                }
            }
            for (Map.Entry<String, int[]> ceiling : VERSION_CEILINGS.entrySet()) {
                for (String version : elf.versionsWithPrefix(ceiling.getKey())) {
                    int[] v = parse(version.substring(ceiling.getKey().length()));
                    if (v != null && compare(v, ceiling.getValue()) > 0) {
                        problems.add(path + ": requires " + version + ", newer than Amazon Linux 2023's "
                                + ceiling.getKey() + join(ceiling.getValue()));
                    }
                }
            }
        }
        return problems;
    }

    /**
     * The libraries reachable through DT_NEEDED from {@code roots} among {@code available} (path → ELF); roots in
     * {@code optionalRoots} are included when present.
     */
    public static Map<String, ElfFile> closure(Set<String> rootFileNames, Set<String> optionalRoots, Map<String, ElfFile> available) {
        Map<String, String> provided = providedNames(available);
        Map<String, ElfFile> out = new LinkedHashMap<>();
        List<String> queue = new ArrayList<>();
        for (String root : rootFileNames) {
            String path = provided.get(root);
            if (path == null) {
                throw new IllegalArgumentException("no native named " + root + " among " + new TreeSet<>(provided.keySet()));
            }
            queue.add(path);
        }
        for (String root : optionalRoots) {
            if (provided.containsKey(root)) {
                queue.add(provided.get(root));
            }
        }
        while (!queue.isEmpty()) {
            String path = queue.remove(0);
            if (out.containsKey(path)) {
                continue;
            }
            ElfFile elf = available.get(path);
            out.put(path, elf);
            for (String needed : elf.needed()) {
                String dep = provided.get(needed);
                if (dep != null && !out.containsKey(dep)) {
                    queue.add(dep);
                }
            }
        }
        return out;
    }

    private static int[] parse(String version) {
        String[] parts = version.split("\\.");
        int[] out = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                out[i] = Integer.parseInt(parts[i]);
            }
            return out;
        } catch (NumberFormatException e) {
            return null; // e.g. GLIBC_PRIVATE
        }
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static String join(int[] v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ".").append(v[i]);
        }
        return s.toString();
    }
}
