package dev.voicebot.sip.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private static final InetAddress A = InetAddress.ofLiteral("192.0.2.1");
  private static final InetAddress B = InetAddress.ofLiteral("192.0.2.2");

  private int granted(SourceRateLimiter l, InetAddress who, int tries) {
    int ok = 0;
    for (int i = 0; i < tries; i++) {
      if (l.tryAcquire(who)) {
        ok++;
      }
    }
    return ok;
  }

  @Test
  void aQuietSourceGetsItsBurstThenNothingUntilRefilled() {
    SourceRateLimiter l = new SourceRateLimiter(new RateLimit(10, 5, 100), now::get);
    assertThat(granted(l, A, 20)).isEqualTo(5);
    now.addAndGet(100_000_000L); // 0.1 s at 10/s: one token
    assertThat(granted(l, A, 5)).isEqualTo(1);
    now.addAndGet(10_000_000_000L); // long quiet: back to the burst, not beyond
    assertThat(granted(l, A, 20)).isEqualTo(5);
  }

  @Test
  void sustainedRateIsTheConfiguredRate() {
    SourceRateLimiter l = new SourceRateLimiter(new RateLimit(20, 1, 100), now::get);
    int ok = 0;
    for (int ms = 0; ms < 2000; ms++) { // 1000 requests/s offered for 2 s
      now.addAndGet(1_000_000L);
      ok += granted(l, A, 1);
    }
    assertThat(ok).isBetween(39, 41);
  }

  @Test
  void sourcesHaveSeparateBuckets() {
    SourceRateLimiter l = new SourceRateLimiter(new RateLimit(1, 3, 100), now::get);
    assertThat(granted(l, A, 10)).isEqualTo(3);
    assertThat(granted(l, B, 10)).isEqualTo(3);
  }

  @Test
  void manySourcesCannotGrowTheMapBeyondItsBound() {
    SourceRateLimiter l = new SourceRateLimiter(new RateLimit(1, 1, 1000), now::get);
    for (int i = 0; i < 100_000; i++) {
      l.tryAcquire(InetAddress.ofLiteral("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)));
    }
    assertThat(l.trackedSources()).isEqualTo(1000);
  }

  @Test
  void anActiveSourceSurvivesEvictionOfIdleOnes() {
    SourceRateLimiter l = new SourceRateLimiter(new RateLimit(1, 2, 10), now::get);
    assertThat(granted(l, A, 2)).isEqualTo(2); // A is now empty
    for (int i = 0; i < 50; i++) {
      l.tryAcquire(InetAddress.ofLiteral("10.0.0." + i));
      l.tryAcquire(A); // A keeps being seen, so it is never the eldest
    }
    assertThat(l.tryAcquire(A)).isFalse();
  }
}
