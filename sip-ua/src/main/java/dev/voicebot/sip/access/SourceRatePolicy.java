package dev.voicebot.sip.access;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Who is limited how: requests of known dialogs always pass (a peer's hang-up must never be lost
 * to its own call rate), trusted sources (trunks, the allowlist) have their own limit or none, and
 * everyone else has the scanner defence. Buckets are kept per source address in either class.
 */
public final class SourceRatePolicy {

  private final AllowList trusted;
  private final SourceRateLimiter others;
  private final Optional<SourceRateLimiter> trustedLimiter;
  private final LongAdder refused = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  /** @param trusted the allowlist plus every trunk's sources (empty in open mode) */
  public SourceRatePolicy(RateLimits limits, AllowList trusted, LongSupplier nanoClock) {
    this.trusted = trusted;
    this.others = new SourceRateLimiter(limits.others(), nanoClock);
    this.trustedLimiter = limits.trusted().map(l -> new SourceRateLimiter(l, nanoClock));
  }

  /**
   * @param ofKnownDialog the request belongs to a dialog or INVITE transaction we hold (matched by
   *     Call-ID and tags, or branch for CANCEL): such requests are bounded by the calls admitted
   */
  public RateDecision decide(InetAddress source, boolean ofKnownDialog) {
    if (ofKnownDialog) {
      return RateDecision.PASS;
    }
    if (trusted.contains(source)) {
      if (trustedLimiter.isEmpty() || trustedLimiter.get().tryAcquire(source)) {
        return RateDecision.PASS;
      }
      refused.increment();
      return RateDecision.REFUSE;
    }
    if (others.tryAcquire(source)) {
      return RateDecision.PASS;
    }
    dropped.increment();
    return RateDecision.DROP;
  }

  public boolean isTrusted(InetAddress source) {
    return trusted.contains(source);
  }

  public RateLimitCounts counts() {
    return new RateLimitCounts(refused.sum(), dropped.sum());
  }
}
