package dev.mediapipeline.transcode.natives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediapipeline.transcode.Av;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FFmpeg and JavaCPP natives this function loads would load on Lambda (Amazon Linux 2023): checked on their
 * ELF headers, for both architectures, in the test phase, so a version bump of JavaCV/FFmpeg whose natives need a
 * newer glibc, or that drags in a library the Lambda image lacks, fails the build. {@code LambdaPackageNativesIT}
 * checks the same rules on every native inside the packaged function after {@code package}.
 */
class NativeLibrariesTest {

    @Nested
    class WhatTheFunctionLoads {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"linux-x86_64", "linux-arm64"})
        void needsOnlyGlibc234AndLibrariesShippedOrOnTheLambdaImage(String platform) {
            Map<String, ElfFile> loaded = NativeJars.loadedByTheFunction(platform);

            assertThat(LambdaNativesPolicy.violations(platform, loaded, loaded)).as("violations on " + platform).isEmpty();
            assertThat(loaded.keySet()).as("libraries loaded on " + platform)
                    .anyMatch(p -> p.endsWith("/libavcodec.so.61"))
                    .anyMatch(p -> p.endsWith("/libavfilter.so.10"))
                    .noneMatch(p -> p.contains("avdevice"));
        }

        @Test
        void theFullNativesJarsWouldNotAllLoadWhichIsWhyThePackageLeavesLibavdeviceOut() {
            // the policy is not vacuous: the untouched x86_64 jar ships libavdevice, which needs ALSA, PulseAudio, XCB
            Map<String, ElfFile> all = NativeJars.onClassPath("linux-x86_64");
            assertThat(LambdaNativesPolicy.violations("linux-x86_64", all, all))
                    .anyMatch(v -> v.contains("libavdevice") && v.contains("libasound.so.2"))
                    .anyMatch(v -> v.contains("libpulse.so.0"))
                    .anyMatch(v -> v.contains("libxcb.so.1"));
        }
    }

    @Nested
    class TheCheckItself {

        /** libavcodec as shipped, with one string of its dynamic section rewritten (same length, so offsets hold). */
        byte[] patchedAvcodec(String from, String to) throws IOException {
            byte[] data;
            String path = NativeJars.onClassPath("linux-x86_64").keySet().stream()
                    .filter(p -> p.endsWith("/libavcodec.so.61")).findFirst().orElseThrow();
            try (InputStream in = NativeLibrariesTest.class.getClassLoader().getResourceAsStream(path)) {
                data = in.readAllBytes();
            }
            byte[] a = (from + "\0").getBytes(StandardCharsets.US_ASCII);
            byte[] b = (to + "\0").getBytes(StandardCharsets.US_ASCII);
            int replaced = 0;
            outer:
            for (int i = 0; i + a.length <= data.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    if (data[i + j] != a[j]) {
                        continue outer;
                    }
                }
                if (i > 0 && data[i - 1] == 0) {
                    System.arraycopy(b, 0, data, i, b.length);
                    replaced++;
                }
            }
            assertThat(replaced).as(from + " occurs in libavcodec's string table").isPositive();
            return data;
        }

        @Test
        void readsWhatReadelfShows() throws IOException {
            ElfFile avcodec = ElfFile.parse(patchedAvcodec("libm.so.6", "libm.so.6"));
            assertThat(avcodec.machine()).isEqualTo(ElfFile.EM_X86_64);
            assertThat(avcodec.soname()).isEqualTo("libavcodec.so.61");
            assertThat(avcodec.needed()).contains("libswresample.so.5", "libavutil.so.59", "libm.so.6", "libc.so.6");
            assertThat(avcodec.versionsNeeded().get("libc.so.6")).contains("GLIBC_2.17", "GLIBC_2.14");
            assertThat(avcodec.versionsNeeded().get("libm.so.6")).as("its newest: exp/log/pow of glibc 2.29").contains("GLIBC_2.29");
        }

        @Test
        void aNativeNeedingANewerGlibcIsRejected() throws IOException {
            ElfFile bumped = ElfFile.parse(patchedAvcodec("GLIBC_2.29", "GLIBC_2.35"));
            assertThat(LambdaNativesPolicy.violations("linux-x86_64", Map.of("libavcodec.so.61", bumped), Map.of()))
                    .anyMatch(v -> v.contains("requires GLIBC_2.35, newer than Amazon Linux 2023's GLIBC_2.34"));
        }

        @Test
        void aNativeNeedingALibraryLambdaLacksIsRejected() throws IOException {
            ElfFile needsX = ElfFile.parse(patchedAvcodec("libdl.so.2", "libX1.so.2"));
            assertThat(LambdaNativesPolicy.violations("linux-x86_64", Map.of("libavcodec.so.61", needsX), Map.of()))
                    .anyMatch(v -> v.contains("needs libX1.so.2"));
        }

        @Test
        void nativesForAnotherPlatformAreRejected() throws IOException {
            ElfFile x86 = ElfFile.parse(patchedAvcodec("libm.so.6", "libm.so.6"));
            assertThat(LambdaNativesPolicy.violations("linux-arm64", Map.of("libavcodec.so.61", x86), Map.of()))
                    .anyMatch(v -> v.contains("not linux-arm64"));
            assertThat(LambdaNativesPolicy.violations("macosx-arm64", Map.of("libavcodec.dylib", x86), Map.of()))
                    .anyMatch(v -> v.contains("only"));
        }
    }

    @Nested
    class ThisJvm {

        @Test
        void loadsExactlyTheCheckedLibrariesAndNeverLibavdevice() throws IOException {
            Av.init();
            Path maps = Path.of("/proc/self/maps");
            String platform = Loader.getPlatform();
            assertThat(platform).isIn(LambdaNativesPolicy.PLATFORMS);
            Set<String> mapped = Files.readAllLines(maps).stream()
                    .map(line -> line.contains(" /") ? line.substring(line.indexOf(" /") + 1) : "")
                    .filter(path -> path.contains("/org/bytedeco/"))
                    .map(path -> path.substring(path.lastIndexOf('/') + 1))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> checked = NativeJars.loadedByTheFunction(platform).keySet().stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).collect(Collectors.toSet());

            assertThat(mapped).as("natives mapped into this JVM").isNotEmpty().noneMatch(n -> n.contains("avdevice"));
            assertThat(checked).as("every native this JVM loaded was checked").containsAll(mapped);
        }
    }
}
