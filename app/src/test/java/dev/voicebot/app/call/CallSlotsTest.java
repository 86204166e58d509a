package dev.voicebot.app.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallSlotsTest {

  @Test
  void invitesArrivingTogetherNeverTakeMoreSlotsThanTheLimit() throws Exception {
    for (int round = 0; round < 50; round++) {
      CallSlots slots = new CallSlots(3);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> attempts = new ArrayList<>();
      try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 16; i++) {
          attempts.add(threads.submit(() -> {
            go.await();
            return slots.tryTake();
          }));
        }
        go.countDown();
        int admitted = 0;
        for (Future<Boolean> attempt : attempts) {
          admitted += attempt.get() ? 1 : 0;
        }
        assertThat(admitted).as("round %d", round).isEqualTo(3);
        assertThat(slots.taken()).isEqualTo(3);
      }
    }
  }

  @Test
  void aSlotGivenBackAdmitsTheNextCall() {
    CallSlots slots = new CallSlots(1);
    assertThat(slots.tryTake()).isTrue();
    assertThat(slots.tryTake()).isFalse();
    slots.giveBack();
    assertThat(slots.tryTake()).isTrue();
  }

  @Test
  void givingBackASlotNeverTakenIsABugNotANegativeCount() {
    CallSlots slots = new CallSlots(2);
    assertThatThrownBy(slots::giveBack).isInstanceOf(IllegalStateException.class);
    assertThat(slots.taken()).isZero();
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> new CallSlots(0)).hasMessageContaining("at least 1");
  }
}
