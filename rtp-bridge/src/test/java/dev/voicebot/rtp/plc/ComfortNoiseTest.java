package dev.voicebot.rtp.plc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.voicebot.rtp.codec.Signals;
import org.junit.jupiter.api.Test;

class ComfortNoiseTest {

    @Test
    void readsTheLevelByteAndIgnoresTheReservedBit() {
        assertThat(ComfortNoise.levelOf(new byte[] {40}, 0, 1)).isEqualTo(40);
        assertThat(ComfortNoise.levelOf(new byte[] {(byte) 0xC0, 1, 2}, 0, 3)).isEqualTo(0x40);
        assertThat(ComfortNoise.levelOf(new byte[0], 0, 0)).isEqualTo(-1);
    }

    @Test
    void generatesNoiseAtTheAnnouncedLevel() {
        ComfortNoise noise = new ComfortNoise();
        noise.setLevel(50);
        short[] out = new short[16000];
        noise.fill(out, 0, out.length);
        double dbov = 20 * Math.log10(Signals.rms(out, 0, out.length) / 32767);
        assertThat(dbov).isCloseTo(-50, within(1.0));
    }

    @Test
    void isSilentWhenCleared() {
        ComfortNoise noise = new ComfortNoise();
        noise.setLevel(30);
        noise.clear();
        short[] out = new short[100];
        out[0] = 9;
        noise.fill(out, 0, 100);
        assertThat(out).containsOnly((short) 0);
    }
}
