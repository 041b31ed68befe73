package dev.mediapipeline.index.metadata;

import dev.mediapipeline.model.ObjectStore;
import dev.mediapipeline.model.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Random access to an object through ranged GETs, block by block, with a small cache: header parsers (ImageIO,
 * libavformat) seek and read what they need and nothing else, so a 4 GB video's metadata costs a few hundred KB of
 * transfer (its {@code moov} box, wherever it is). A budget caps the bytes fetched: a header that is not where it
 * should be ends the read with {@link HeaderTooLargeException} instead of downloading the file.
 */
public final class RangedObjectReader {

    public static final int DEFAULT_BLOCK_SIZE = 64 * 1024;

    private final ObjectStore store;
    private final String bucket;
    private final String key;
    private final long size;
    private final int blockSize;
    private final long budget;
    private final Map<Long, byte[]> blocks;
    private long fetched;
    private int requests;

    /**
     * @param size   the object's size (from a HEAD)
     * @param budget the most bytes this reader may fetch in all
     */
    public RangedObjectReader(ObjectStore store, String bucket, String key, long size, int blockSize, long budget) {
        this.store = Objects.requireNonNull(store, "store");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        if (size < 0 || blockSize < 512 || budget < blockSize) {
            throw new IllegalArgumentException("size " + size + ", block " + blockSize + ", budget " + budget);
        }
        this.size = size;
        this.blockSize = blockSize;
        this.budget = budget;
        int maxBlocks = (int) Math.max(4, Math.min(256, budget / blockSize));
        this.blocks = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > maxBlocks;
            }
        };
    }

    public long size() {
        return size;
    }

    public long budget() {
        return budget;
    }

    /** Bytes fetched from the store so far. */
    public long bytesFetched() {
        return fetched;
    }

    /** Ranged GETs issued so far. */
    public int requests() {
        return requests;
    }

    /**
     * Reads up to {@code length} bytes at {@code position}; returns how many were read, -1 at or past the end.
     *
     * @throws HeaderTooLargeException when the read would exceed the budget
     * @throws dev.mediapipeline.model.ObjectStoreException when the store fails (ObjectNotFoundException if the
     *         object disappeared)
     */
    public int read(long position, byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= size) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int total = 0;
        long pos = position;
        while (total < length && pos < size) {
            long index = pos / blockSize;
            byte[] block = block(index);
            int within = (int) (pos - index * blockSize);
            int n = Math.min(length - total, block.length - within);
            if (n <= 0) {
                break;
            }
            System.arraycopy(block, within, buffer, offset + total, n);
            total += n;
            pos += n;
        }
        return total == 0 ? -1 : total;
    }

    /** Reads exactly {@code length} bytes at {@code position}, or fewer only at the end of the object. */
    public byte[] readFully(long position, int length) {
        byte[] out = new byte[(int) Math.max(0, Math.min(length, size - position))];
        int done = 0;
        while (done < out.length) {
            int n = read(position + done, out, done, out.length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done == out.length ? out : java.util.Arrays.copyOf(out, done);
    }

    private byte[] block(long index) {
        byte[] cached = blocks.get(index);
        if (cached != null) {
            return cached;
        }
        long start = index * blockSize;
        int length = (int) Math.min(blockSize, size - start);
        if (fetched + length > budget) {
            throw new HeaderTooLargeException("the header of s3://" + bucket + "/" + key + " is not within the first "
                    + budget / (1024 * 1024) + " MB read");
        }
        byte[] block;
        try (StoredObject part = store.openRange(bucket, key, start, length)) {
            block = part.content().readNBytes(length);
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + bucket + "/" + key + " at " + start, e);
        }
        requests++;
        fetched += block.length;
        if (block.length == 0) {
            // the object shrank (overwritten) since its size was read: treat as its end
            return block;
        }
        blocks.put(index, block);
        return block;
    }

    /** The parser kept asking for more bytes than the budget allows: the header is missing or malformed. */
    public static final class HeaderTooLargeException extends RuntimeException {
        public HeaderTooLargeException(String message) {
            super(message);
        }
    }
}
