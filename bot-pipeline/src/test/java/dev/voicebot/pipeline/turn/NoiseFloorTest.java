package dev.voicebot.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoiseFloorTest {

  private final NoiseFloor floor = new NoiseFloor();

  @Test
  void theFloorIsTheQuietestFrameOfTheWindowAndForgetsOlderOnes() {
    floor.onFrame(-60);
    for (int i = 0; i < NoiseFloor.BLOCKS * NoiseFloor.BLOCK_FRAMES; i++) {
      floor.onFrame(-40 - (i % 3));
    }
    assertThat(floor.dbfs()).isEqualTo(-42);
  }

  @Test
  void theFloorIsSettledOnlyOnceAWholeWindowOfSignalWasHeard() {
    for (int i = 0; i < 100; i++) {
      floor.onFrame(-120); // digital silence: no signal, not a floor
    }
    for (int i = 0; i < NoiseFloor.BLOCKS * NoiseFloor.BLOCK_FRAMES - 1; i++) {
      floor.onFrame(-40);
    }
    assertThat(floor.settled()).isFalse();
    floor.onFrame(-40);
    assertThat(floor.settled()).isTrue();
    assertThat(floor.dbfs()).isEqualTo(-40);
  }
}
