package dev.mediapipeline.index.metadata;

import java.util.LinkedHashMap;
import java.util.Map;

/** Puts what EXIF says into an item's metadata: orientation, camera, date taken and, only if enabled, GPS. */
final class ExifFields {

    private ExifFields() {
    }

    static void put(ExifReader.Exif exif, boolean includeGps, Map<String, Object> out) {
        if (exif == null) {
            return;
        }
        put(out, "orientation", exif.orientation());
        put(out, "cameraMake", exif.make());
        put(out, "cameraModel", exif.model());
        put(out, "dateTaken", exif.dateTaken());
        if (includeGps && exif.gps() != null) {
            Map<String, Object> gps = new LinkedHashMap<>();
            gps.put("latitude", exif.gps().latitude());
            gps.put("longitude", exif.gps().longitude());
            put(gps, "altitude", exif.gps().altitude());
            out.put("gps", gps);
        }
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
