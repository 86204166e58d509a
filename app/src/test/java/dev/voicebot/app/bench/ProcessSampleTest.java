package dev.voicebot.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessSampleTest {

  @Test
  void liveHeapIsTheClassHistogramsTotal() {
    String histogram = """
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:        121195       15367168  [B (java.base@25.0.3)
           2:           290        6313296  [S (java.base@25.0.3)
        Total        639993       53497176
        """;
    assertThat(ProcessSample.histogramTotalBytes(histogram)).isEqualTo(53_497_176L);
    assertThatThrownBy(() -> ProcessSample.histogramTotalBytes("1: 2 3 [B"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theLiveHeapOfThisJvmIsMeasured() {
    assertThat(ProcessSample.take(true).heapBytes()).isPositive();
  }
}
