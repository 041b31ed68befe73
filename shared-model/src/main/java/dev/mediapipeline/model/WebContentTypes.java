package dev.mediapipeline.model;

import java.util.Locale;
import java.util.Map;

/**
 * The {@code Content-Type} of a web site's file by its name's extension: one table for the deployed site (objects in
 * the website bucket) and the local runtime's web server, so both serve the same file the same way. Module scripts
 * need a JavaScript type, or browsers refuse them; anything unknown is {@code application/octet-stream}.
 */
public final class WebContentTypes {

    public static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("webmanifest", "application/manifest+json"));

    private WebContentTypes() {
    }

    /** The type of {@code name}: a file name or a path or key ending in one ({@code js/main.js}). */
    public static String of(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        String extension = dot < 0 ? "" : last.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(extension, DEFAULT);
    }
}
