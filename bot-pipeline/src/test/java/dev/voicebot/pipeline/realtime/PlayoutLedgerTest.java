package dev.voicebot.pipeline.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.realtime.PlayoutLedger.Heard;
import org.junit.jupiter.api.Test;

class PlayoutLedgerTest {

  private static final long MS = 1_000_000;
  private final PlayoutLedger ledger = new PlayoutLedger();

  @Test
  void nothingIsHeardBeforePlayoutStarts() {
    ledger.queued("item_1", 0, 16_000, 0);
    assertThat(ledger.heardAt(500 * MS)).containsExactly(new Heard("item_1", 0, 0));
  }

  @Test
  void thePlayPositionIsTheTimeSinceStartCappedByWhatWasQueued() {
    ledger.queued("item_1", 0, 16_000, 0); // 1 s
    ledger.started(100 * MS);
    assertThat(ledger.heardAt(400 * MS)).containsExactly(new Heard("item_1", 0, 300));
  }

  @Test
  void itemsPlayedOutAreNotTruncatedAndTheOneBehindIsCutAtItsPosition() {
    ledger.queued("item_1", 0, 3_200, 0); // 200 ms
    ledger.queued("item_2", 0, 16_000, 1 * MS);
    ledger.started(10 * MS);
    assertThat(ledger.heardAt(360 * MS)).containsExactly(new Heard("item_2", 0, 150));
  }

  @Test
  void anUnderrunMidItemKeepsWhatWasPlayedBeforeIt() {
    ledger.queued("item_1", 0, 4_800, 0); // 300 ms, played out, then the network was slow
    ledger.started(0);
    ledger.drained(310 * MS);
    assertThat(ledger.busy()).isFalse();
    ledger.queued("item_1", 0, 16_000, 400 * MS);
    ledger.started(420 * MS);
    assertThat(ledger.heardAt(520 * MS)).containsExactly(new Heard("item_1", 0, 400));
  }

  @Test
  void aDrainStampedBeforeTheLastQueuedAudioLeavesThatAudioPending() {
    ledger.queued("item_1", 0, 3_200, 0);
    ledger.started(0);
    ledger.queued("item_1", 0, 3_200, 250 * MS);
    ledger.drained(240 * MS); // about the first chunk only
    assertThat(ledger.busy()).isTrue();
    assertThat(ledger.heardAt(260 * MS)).containsExactly(new Heard("item_1", 0, 200));
  }

  @Test
  void clearingForgetsPendingAudio() {
    ledger.queued("item_1", 0, 16_000, 0);
    ledger.started(0);
    ledger.cleared(100 * MS);
    assertThat(ledger.busy()).isFalse();
    assertThat(ledger.heardAt(200 * MS)).isEmpty();
  }
}
