package dev.voicebot.sip.access;

import java.util.Objects;
import java.util.Optional;

/**
 * The per-source limits on requests that start something new (a call, an OPTIONS, a REGISTER):
 * requests of dialogs and transactions we already know are never limited.
 *
 * @param others sources that are neither a trunk's nor allowlisted: the scanner defence
 * @param trusted trunks' sources and allowlisted ones; empty means no limit, since those peers
 *     are ours, the call limit already bounds what their calls cost, and a trunk sends all its
 *     calls from one address
 */
public record RateLimits(RateLimit others, Optional<RateLimit> trusted) {

  /** 20/s, burst 40 for strangers; no limit for trunks and allowlisted sources. */
  public static final RateLimits DEFAULT = new RateLimits(RateLimit.DEFAULT, Optional.empty());

  public RateLimits {
    others = others == null ? RateLimit.DEFAULT : others;
    Objects.requireNonNull(trusted, "trusted");
  }

  /** This limit for strangers, none for trunks and allowlisted sources. */
  public static RateLimits forOthers(RateLimit others) {
    return new RateLimits(others, Optional.empty());
  }
}
