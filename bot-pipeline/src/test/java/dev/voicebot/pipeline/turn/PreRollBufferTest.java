package dev.voicebot.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreRollBufferTest {

  @Test
  void keepsTheMostRecentSamplesOldestFirst() {
    PreRollBuffer buffer = new PreRollBuffer(4);
    buffer.write(new short[] {1, 2, 3}, 0, 3);
    buffer.write(new short[] {9, 4, 5, 6}, 1, 3);
    short[] out = new short[8];
    assertThat(buffer.drainTo(out)).isEqualTo(4);
    assertThat(out).startsWith(3, 4, 5, 6);
    assertThat(buffer.size()).isZero();
  }

  @Test
  void drainsOnlyWhatFitsKeepingTheNewest() {
    PreRollBuffer buffer = new PreRollBuffer(4);
    buffer.write(new short[] {1, 2, 3, 4}, 0, 4);
    short[] out = new short[2];
    assertThat(buffer.drainTo(out)).isEqualTo(2);
    assertThat(out).containsExactly(3, 4);
  }
}
