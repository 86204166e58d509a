package dev.voicebot.sip.timer;

import java.util.Objects;

/**
 * Our session-timer rules as a UAS (RFC 4028 section 9).
 *
 * @param defaultIntervalSeconds the interval we choose when the caller supports timer but asked
 *     for none (1800 s is the RFC's recommendation)
 * @param minIntervalSeconds our Min-SE: shorter requests get 422. RFC 4028 forbids less than 90 s
 *     on the wire; lower values exist only so tests finish in seconds
 */
public record SessionTimerPolicy(int defaultIntervalSeconds, int minIntervalSeconds) {

  public static final int RFC_MIN_SE = 90;

  public SessionTimerPolicy {
    if (minIntervalSeconds < 1) {
      throw new IllegalArgumentException("minIntervalSeconds must be positive");
    }
    if (defaultIntervalSeconds < minIntervalSeconds) {
      throw new IllegalArgumentException("default interval below the minimum");
    }
  }

  public static SessionTimerPolicy standard() {
    return new SessionTimerPolicy(1800, RFC_MIN_SE);
  }

  public SessionTimerDecision decide(SessionTimerRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.sessionExpires().isPresent()) {
      int asked = request.sessionExpires().getAsInt();
      if (asked < minIntervalSeconds) {
        return new SessionTimerDecision.TooSmall(minIntervalSeconds);
      }
      // A caller without timer support cannot refresh (a proxy added the header): we must.
      Refresher refresher =
          request.timerSupported() ? request.refresher().orElse(Refresher.UAS) : Refresher.UAS;
      return new SessionTimerDecision.On(asked, refresher, request.timerSupported());
    }
    if (request.timerSupported()) {
      // The caller can do timers but left the choice to us: our interval (never below what its
      // proxies demand in Min-SE), refreshed by us so its support is not put to the test.
      int interval = Math.max(defaultIntervalSeconds, request.minSe().orElse(0));
      return new SessionTimerDecision.On(interval, Refresher.UAS, true);
    }
    return new SessionTimerDecision.Off();
  }
}
