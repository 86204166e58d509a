package dev.voicebot.sip.access;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One token bucket per source IP, in an access-ordered map capped at {@code maxSources}: lookup,
 * refill and eviction of the least recently seen source are all O(1), so a scanner rotating
 * through many addresses costs bounded memory and constant time per packet.
 *
 * <p>A single short lock: the critical section is a hash lookup and a few arithmetic operations,
 * cheaper than anything lock-free with eviction would be.
 */
public final class SourceRateLimiter {

  private final RateLimit limit;
  private final LongSupplier nanoClock;
  private final LinkedHashMap<InetAddress, TokenBucket> buckets;

  public SourceRateLimiter(RateLimit limit, LongSupplier nanoClock) {
    this.limit = limit;
    this.nanoClock = nanoClock;
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<InetAddress, TokenBucket> eldest) {
            return size() > limit.maxSources();
          }
        };
  }

  /** @return false if {@code source} is over its limit: the request should not be processed */
  public boolean tryAcquire(InetAddress source) {
    long now = nanoClock.getAsLong();
    synchronized (buckets) {
      TokenBucket b = buckets.get(source);
      if (b == null) {
        b = new TokenBucket(limit.perSecond(), limit.burst(), now);
        buckets.put(source, b);
      }
      return b.tryTake(now);
    }
  }

  /** Sources currently tracked (for tests and metrics). */
  public int trackedSources() {
    synchronized (buckets) {
      return buckets.size();
    }
  }
}
