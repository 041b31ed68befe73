package dev.mediapipeline.transcode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Launches {@link TranscodeBenchmark} (not a test: it asserts nothing and takes minutes) only when asked:
 * {@code ./mvnw -q -pl transcode-function -am test -Dtest=RunTranscodeBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true}.
 */
class RunTranscodeBenchmarkTest {

    @Test
    @EnabledIfSystemProperty(named = "benchmark", matches = "true")
    void run() throws Exception {
        TranscodeBenchmark.main(new String[] {"target/benchmark"});
    }
}
