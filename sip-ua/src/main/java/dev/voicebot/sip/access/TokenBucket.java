package dev.voicebot.sip.access;

/**
 * A token bucket on a caller-supplied clock. Not thread-safe: {@link SourceRateLimiter} guards it.
 */
final class TokenBucket {

  private final double perNano;
  private final double capacity;
  private double tokens;
  private long lastNanos;

  TokenBucket(double perSecond, int capacity, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.capacity = capacity;
    this.tokens = capacity;
    this.lastNanos = nowNanos;
  }

  boolean tryTake(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * perNano);
      lastNanos = nowNanos;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
