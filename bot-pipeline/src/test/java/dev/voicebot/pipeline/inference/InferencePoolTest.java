package dev.voicebot.pipeline.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class InferencePoolTest {

  @Test
  void aWaitingAnswerRunsBeforeTalkingCallersPartialsAndThoseBeforeBackgroundWork() throws Exception {
    var load = new InferenceLoad();
    var pool = new InferencePool(1, 16, Thread.ofPlatform().factory(), load);
    try {
      var busy = new CountDownLatch(1);
      pool.execute(() -> await(busy), Priority.LISTENING);
      List<String> order = new CopyOnWriteArrayList<>();
      var done = new CountDownLatch(5);
      pool.execute(() -> { order.add("background"); done.countDown(); });
      pool.execute(() -> { order.add("listening 1"); done.countDown(); }, Priority.LISTENING);
      pool.execute(() -> { order.add("answer 1"); done.countDown(); }, Priority.ANSWER);
      pool.execute(() -> { order.add("listening 2"); done.countDown(); }, Priority.LISTENING);
      pool.execute(() -> { order.add("answer 2"); done.countDown(); }, Priority.ANSWER);
      busy.countDown();
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();

      assertThat(order).containsExactly("answer 1", "answer 2", "listening 1", "listening 2", "background");
      assertThat(load.poolWaitTotals().count()).as("every task's wait is measured").isEqualTo(6);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void workBeyondTheBoundedQueueIsRefusedAndCountedAsShed() throws Exception {
    var load = new InferenceLoad();
    var pool = new InferencePool(1, 2, Thread.ofPlatform().factory(), load);
    var busy = new CountDownLatch(1);
    try {
      var started = new CountDownLatch(1);
      pool.execute(() -> { started.countDown(); await(busy); }, Priority.LISTENING);
      // The task itself says it runs: a prestarted worker not yet in its loop already counts as active.
      assertThat(started.await(5, TimeUnit.SECONDS)).as("the first task runs").isTrue();
      pool.execute(() -> {}, Priority.LISTENING);
      pool.execute(() -> {}, Priority.LISTENING);

      assertThatThrownBy(() -> pool.execute(() -> {}, Priority.ANSWER)).isInstanceOf(RejectedExecutionException.class);
      assertThat(load.shedCount(Shed.REJECTED_TASK)).isEqualTo(1);
    } finally {
      busy.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void theRecentLagIsTheWorstOfTheLastWindowAndFadesAfterTwo() {
    long[] now = {0};
    var load = new InferenceLoad(() -> now[0]);
    load.recordRecognitionLag(300_000_000L);
    load.recordActorLag(20_000_000L);
    now[0] = InferenceLoad.WINDOW_NANOS + 1;
    load.recordRecognitionLag(100_000_000L);
    assertThat(load.recentLagNanos()).isEqualTo(300_000_000L);
    now[0] = 3 * InferenceLoad.WINDOW_NANOS;
    assertThat(load.recentLagNanos()).isZero();
    assertThat(load.recognitionTotals()).isEqualTo(new InferenceLoad.Totals(2, 400_000_000L));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
