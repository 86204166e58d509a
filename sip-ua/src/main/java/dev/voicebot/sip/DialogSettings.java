package dev.voicebot.sip;

import dev.voicebot.sip.timer.SessionTimerPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Timers of established calls.
 *
 * @param sessionExpires the session-timer interval we choose when the caller supports timer but
 *     asks for none (RFC 4028 recommends 30 min)
 * @param minSessionExpires our Min-SE: shorter Session-Expires get 422. RFC 4028 forbids less than
 *     90 s; shorter values are accepted only so tests can run session timers in seconds
 * @param transferTimeout how long a REFER may go without a final NOTIFY before the transfer
 *     counts as failed (408) and the call carries on
 */
public record DialogSettings(
    Duration sessionExpires, Duration minSessionExpires, Duration transferTimeout) {

  public DialogSettings {
    Objects.requireNonNull(sessionExpires, "sessionExpires");
    Objects.requireNonNull(minSessionExpires, "minSessionExpires");
    Objects.requireNonNull(transferTimeout, "transferTimeout");
    if (minSessionExpires.toSeconds() < 1 || sessionExpires.compareTo(minSessionExpires) < 0) {
      throw new IllegalArgumentException(
          "need 1 s <= minSessionExpires <= sessionExpires, got " + minSessionExpires + " and "
              + sessionExpires);
    }
    if (transferTimeout.isNegative() || transferTimeout.isZero()) {
      throw new IllegalArgumentException("transferTimeout must be positive");
    }
  }

  /** 1800 s session interval, Min-SE 90 s, 30 s for a transfer to complete. */
  public static DialogSettings defaults() {
    return new DialogSettings(Duration.ofSeconds(1800), Duration.ofSeconds(90), Duration.ofSeconds(30));
  }

  SessionTimerPolicy sessionTimerPolicy() {
    return new SessionTimerPolicy(
        (int) sessionExpires.toSeconds(), (int) minSessionExpires.toSeconds());
  }
}
