package dev.voicebot.sip.transfer;

import java.util.Objects;
import java.util.Optional;

/**
 * Follows one REFER to its outcome: the REFER's own response, then the NOTIFYs of the implicit
 * subscription (RFC 3515 section 2.4.4). Each event answers "is the outcome known yet?". The
 * first final sipfrag decides, whether or not its NOTIFY already says terminated, because some
 * transferees send the final status while the subscription is still active. Not thread-safe.
 */
public final class ReferProgress {

  private boolean accepted;
  private Sipfrag last;

  /** The REFER's final response; a 2xx (202, or 200 from older stacks) means NOTIFYs follow. */
  public Optional<TransferOutcome> onReferResponse(int status, String reason) {
    if (status < 200) {
      return Optional.empty();
    }
    if (status < 300) {
      accepted = true;
      return Optional.empty();
    }
    return Optional.of(new TransferOutcome.Failed(status, reason == null ? "" : reason));
  }

  /**
   * @param fragment the sipfrag of the NOTIFY, empty if it had none we could read
   * @param state its Subscription-State
   */
  public Optional<TransferOutcome> onNotify(Optional<Sipfrag> fragment, SubscriptionState state) {
    Objects.requireNonNull(fragment, "fragment");
    Objects.requireNonNull(state, "state");
    // A NOTIFY may overtake the 202 on UDP; it implies the REFER was accepted.
    accepted = true;
    if (fragment.isPresent()) {
      last = fragment.get();
      if (last.isSuccess()) {
        return Optional.of(new TransferOutcome.Succeeded());
      }
      if (last.isFinal()) {
        return Optional.of(new TransferOutcome.Failed(last.status(), last.reason()));
      }
    }
    if (state.terminated()) {
      String why =
          last == null
              ? "subscription terminated without a final status"
              : "subscription terminated after " + last.status() + " " + last.reason();
      return Optional.of(new TransferOutcome.Failed(487, why.strip()));
    }
    return Optional.empty();
  }

  public boolean accepted() {
    return accepted;
  }
}
