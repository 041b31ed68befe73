package dev.mediapipeline.api;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rewrites the URIs of an HLS playlist: URI lines, and URI="..." attributes of tags (EXT-X-MAP, EXT-X-MEDIA...). */
final class HlsPlaylists {

    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");

    private HlsPlaylists() {
    }

    static String rewrite(String playlist, UnaryOperator<String> uris) {
        StringBuilder out = new StringBuilder(playlist.length() * 2);
        for (String line : playlist.split("\r?\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                out.append(line);
            } else if (trimmed.startsWith("#")) {
                Matcher m = URI_ATTRIBUTE.matcher(line);
                StringBuilder tag = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(tag, Matcher.quoteReplacement("URI=\"" + uris.apply(m.group(1)) + "\""));
                }
                m.appendTail(tag);
                out.append(tag);
            } else {
                out.append(uris.apply(trimmed));
            }
            out.append('\n');
        }
        // split(-1) keeps a trailing empty string: drop the newline added after it
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
