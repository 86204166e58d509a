package dev.voicebot.sip.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SourceRatePolicyTest {

  private static final InetAddress TRUNK = InetAddress.ofLiteral("192.0.2.20");
  private static final InetAddress OFFICE_PHONE = InetAddress.ofLiteral("10.1.2.3");
  private static final InetAddress SCANNER = InetAddress.ofLiteral("198.51.100.7");
  private static final AllowList TRUSTED = AllowList.parse(List.of("192.0.2.20/32", "10.1.0.0/16"));

  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private SourceRatePolicy policy(RateLimits limits) {
    return new SourceRatePolicy(limits, TRUSTED, now::get);
  }

  private static int count(SourceRatePolicy p, InetAddress who, boolean known, int tries, RateDecision d) {
    int n = 0;
    for (int i = 0; i < tries; i++) {
      if (p.decide(who, known) == d) {
        n++;
      }
    }
    return n;
  }

  @Test
  void byDefaultATrunkAndAnAllowlistedSourceAreNotLimitedAtAll() {
    SourceRatePolicy p = policy(RateLimits.DEFAULT);

    assertThat(count(p, TRUNK, false, 10_000, RateDecision.PASS)).isEqualTo(10_000);
    assertThat(count(p, OFFICE_PHONE, false, 10_000, RateDecision.PASS)).isEqualTo(10_000);
    assertThat(p.counts()).isEqualTo(new RateLimitCounts(0, 0));
  }

  @Test
  void anUnknownSourceGetsItsBurstThenIsDroppedSilently() {
    SourceRatePolicy p = policy(RateLimits.forOthers(new RateLimit(20, 40, 100)));

    assertThat(count(p, SCANNER, false, 100, RateDecision.PASS)).isEqualTo(40);
    assertThat(p.decide(SCANNER, false)).isEqualTo(RateDecision.DROP);
    now.addAndGet(500_000_000L); // 0.5 s at 20/s
    assertThat(count(p, SCANNER, false, 100, RateDecision.PASS)).isEqualTo(10);
    assertThat(p.counts()).isEqualTo(new RateLimitCounts(0, 60 + 1 + 90));
  }

  @Test
  void requestsOfKnownDialogsPassEvenWhenTheirSourceIsOverItsLimit() {
    SourceRatePolicy p = policy(RateLimits.forOthers(new RateLimit(1, 2, 100)));
    count(p, SCANNER, false, 10, RateDecision.PASS); // bucket empty

    assertThat(count(p, SCANNER, true, 1000, RateDecision.PASS)).isEqualTo(1000);
    assertThat(p.decide(SCANNER, false)).as("known-dialog requests took no tokens, none came back")
        .isEqualTo(RateDecision.DROP);
  }

  @Test
  void knownDialogRequestsDoNotSpendTheSourcesTokens() {
    SourceRatePolicy p = policy(RateLimits.forOthers(new RateLimit(1, 5, 100)));

    count(p, SCANNER, true, 1000, RateDecision.PASS);

    assertThat(count(p, SCANNER, false, 10, RateDecision.PASS)).isEqualTo(5);
  }

  @Test
  void aTrustedSourceOverItsOwnConfiguredLimitIsRefusedNotDropped() {
    RateLimits limits = new RateLimits(new RateLimit(1, 1, 100), Optional.of(new RateLimit(100, 200, 100)));
    SourceRatePolicy p = policy(limits);

    assertThat(count(p, TRUNK, false, 300, RateDecision.PASS)).isEqualTo(200);
    assertThat(p.decide(TRUNK, false)).isEqualTo(RateDecision.REFUSE);
    assertThat(p.decide(TRUNK, true)).as("its in-dialog requests still pass").isEqualTo(RateDecision.PASS);
    assertThat(p.counts()).isEqualTo(new RateLimitCounts(101, 0));
  }

  @Test
  void trustedAndOtherSourcesHaveSeparateBuckets() {
    SourceRatePolicy p = policy(new RateLimits(new RateLimit(1, 3, 100), Optional.of(new RateLimit(1, 5, 100))));

    assertThat(count(p, SCANNER, false, 10, RateDecision.PASS)).isEqualTo(3);
    assertThat(count(p, TRUNK, false, 10, RateDecision.PASS)).isEqualTo(5);
    assertThat(count(p, OFFICE_PHONE, false, 10, RateDecision.PASS)).isEqualTo(5);
  }

  @Test
  void withNothingTrustedInOpenModeEverySourceHasTheScannerLimit() {
    SourceRatePolicy p = new SourceRatePolicy(RateLimits.forOthers(new RateLimit(1, 2, 100)),
        new AllowList(List.of()), now::get);

    assertThat(count(p, TRUNK, false, 10, RateDecision.PASS)).isEqualTo(2);
    assertThat(p.isTrusted(TRUNK)).isFalse();
  }
}
