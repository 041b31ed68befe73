package dev.mediapipeline.index.metadata;

import dev.mediapipeline.model.ObjectStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An ImageIO stream over a {@link RangedObjectReader}: ImageIO readers seek and read it like a file. Failures of the
 * store and of the budget surface to the reader as IOExceptions (which is all ImageIO can take) and are kept, so the
 * caller can tell them apart from a malformed image afterwards ({@link #failure()}).
 */
final class RangedImageInputStream extends ImageInputStreamImpl {

    private final RangedObjectReader reader;
    private RuntimeException failure;

    RangedImageInputStream(RangedObjectReader reader) {
        this.reader = reader;
    }

    /** The store or budget failure that interrupted reading, if any. */
    RuntimeException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        try {
            int n = reader.read(streamPos, b, off, len);
            if (n > 0) {
                streamPos += n;
            }
            return n;
        } catch (RangedObjectReader.HeaderTooLargeException | ObjectStoreException | UncheckedIOException e) {
            failure = e;
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public long length() {
        return reader.size();
    }
}
