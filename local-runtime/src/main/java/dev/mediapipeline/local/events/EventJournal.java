package dev.mediapipeline.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous events the runtime has accepted and not yet finished, kept on disk so that a crash, a
 * {@code kill -9} or a Ctrl-C loses none: Lambda's queue is durable once S3 or SNS has handed it an event, and so is
 * ours. An event is written (atomically: a temporary file renamed over) before {@link AsyncInvoker#invokeAsync}
 * returns, so before the S3 request that caused it is answered; it is rewritten with its attempt count when a retry
 * is scheduled, and removed when it is done (delivered, sent to its destination, or dropped for good). On start the
 * runtime replays what is left ({@link AsyncInvoker#resume()}).
 *
 * <p>Without a data directory ({@code --in-memory}) nothing is kept: {@link #none()}.
 */
public final class EventJournal {

    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
    /** Where, under the data directory, the pending events live. */
    public static final String DIRECTORY = "async-events";
    private static final String SUFFIX = ".json";

    /**
     * One accepted event.
     *
     * @param attempts attempts already made (0: never tried)
     */
    public record Entry(String requestId, String function, byte[] payload, Instant accepted, int attempts) {
    }

    private final Optional<Path> directory;

    private EventJournal(Optional<Path> directory) {
        this.directory = directory;
    }

    /** A journal in {@code dataDirectory}/{@value #DIRECTORY}, created if absent. */
    public static EventJournal in(Path dataDirectory) {
        Path dir = dataDirectory.resolve(DIRECTORY);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the event journal " + dir + ": " + e.getMessage(), e);
        }
        return new EventJournal(Optional.of(dir));
    }

    /** Keeps nothing: events live only in memory. */
    public static EventJournal none() {
        return new EventJournal(Optional.empty());
    }

    public boolean durable() {
        return directory.isPresent();
    }

    /** Writes (or rewrites) an entry; a failure is logged, and the event then lives in memory only. */
    void save(Entry entry) {
        if (directory.isEmpty()) {
            return;
        }
        ObjectNode json = S3EventFactory.JSON.createObjectNode();
        json.put("requestId", entry.requestId());
        json.put("function", entry.function());
        json.put("accepted", entry.accepted().toString());
        json.put("attempts", entry.attempts());
        json.put("payload", Base64.getEncoder().encodeToString(entry.payload()));
        Path file = file(entry.requestId());
        Path temporary = file.resolveSibling("." + entry.requestId() + ".tmp");
        try {
            Files.write(temporary, json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.error("cannot keep event {} for {} on disk ({}): it is lost if the runtime stops before it is done",
                    entry.requestId(), entry.function(), e.getMessage());
        }
    }

    void remove(String requestId) {
        if (directory.isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(file(requestId));
        } catch (IOException e) {
            LOG.warn("cannot remove finished event {} from the journal: {}", requestId, e.getMessage());
        }
    }

    /** What a previous run left unfinished, oldest first. Unreadable files are set aside ({@code .broken}). */
    List<Entry> pending() {
        if (directory.isEmpty()) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory.get())) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                read(file).ifPresent(entries::add);
            }
        } catch (IOException e) {
            LOG.error("cannot read the event journal {}: {}", directory.get(), e.getMessage());
        }
        entries.sort(Comparator.comparing(Entry::accepted));
        return entries;
    }

    private Optional<Entry> read(Path file) {
        try {
            JsonNode json = S3EventFactory.JSON.readTree(Files.readAllBytes(file));
            return Optional.of(new Entry(json.required("requestId").asText(), json.required("function").asText(),
                    Base64.getDecoder().decode(json.required("payload").asText()),
                    Instant.parse(json.required("accepted").asText()), json.path("attempts").asInt(0)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.error("event journal file {} is unreadable ({}); renamed to .broken, not replayed", file, e.getMessage());
            try {
                Files.move(file, file.resolveSibling(file.getFileName() + ".broken"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailure) {
                LOG.warn("cannot set {} aside: {}", file, moveFailure.getMessage());
            }
            return Optional.empty();
        }
    }

    private Path file(String requestId) {
        return directory.orElseThrow().resolve(requestId + SUFFIX);
    }
}
