package dev.mediapipeline.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Collects an ImageIO reader's warnings. libjpeg reports a truncated file only as a warning ("Premature end of
 * JPEG file") and fills the missing rows with grey: such warnings make the image corrupt, not merely imperfect.
 * Benign ones ("extraneous bytes before marker", an unusable ICC profile) are kept for the log.
 */
final class ReaderWarnings implements IIOReadWarningListener {

    private final List<String> messages = new ArrayList<>();

    static ReaderWarnings attach(ImageReader reader) {
        ReaderWarnings w = new ReaderWarnings();
        reader.addIIOReadWarningListener(w);
        return w;
    }

    @Override
    public void warningOccurred(ImageReader source, String warning) {
        messages.add(warning == null ? "(no message)" : warning);
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    /** Throws {@link CorruptImageException} if any warning means lost pixel data. */
    void throwIfDataLost(String format) {
        for (String m : messages) {
            String lower = m.toLowerCase(Locale.ROOT);
            if (lower.contains("premature end") || lower.contains("bad huffman") || lower.contains("truncat")
                    || lower.contains("unexpected end") || lower.contains("corrupt jpeg data: found marker")) {
                throw new CorruptImageException(format + " data is truncated or corrupt: " + m);
            }
        }
    }
}
