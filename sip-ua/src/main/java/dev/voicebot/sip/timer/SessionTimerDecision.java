package dev.voicebot.sip.timer;

import java.time.Duration;
import java.util.Objects;

/** How we answer a request's session-timer wishes. */
public sealed interface SessionTimerDecision {

  /** The interval asked for is below our minimum: answer 422 with {@code Min-SE: minSe}. */
  record TooSmall(int minSe) implements SessionTimerDecision {}

  /** Neither side asked for a session timer: the call runs without one. */
  record Off() implements SessionTimerDecision {}

  /**
   * A session timer runs.
   *
   * @param intervalSeconds Session-Expires for our 2xx
   * @param refresher who refreshes, in the roles of the request being answered (UAS = us)
   * @param requireTimer whether the 2xx carries {@code Require: timer} (only if the sender
   *     supports timer; RFC 4028 section 9)
   */
  record On(int intervalSeconds, Refresher refresher, boolean requireTimer)
      implements SessionTimerDecision {

    public On {
      Objects.requireNonNull(refresher, "refresher");
      if (intervalSeconds < 1) {
        throw new IllegalArgumentException("interval must be positive: " + intervalSeconds);
      }
    }

    /** The Session-Expires value of our 2xx, e.g. {@code 1800;refresher=uac}. */
    public String headerValue() {
      return intervalSeconds + ";refresher=" + refresher.param();
    }

    /** When the refresher refreshes: half the interval (RFC 4028 section 10). */
    public Duration refreshAfter() {
      return Duration.ofMillis(intervalSeconds * 500L);
    }

    /**
     * When the other side gives up on a missing refresh: the interval less a third of it, at most
     * 32 s (RFC 4028 section 10), so a refresh that is merely late still wins.
     */
    public Duration expireAfter() {
      long ms = intervalSeconds * 1000L;
      return Duration.ofMillis(ms - Math.min(32_000L, ms / 3));
    }
  }
}
