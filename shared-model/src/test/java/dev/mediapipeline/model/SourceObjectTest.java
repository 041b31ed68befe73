package dev.mediapipeline.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceObjectTest {

    @Test
    void sequencersCompareAfterRightPaddingTheShorter() {
        assertThat(SourceObject.compareSequencers("0055AED6DCD90281E5", "0055AED6DCD90281E6")).isNegative();
        assertThat(SourceObject.compareSequencers("0055AED6DCD90281E5", "0055AED6DCD90281E500")).isZero();
        assertThat(SourceObject.compareSequencers("0055AED6DCD90281F", "0055AED6DCD90281E5")).isPositive();
        assertThat(SourceObject.compareSequencers(null, "00")).isNegative();
    }

    @Test
    void eTagQuotesAreStripped() {
        assertThat(new ObjectInfo("b", "k", 1, "\"abc\"", null, null, null).eTag()).isEqualTo("abc");
    }

    @Test
    void headerSafeMetadataRoundTrips() throws Exception {
        String key = "holiday photos/été + ½ 100%.jpg";
        String safe = WriteOptions.headerSafe(key);
        assertThat(safe).matches("[\\x21-\\x7E]+");
        assertThat(java.net.URLDecoder.decode(safe, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(key);
    }
}
