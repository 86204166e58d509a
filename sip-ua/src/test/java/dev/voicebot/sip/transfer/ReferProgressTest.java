package dev.voicebot.sip.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferProgressTest {

  private final ReferProgress progress = new ReferProgress();
  private static final SubscriptionState ACTIVE = SubscriptionState.parse("active;expires=60");
  private static final SubscriptionState TERMINATED = SubscriptionState.parse("terminated;reason=noresource");

  @Test
  void acceptedReferThenTryingThenOkSucceeds() {
    assertThat(progress.onReferResponse(202, "Accepted")).isEmpty();
    assertThat(progress.accepted()).isTrue();
    assertThat(progress.onNotify(Sipfrag.parse("SIP/2.0 100 Trying"), ACTIVE)).isEmpty();
    assertThat(progress.onNotify(Sipfrag.parse("SIP/2.0 180 Ringing"), ACTIVE)).isEmpty();
    assertThat(progress.onNotify(Sipfrag.parse("SIP/2.0 200 OK"), TERMINATED))
        .contains(new TransferOutcome.Succeeded());
  }

  @Test
  void rejectedReferFailsWithItsStatus() {
    assertThat(progress.onReferResponse(603, "Decline"))
        .contains(new TransferOutcome.Failed(603, "Decline"));
  }

  @Test
  void finalErrorInTheSipfragFailsWithTheTargetsStatus() {
    progress.onReferResponse(202, "Accepted");

    assertThat(progress.onNotify(Sipfrag.parse("SIP/2.0 486 Busy Here"), TERMINATED))
        .contains(new TransferOutcome.Failed(486, "Busy Here"));
  }

  @Test
  void terminatedWithoutAFinalStatusFails() {
    progress.onNotify(Sipfrag.parse("SIP/2.0 100 Trying"), ACTIVE);

    assertThat(progress.onNotify(Optional.empty(), TERMINATED))
        .hasValueSatisfying(o -> assertThat(o).isInstanceOf(TransferOutcome.Failed.class));
  }

  @Test
  void notifyOvertakingThe202CountsAsAccepted() {
    assertThat(progress.onNotify(Sipfrag.parse("SIP/2.0 100 Trying"), ACTIVE)).isEmpty();
    assertThat(progress.accepted()).isTrue();
    assertThat(progress.onReferResponse(202, "Accepted")).isEmpty();
  }
}
