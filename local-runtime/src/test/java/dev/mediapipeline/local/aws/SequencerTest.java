package dev.mediapipeline.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequencerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void valuesAreFixedWidthUpperCaseHexAndStrictlyIncreasing() {
        Sequencer sequencer = Sequencer.open(Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));
        List<String> minted = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            minted.add(sequencer.next());
        }

        assertThat(minted).as("sequencers").allMatch(s -> s.matches("[0-9A-F]{16}"))
                .isSortedAccordingTo(ObjectEventsTest::compareSequencers).doesNotHaveDuplicates();
    }

    @Test
    void aRestartWithTheClockSetBackStillContinuesUpwards(@TempDir Path dataDir) {
        Sequencer before = Sequencer.open(Optional.of(dataDir), Clock.fixed(NOW, ZoneOffset.UTC));
        String last = null;
        for (int i = 0; i < 10; i++) {
            last = before.next();
        }

        Sequencer after = Sequencer.open(Optional.of(dataDir),
                Clock.fixed(NOW.minus(Duration.ofDays(1)), ZoneOffset.UTC));

        assertThat(ObjectEventsTest.compareSequencers(after.next(), last)).as("first value after the restart "
                + "compared with the last before").isPositive();
    }

    @Test
    void aCorruptMarkIsReportedWithItsPath(@TempDir Path dataDir) throws IOException {
        Path mark = Files.writeString(dataDir.resolve(Sequencer.FILE_NAME), "not hex\n");

        assertThatThrownBy(() -> Sequencer.open(Optional.of(dataDir), Clock.systemUTC()))
                .as("opening with a corrupt mark").hasMessageContaining(mark.toString());
    }
}
