package dev.voicebot.sip.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysGrowUntilTheCapDespiteJitter() {
    Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), new Random(7));
    Duration previous = Duration.ZERO;
    for (int failures = 1; failures <= 7; failures++) {
      Duration d = b.delay(failures);
      assertThat(d).isGreaterThan(previous);
      previous = d;
    }
    for (int failures = 8; failures < 100; failures++) {
      assertThat(b.delay(failures)).isBetween(Duration.ofSeconds(225), Duration.ofMinutes(5));
    }
  }

  @Test
  void firstDelayIsAboutTheMinimum() {
    Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), new Random());
    for (int i = 0; i < 100; i++) {
      assertThat(b.delay(1)).isBetween(Duration.ofMillis(3750), Duration.ofSeconds(5));
    }
  }
}
