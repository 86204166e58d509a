package dev.voicebot.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BargeInDetectorTest {

  @Test
  void firesOnTheSecondSpeechLikeFrameAboveTheFloorAndOncePerRun() {
    var detector = new BargeInDetector();
    for (int i = 0; i < 20; i++) {
      assertThat(detector.onFrame(0.02f, -70)).isFalse();
    }
    assertThat(detector.onFrame(0.3f, -30)).isFalse();
    assertThat(detector.onFrame(0.4f, -28)).isTrue();
    assertThat(detector.onFrame(0.9f, -25)).as("once per run").isFalse();
    assertThat(detector.onFrame(0.05f, -70)).isFalse();
    assertThat(detector.onFrame(0.3f, -30)).isFalse();
    assertThat(detector.onFrame(0.3f, -30)).isTrue();
  }

  @Test
  void aNoisyLineIsLearnedWithinASecondAndItsNoiseNeverFires() {
    var detector = new BargeInDetector();
    int fired = 0;
    for (int i = 0; i < 200; i++) {
      // Line noise at -40 dBFS that the VAD now and then half-believes.
      float probability = i % 7 == 0 ? 0.25f : 0.05f;
      if (detector.onFrame(probability, -40 + (i % 3))) {
        fired++;
      }
    }
    assertThat(detector.floorDbfs()).isBetween(-41.0, -37.0);
    assertThat(fired).isZero();
    detector.onFrame(0.3f, -24);
    assertThat(detector.onFrame(0.3f, -24)).as("words 16 dB over the noise").isTrue();
  }

  @Test
  void digitalSilenceBeforeTheFirstPacketIsNotTheNoiseFloorOfTheLineThatFollows() {
    var detector = new BargeInDetector();
    for (int i = 0; i < 3; i++) {
      detector.onFrame(0f, -120); // the jitter buffer priming: zeros, no signal yet
    }
    int fired = 0;
    for (int i = 0; i < 100; i++) {
      if (detector.onFrame(i % 7 == 0 ? 0.25f : 0.05f, -40 + (i % 3))) {
        fired++;
      }
    }
    assertThat(detector.floorDbfs()).isBetween(-41.0, -37.0);
    assertThat(fired).as("the line's steady noise is not a caller").isZero();
  }

  @Test
  void quietSoundsNeverFireHoweverSilentTheLine() {
    var detector = new BargeInDetector();
    for (int i = 0; i < 10; i++) {
      assertThat(detector.onFrame(0.6f, -55)).isFalse();
    }
  }
}
