package dev.voicebot.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FrameLevelTest {

  @Test
  void aFullScaleSquareWaveIsZeroDbfs() {
    short[] pcm = new short[320];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) (i % 2 == 0 ? 32767 : -32768);
    }
    assertThat(FrameLevel.dbfs(pcm, 0, pcm.length)).isCloseTo(0, within(0.01));
  }

  @Test
  void aSineTwentyDecibelsDownMeasuresItsRmsLevel() {
    short[] pcm = new short[320];
    double amplitude = 32768 * 0.1; // peak -20 dBFS, RMS 3 dB lower
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 1000 * i / 16_000.0));
    }
    assertThat(FrameLevel.dbfs(pcm, 0, pcm.length)).isCloseTo(-23.01, within(0.05));
  }

  @Test
  void digitalSilenceIsTheFiniteFloor() {
    assertThat(FrameLevel.dbfs(new short[320], 0, 320)).isEqualTo(FrameLevel.SILENCE_DBFS);
    assertThat(FrameLevel.dbfs(new short[320], 0, 0)).isEqualTo(FrameLevel.SILENCE_DBFS);
  }

  @Test
  void onlyTheGivenRangeIsMeasured() {
    short[] pcm = new short[640];
    java.util.Arrays.fill(pcm, 320, 640, (short) 16384);
    assertThat(FrameLevel.dbfs(pcm, 0, 320)).isEqualTo(FrameLevel.SILENCE_DBFS);
    assertThat(FrameLevel.dbfs(pcm, 320, 320)).isCloseTo(-6.02, within(0.01));
  }
}
