package dev.mediapipeline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediapipeline.model.DeviceProfile.Dimension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeviceProfilesTest {

    @Nested
    class Defaults {
        @Test
        void phoneTabletDesktopAndSquare() {
            DeviceProfiles p = DeviceProfiles.defaults();
            assertThat(p.names()).containsExactly("phone", "tablet", "desktop", "square");
            assertThat(p.byName("phone").orElseThrow().width()).isEqualTo(640);
            assertThat(p.byName("tablet").orElseThrow().width()).isEqualTo(1280);
            assertThat(p.byName("desktop").orElseThrow().width()).isEqualTo(1920);
            assertThat(p.byName("square").orElseThrow().fit()).isEqualTo(DeviceProfile.Fit.CROP);
        }

        @Test
        void largestFirstOrdersByArea() {
            assertThat(DeviceProfiles.defaults().largestFirst()).extracting(DeviceProfile::name)
                    .containsExactly("desktop", "tablet", "phone", "square");
        }
    }

    @Nested
    class Parsing {
        @Test
        void roundTripsItsSpec() {
            DeviceProfiles p = DeviceProfiles.parse(" phone:640x1136 , thumb:100X100:crop ");
            assertThat(p.spec()).isEqualTo("phone:640x1136,thumb:100x100:crop");
            assertThat(DeviceProfiles.parse(p.spec()).asList()).isEqualTo(p.asList());
        }

        @Test
        void rejectsWithTheOffendingEntry() {
            assertThatThrownBy(() -> DeviceProfiles.parse("phone:640")).hasMessageContaining("'phone:640'");
            assertThatThrownBy(() -> DeviceProfiles.parse("phone:axb")).hasMessageContaining("two integers");
            assertThatThrownBy(() -> DeviceProfiles.parse("Phone!:10x10")).hasMessageContaining("Phone!");
            assertThatThrownBy(() -> DeviceProfiles.parse("a:10x10,a:20x20")).hasMessageContaining("defined twice");
            assertThatThrownBy(() -> DeviceProfiles.parse("a:0x10")).hasMessageContaining("between");
            assertThatThrownBy(() -> DeviceProfiles.parse("a:10x10:stretch")).hasMessageContaining("crop");
            assertThatThrownBy(() -> DeviceProfiles.parse("")).hasMessageContaining("empty");
        }
    }

    @Nested
    class Targets {
        private final DeviceProfile phone = DeviceProfile.within("phone", 640, 1280);
        private final DeviceProfile square = DeviceProfile.crop("square", 256, 256);

        @Test
        void fitsWithinKeepingAspectRatio() {
            assertThat(phone.targetFor(4000, 3000)).isEqualTo(new Dimension(640, 480));
            assertThat(phone.targetFor(3000, 4000)).isEqualTo(new Dimension(640, 853));
            assertThat(phone.targetFor(1000, 10000)).as("tall panorama is bounded by height").isEqualTo(new Dimension(128, 1280));
        }

        @Test
        void neverUpscales() {
            assertThat(phone.targetFor(300, 200)).isEqualTo(new Dimension(300, 200));
            assertThat(square.targetFor(100, 60)).as("crop of a small source keeps the box aspect, no upscale")
                    .isEqualTo(new Dimension(60, 60));
        }

        @Test
        void cropFillsTheBox() {
            assertThat(square.targetFor(4000, 3000)).isEqualTo(new Dimension(256, 256));
        }

        @Test
        void extremeAspectRatiosKeepAtLeastOnePixel() {
            assertThat(phone.targetFor(65535, 1)).isEqualTo(new Dimension(640, 1));
        }
    }
}
