package dev.voicebot.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityReportTest {

  /** A step whose callers were all understood without load; {@code correct} of them still are. */
  private static CapacityStep speech(int calls, int answered, int correct, double p99) {
    return speech(calls, answered, correct, calls, correct, p99);
  }

  private static CapacityStep speech(int calls, int answered, int correct, int understoodAlone, int kept, double p99) {
    return new CapacityStep("speech", calls, answered, correct, understoodAlone, kept, answered, 0.2, p99, p99 + 1, p99 / 2, 0.125, 0, 0, 0, 0, 20.0,
        300_000_000L, 4_000_000L, 1.5, 14);
  }

  private static CapacityStep media(int calls, int answered, double p99) {
    return new CapacityStep("media", calls, answered, -1, -1, -1, answered, 0.2, p99, p99 + 1, p99 / 2, 0.125, 0, 0, 0, 0, 0.5,
        300_000_000L, Long.MIN_VALUE, 1.5, 10);
  }

  @Test
  void theKneeIsTheLastStepBeforeTheFirstThatMissesATarget() {
    var steps = List.of(speech(16, 16, 16, 1.0), speech(8, 8, 8, 0.5), speech(24, 24, 21, 2.0),
        speech(32, 32, 32, 1.0));

    assertThat(CapacityReport.lastGoodStep(steps)).hasValue(16);
    assertThat(CapacityReport.knee(steps))
        .isEqualTo("Targets met up to 16 calls; at 24 21 of the 24 callers understood without load still understood"
            + " (95 % needed).");
  }

  @Test
  void pacingAndUnansweredCallsMissTheTargetsToo() {
    assertThat(CapacityReport.knee(List.of(media(300, 300, 5.0), media(400, 390, 7.25))))
        .isEqualTo("Targets met up to 300 calls; at 400 390 of 400 answered, pacing p99 7.3 ms (5 ms allowed).");
    assertThat(CapacityReport.knee(List.of(media(50, 50, 0.4), media(100, 100, 0.6))))
        .isEqualTo("Targets met at every step, up to 100 calls: the knee is above this ladder.");
    assertThat(CapacityReport.knee(List.of(speech(8, 8, 6, 0.5))))
        .isEqualTo("Targets missed from the first step: at 8 6 of the 8 callers understood without load still"
            + " understood (95 % needed).");
  }

  @Test
  void callersMisreadEvenWithoutLoadDoNotCountAgainstCapacity() {
    // 24 callers, 20 understood a few at a time; 19 of those still understood at 24 at once.
    assertThat(speech(24, 24, 19, 20, 19, 1.0).meetsTargets()).isTrue();
    assertThat(speech(24, 24, 19, 20, 18, 1.0).meetsTargets()).isFalse();
    // Under 20 callers, one misread caller is within the 5 % (rounded down): 6 of 7, not 5 of 7.
    assertThat(speech(8, 8, 6, 7, 6, 1.0).meetsTargets()).isTrue();
    assertThat(speech(8, 8, 5, 7, 5, 1.0).meetsTargets()).isFalse();
  }

  @Test
  void nineteenOfTwentyIsNinetyFivePercent() {
    assertThat(speech(20, 20, 19, 1.0).meetsTargets()).isTrue();
    assertThat(speech(20, 20, 18, 1.0).meetsTargets()).isFalse();
  }

  @Test
  void tablesShowOneRowPerStepAndNoPerCallHeapWhereNoneWasMeasured() {
    String speech = CapacityReport.speechTable(List.of(speech(8, 8, 8, 0.5)));
    assertThat(speech).contains("| 8 | 8 | 8 (100 %) | 8 → 8 | 0.2 / 0.5 / 1.5 | 0.3 | 0.13 | 0 | 0 | 0 | 0 | 20.0 | 300 | 4000 | 1.5 | 14 |");

    String media = CapacityReport.mediaTable(List.of(media(300, 300, 4.0)));
    assertThat(media).contains("| 300 | 300 | 300 | 0.2 / 4.0 / 5.0 | 2.0 | 0.13 | 0 | 0 | 0 | 0 | 0.50 | 150 | 300 | - | 1.5 |");
  }

  @Test
  void theSoakComparesTheLastHalfWithTheFirst() {
    var before = new ProcessSample(0, 0, 100_000_000L, 43, 177, 1.0);
    var half = new ProcessSample(0, 0, 125_000_000L, 44, 177, 1.0);
    var after = new ProcessSample(0, 0, 124_500_000L, 44, 178, 1.0);

    String table = CapacityReport.soak(new CapacityReport.Soak(2000, 2000, 1999, before, half, after, 61));

    assertThat(table).contains("| live heap (MB) | 100.0 | 125.0 | 124.5 | -0.5 |")
        .contains("| platform threads | 43 | 44 | 44 | +0 |")
        .contains("| open file descriptors | 177 | 177 | 178 | +1 |")
        .contains("2000 calls placed, 2000 answered, 1999 completed by SIPp, in 61 s.");
  }

  @Test
  void sippsCompletedCallsComeFromItsLastStatisticsScreen() {
    String output = """
          Successful call        |        0                  |      3
          Successful call        |        0                  |      2000
        """;
    assertThat(MediaLadder.completed(new dev.voicebot.app.harness.Sipp.Result(0, output))).isEqualTo(2000);
    assertThat(MediaLadder.completed(new dev.voicebot.app.harness.Sipp.Result(1, "no screen"))).isEqualTo(-1);
  }
}
