package dev.mediapipeline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private final Config config = new Config(Map.of("BUCKET", " uploads ", "BLANK", "  ", "QUALITY", "82", "BAD_INT", "eighty",
            "FLAG", "yes", "PROFILES", "phone:10x"));

    @Test
    void requiredNamesTheMissingVariable() {
        assertThat(config.required("BUCKET")).isEqualTo("uploads");
        assertThatThrownBy(() -> config.required("RENDITIONS_BUCKET"))
                .isInstanceOf(Config.MissingConfigurationException.class)
                .hasMessageContaining("RENDITIONS_BUCKET");
        assertThatThrownBy(() -> config.required("BLANK")).hasMessageContaining("BLANK");
    }

    @Test
    void integersAreParsedAndBounded() {
        assertThat(config.integer("QUALITY", 50, 1, 100)).isEqualTo(82);
        assertThat(config.integer("ABSENT", 50, 1, 100)).isEqualTo(50);
        assertThatThrownBy(() -> config.integer("BAD_INT", 1, 1, 100))
                .isInstanceOf(Config.InvalidConfigurationException.class).hasMessageContaining("BAD_INT");
        assertThatThrownBy(() -> config.integer("QUALITY", 1, 1, 50)).hasMessageContaining("QUALITY").hasMessageContaining("82");
    }

    @Test
    void flagsAndParsedValues() {
        assertThat(config.flag("FLAG", false)).isTrue();
        assertThat(config.flag("ABSENT", false)).isFalse();
        assertThatThrownBy(() -> config.parsed("PROFILES", DeviceProfiles.DEFAULT_SPEC, DeviceProfiles::parse))
                .isInstanceOf(Config.InvalidConfigurationException.class).hasMessageContaining("PROFILES");
        assertThat(config.parsed("ABSENT", DeviceProfiles.DEFAULT_SPEC, DeviceProfiles::parse).size()).isEqualTo(4);
    }
}
