package dev.voicebot.sip.access;

/**
 * A per-source limit on new requests (those outside dialogs we hold; see {@link RateLimits}).
 *
 * @param perSecond sustained requests per second per source IP
 * @param burst bucket size: requests a source may send at once after being quiet
 * @param maxSources sources tracked at once; beyond it the least recently seen is forgotten (it
 *     starts again with a full bucket, which errs on the side of letting callers in)
 */
public record RateLimit(double perSecond, int burst, int maxSources) {

  /**
   * 20/s with bursts of 40, for sources that are neither a trunk's nor allowlisted: far above what a
   * phone starts, far below a flood.
   */
  public static final RateLimit DEFAULT = new RateLimit(20, 40, 10_000);

  public RateLimit {
    if (!(perSecond > 0) || burst < 1 || maxSources < 1) {
      throw new IllegalArgumentException(
          "rate limit needs perSecond > 0, burst >= 1, maxSources >= 1: " + perSecond + "/" + burst
              + "/" + maxSources);
    }
  }
}
