package dev.mediapipeline.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The renditions each kind of asset must have before it is READY, and the names under which the index records
 * renditions. Shared by the producers (thumbnails, transcoder) and the index so they agree on what "done" means.
 *
 * <ul>
 *   <li>image: {@code thumbnails/{profile}} for every device profile;</li>
 *   <li>video: {@code thumbnails/{profile}} (the poster frame) for every device profile, and {@code hls/master},
 *       which the transcoder writes last, after every media playlist and segment it references;</li>
 *   <li>anything else: none (it is UNSUPPORTED).</li>
 * </ul>
 * HLS media playlists are recorded too, as {@code hls/{rendition}}. They are not expected up front (the ladder
 * depends on the source resolution); once the master is recorded, the index expects every media playlist it names,
 * so that a READY video lists all its renditions whatever order the events arrive in. Segments are not recorded.
 */
public final class ExpectedRenditions {

    public static final String HLS_MASTER = KeyLayout.HLS + "/master";

    private ExpectedRenditions() {
    }

    /** The recorded name of a thumbnail or poster frame: {@code thumbnails/phone}. */
    public static String thumbnail(String profile) {
        return KeyLayout.THUMBNAILS + "/" + profile;
    }

    /** The recorded name of an HLS media playlist: {@code hls/720p}. */
    public static String hlsPlaylist(String rendition) {
        return KeyLayout.HLS + "/" + rendition;
    }

    /** The expected rendition names for an asset of this kind, sorted. */
    public static List<String> forKind(MediaKind kind, DeviceProfiles profiles) {
        List<String> names = new ArrayList<>();
        if (kind == MediaKind.IMAGE || kind == MediaKind.VIDEO) {
            for (String profile : profiles.names()) {
                names.add(thumbnail(profile));
            }
        }
        if (kind == MediaKind.VIDEO) {
            names.add(HLS_MASTER);
        }
        Collections.sort(names);
        return List.copyOf(names);
    }

    /** The recorded name of a rendition key; empty for keys that are not recorded (HLS segments). */
    public static Optional<String> nameOf(KeyLayout.RenditionKey key) {
        return switch (key.role()) {
            case THUMBNAIL -> Optional.of(thumbnail(key.name()));
            case HLS_MASTER -> Optional.of(HLS_MASTER);
            case HLS_PLAYLIST -> Optional.of(hlsPlaylist(key.name()));
            case HLS_SEGMENT -> Optional.empty();
        };
    }
}
