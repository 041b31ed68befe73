package dev.mediapipeline.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Mints S3 event sequencers: fixed-width (16 digit) upper-case hexadecimal, so that S3's comparison rule (pad the
 * shorter with zeros on the right, then compare as strings) orders them exactly as the numbers they encode.
 *
 * <p>Values strictly increase for the whole life of a data directory: the counter starts at the larger of the
 * current time in microseconds and the high-water mark saved in {@code sequencer} under the data directory, and a
 * new mark (a block ahead) is written atomically before any value beyond the old one is handed out. A restart
 * therefore never reuses a value, even after a crash or with the clock set back. Without a data directory the
 * clock alone orders values across restarts.
 */
final class Sequencer {

    static final String FILE_NAME = "sequencer";
    private static final long BLOCK = 1L << 20;

    private final Optional<Path> file;
    private long next;
    private long highWaterMark;

    private Sequencer(Optional<Path> file, long start) {
        this.file = file;
        this.next = start;
        this.highWaterMark = start;
    }

    static Sequencer open(Optional<Path> dataDir, Clock clock) {
        Instant now = clock.instant();
        long micros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000L);
        Optional<Path> file = dataDir.map(dir -> dir.resolve(FILE_NAME));
        long saved = file.map(Sequencer::readMark).orElse(0L);
        return new Sequencer(file, Math.max(micros, saved));
    }

    private static long readMark(Path path) {
        if (!Files.exists(path)) {
            return 0L;
        }
        try {
            String text = Files.readString(path, StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? 0L : HexFormat.fromHexDigitsToLong(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event sequencer mark " + path, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the event sequencer mark " + path + " is not hexadecimal; delete it "
                    + "(or start with --fresh) to reset it", e);
        }
    }

    /** The next sequencer, greater than every one minted before. */
    synchronized String next() {
        if (next >= highWaterMark) {
            long mark = next + BLOCK;
            file.ifPresent(path -> writeMark(path, mark));
            highWaterMark = mark;
        }
        return format(next++);
    }

    static String format(long value) {
        return HexFormat.of().withUpperCase().toHexDigits(value);
    }

    private static void writeMark(Path path, long mark) {
        try {
            Path tmp = path.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(tmp, format(mark) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the event sequencer mark " + path, e);
        }
    }
}
