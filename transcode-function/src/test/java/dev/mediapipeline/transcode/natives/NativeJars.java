package dev.mediapipeline.transcode.natives;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** Reads the ELF natives out of jars: the JavaCPP natives jars on the class path, or the function's package. */
final class NativeJars {

    /** The JNI libraries {@code Av.init()} loads (JavaCPP's own and the presets' of the six FFmpeg libraries). */
    static final Set<String> LOADED_BY_THE_FUNCTION = Set.of("libjnijavacpp.so", "libjniavutil.so",
            "libjniswresample.so", "libjniswscale.so", "libjniavcodec.so", "libjniavformat.so", "libjniavfilter.so");

    /**
     * Libraries JavaCPP loads besides those: the presets' link libraries. libpostproc comes with avfilter's preset
     * (it inherits postproc's; JavaCPP then loads its JNI library too) and exists only in the GPL build.
     */
    static final Set<String> ALSO_LOADED_IF_SHIPPED = Set.of("libpostproc.so.58", "libjnipostproc.so");

    /** Everything the function loads on {@code platform}, with all it needs, from the class path's natives jars. */
    static Map<String, ElfFile> loadedByTheFunction(String platform) {
        return LambdaNativesPolicy.closure(LOADED_BY_THE_FUNCTION, ALSO_LOADED_IF_SHIPPED, onClassPath(platform));
    }

    private NativeJars() {
    }

    /** ELF files directly under {@code org/bytedeco/{ffmpeg,javacpp}/{platform}/} in the class path's jars. */
    static Map<String, ElfFile> onClassPath(String platform) {
        Map<String, ElfFile> out = new LinkedHashMap<>();
        for (String preset : new String[] {"javacpp", "ffmpeg"}) {
            String dir = "org/bytedeco/" + preset + "/" + platform + "/";
            String probe = dir + (preset.equals("javacpp") ? "libjnijavacpp.so" : "libjniavutil.so");
            URL url = NativeJars.class.getClassLoader().getResource(probe);
            if (url == null && preset.equals("ffmpeg")) {
                // the -Pgpl build's natives live in linux-x86_64-gpl/ (JavaCPP prefers them when present)
                dir = "org/bytedeco/" + preset + "/" + platform + LambdaNativesPolicy.GPL + "/";
                probe = dir + "libjniavutil.so";
                url = NativeJars.class.getClassLoader().getResource(probe);
            }
            if (url == null) {
                throw new IllegalStateException(probe + " is not on the class path: the " + platform + " natives jar is missing");
            }
            try {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    out.putAll(elfEntries(jar, dir));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Every ELF file in the jar whose path starts with {@code prefix} (empty: all), with no sub-directories. */
    static Map<String, ElfFile> elfEntries(JarFile jar, String prefix) throws IOException {
        Map<String, ElfFile> out = new LinkedHashMap<>();
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (entry.isDirectory() || !name.startsWith(prefix) || name.endsWith(".class")
                    || (!prefix.isEmpty() && name.substring(prefix.length()).contains("/"))) {
                continue;
            }
            try (InputStream in = jar.getInputStream(entry)) {
                byte[] head = in.readNBytes(4);
                if (head.length == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
                    byte[] rest = in.readAllBytes();
                    byte[] all = new byte[4 + rest.length];
                    System.arraycopy(head, 0, all, 0, 4);
                    System.arraycopy(rest, 0, all, 4, rest.length);
                    out.put(name, ElfFile.parse(all));
                }
            }
        }
        return out;
    }
}
