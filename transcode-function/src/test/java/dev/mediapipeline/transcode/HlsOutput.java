package dev.mediapipeline.transcode;

import dev.mediapipeline.model.AssetId;
import dev.mediapipeline.model.KeyLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * An asset's HLS output as a player would fetch it: the master playlist, its variants' media playlists and every
 * segment, downloaded from the renditions bucket into a directory for inspection. Parses the playlists strictly
 * enough to catch structural mistakes.
 */
record HlsOutput(String master, Map<String, String> masterMetadata, List<Variant> variants) {

    record Variant(Map<String, String> attributes, String uri, String playlist, int targetDuration,
                   List<Segment> segments) {
        String name() {
            return uri.substring(0, uri.indexOf('/'));
        }

        int width() {
            return Integer.parseInt(attributes.get("RESOLUTION").split("x")[0]);
        }

        int height() {
            return Integer.parseInt(attributes.get("RESOLUTION").split("x")[1]);
        }

        double duration() {
            return segments.stream().mapToDouble(Segment::duration).sum();
        }

        /** All segments concatenated: MPEG-TS files join byte-wise into one stream, as a player sees them. */
        Path stitched(Path dir) {
            Path out = dir.resolve(name() + "-stitched.ts");
            try (OutputStream o = Files.newOutputStream(out)) {
                for (Segment s : segments) {
                    Files.copy(s.file(), o);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
    }

    record Segment(double duration, String uri, Path file) {
    }

    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)");

    static HlsOutput fetch(S3Client s3, String bucket, AssetId asset, Path dir) throws IOException {
        String masterKey = KeyLayout.hlsMasterKey(asset);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(masterKey));
        String master = s3.getObjectAsBytes(b -> b.bucket(bucket).key(masterKey)).asString(StandardCharsets.UTF_8);
        List<Variant> variants = new ArrayList<>();
        String[] lines = master.split("\n");
        if (!lines[0].equals("#EXTM3U")) {
            throw new IllegalStateException("master playlist does not start with #EXTM3U");
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("#EXT-X-STREAM-INF:")) {
                Map<String, String> attrs = attributes(lines[i].substring("#EXT-X-STREAM-INF:".length()));
                String uri = lines[i + 1];
                String playlistKey = KeyLayout.hlsPrefix(asset) + uri;
                String playlist = s3.getObjectAsBytes(b -> b.bucket(bucket).key(playlistKey)).asString(StandardCharsets.UTF_8);
                variants.add(media(s3, bucket, asset, attrs, uri, playlist, dir));
            }
        }
        return new HlsOutput(master, head.metadata(), variants);
    }

    private static Variant media(S3Client s3, String bucket, AssetId asset, Map<String, String> attrs, String uri,
                                 String playlist, Path dir) throws IOException {
        String rendition = uri.substring(0, uri.indexOf('/'));
        Path target = Files.createDirectories(dir.resolve(rendition));
        List<Segment> segments = new ArrayList<>();
        int targetDuration = -1;
        String[] lines = playlist.split("\n");
        boolean ended = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                targetDuration = Integer.parseInt(line.substring(line.indexOf(':') + 1));
            } else if (line.startsWith("#EXTINF:")) {
                double duration = Double.parseDouble(line.substring(8, line.indexOf(',')));
                String file = lines[i + 1];
                Path local = target.resolve(file);
                String key = KeyLayout.hlsFileKey(asset, rendition, file);
                Files.write(local, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
                segments.add(new Segment(duration, file, local));
            } else if (line.equals("#EXT-X-ENDLIST")) {
                ended = true;
            }
        }
        if (!ended) {
            throw new IllegalStateException(rendition + " playlist has no #EXT-X-ENDLIST");
        }
        return new Variant(attrs, uri, playlist, targetDuration, segments);
    }

    static Map<String, String> attributes(String list) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(list);
        while (m.find()) {
            String v = m.group(2);
            out.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
        }
        return out;
    }
}
