package dev.voicebot.sip.register;

import java.time.Duration;
import java.time.Instant;

/**
 * The latest OPTIONS qualify result for a trunk.
 *
 * @param rtt round-trip time of the last answered probe; null if never answered
 * @param checkedAt when the last probe finished; null before the first
 */
public record Reachability(State state, Duration rtt, Instant checkedAt) {

  public enum State {
    UNKNOWN,
    REACHABLE,
    UNREACHABLE
  }

  public static final Reachability UNKNOWN = new Reachability(State.UNKNOWN, null, null);
}
