package dev.mediapipeline.model.heif;

/**
 * Random access to a file's bytes, so the container can be read from memory, a local file or ranged object reads.
 */
public interface ByteRanges {

    /** Total size in bytes. */
    long size();

    /**
     * Up to {@code length} bytes at {@code offset}: fewer only at the end of the data.
     *
     * @throws java.io.UncheckedIOException if the underlying source cannot be read
     */
    byte[] read(long offset, int length);

    /** Over an in-memory array. */
    static ByteRanges of(byte[] bytes) {
        return new ByteRanges() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public byte[] read(long offset, int length) {
                int from = (int) Math.min(Math.max(0, offset), bytes.length);
                int to = (int) Math.min((long) from + Math.max(0, length), bytes.length);
                return java.util.Arrays.copyOfRange(bytes, from, to);
            }
        };
    }
}
