package dev.mediapipeline.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdtsAndSpsTest {

    static byte[] adts(int length) {
        byte[] f = new byte[length];
        f[0] = (byte) 0xFF;
        f[1] = (byte) 0xF1;
        f[3] = (byte) ((length >> 11) & 0x03);
        f[4] = (byte) ((length >> 3) & 0xFF);
        f[5] = (byte) ((length & 0x07) << 5);
        return f;
    }

    @Test
    void splitsFramesByTheirHeaderLength(@TempDir Path dir) throws Exception {
        byte[] a = adts(20);
        byte[] b = adts(9);
        byte[] stream = new byte[29];
        System.arraycopy(a, 0, stream, 0, 20);
        System.arraycopy(b, 0, stream, 20, 9);
        List<byte[]> frames = AdtsFrames.split(stream);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1)).hasSize(9);
        Path file = Files.write(dir.resolve("a.aac"), stream);
        assertThat(AdtsFrames.offsets(file)).containsExactly(0, 20, 29);
        assertThatThrownBy(() -> AdtsFrames.split(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).hasMessageContaining("not an ADTS frame");
    }

    @Test
    void codecsStringComesFromTheSequenceParameterSet() {
        // AUD, then SPS: profile 100 (High), constraints 0, level 4.0
        byte[] au = {0, 0, 0, 1, 0x09, (byte) 0xF0, 0, 0, 0, 1, 0x67, 0x64, 0x00, 0x28, (byte) 0xAC};
        assertThat(ChunkEncoder.avcCodecs(au)).isEqualTo("avc1.640028");
        assertThatThrownBy(() -> ChunkEncoder.avcCodecs(new byte[] {0, 0, 1, 0x65, 1, 2, 3, 4}))
                .hasMessageContaining("no H.264 sequence parameter set");
    }
}
