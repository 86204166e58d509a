package dev.voicebot.rtp.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TickHistogramTest {

  @Test
  void quantileIsTheUpperEdgeOfTheBucketThatReachesIt() {
    var lateness = new TickHistogram();
    for (int i = 0; i < 98; i++) {
      lateness.record(50_000); // 0.05 ms: bucket 0
    }
    lateness.record(2_340_000); // 2.34 ms: bucket 23
    lateness.record(7_000_000); // 7 ms
    var s = lateness.snapshot();

    assertThat(s.ticks()).isEqualTo(100);
    assertThat(s.quantileMillis(0.5)).isEqualTo(0.1);
    assertThat(s.quantileMillis(0.99)).isCloseTo(2.4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.quantileMillis(1.0)).isCloseTo(7.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.atLeastMillis(5)).isEqualTo(1);
  }

  @Test
  void anIntervalCountsOnlyTheTicksAfterItsStart() {
    var lateness = new TickHistogram();
    lateness.record(30_000_000);
    var before = lateness.snapshot();
    lateness.record(-5); // a tick that ran before its deadline counts as on time
    lateness.record(500_000_000); // beyond 100 ms: the last bucket

    var interval = lateness.snapshot().since(before);

    assertThat(interval.ticks()).isEqualTo(2);
    assertThat(interval.quantileMillis(0.5)).isEqualTo(0.1);
    assertThat(interval.quantileMillis(1.0)).isEqualTo(100.0);
    assertThat(interval.atLeastMillis(20)).isEqualTo(1);
  }

  @Test
  void noTicksHaveNoQuantileAndABadQuantileIsRefused() {
    var s = new TickHistogram().snapshot();
    assertThat(s.quantileMillis(0.99)).isNaN();
    assertThatThrownBy(() -> s.quantileMillis(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
