package dev.voicebot.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DigestVerifierTest {

  private static final String URI = "sip:100@10.0.0.1";

  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovableClock clock = new MovableClock();
  private final DigestVerifier verifier =
      new DigestVerifier("realm", Map.of("alice", "pw"), new NonceIssuer(clock, Duration.ofMinutes(5)));

  private String answer(String user, String password, String uri, int which) {
    DigestChallenge c = DigestChallenge.parse(verifier.challenges(false).get(which)).orElseThrow();
    return new DigestCredentials(user, password, new Random()).authorize(c, "INVITE", uri, 1);
  }

  @Test
  void acceptsTheRightPasswordWithSha256AndMd5() {
    assertThat(verifier.verify("INVITE", URI, answer("alice", "pw", URI, 0)))
        .isEqualTo(new DigestVerdict.Accepted("alice"));
    assertThat(verifier.verify("INVITE", URI, answer("alice", "pw", URI, 1)))
        .isEqualTo(new DigestVerdict.Accepted("alice"));
  }

  @Test
  void rejectsWrongPasswordUnknownUserAndOtherUri() {
    assertThat(verifier.verify("INVITE", URI, answer("alice", "nope", URI, 0)))
        .isInstanceOf(DigestVerdict.Rejected.class);
    assertThat(verifier.verify("INVITE", URI, answer("mallory", "pw", URI, 0)))
        .isInstanceOf(DigestVerdict.Rejected.class);
    assertThat(verifier.verify("INVITE", URI, answer("alice", "pw", "sip:900@10.0.0.1", 0)))
        .isInstanceOf(DigestVerdict.Rejected.class);
  }

  @Test
  void acceptsAUriWithoutUserForTheSameHostAsSippSendsIt() {
    assertThat(verifier.verify("INVITE", URI, answer("alice", "pw", "sip:10.0.0.1", 1)))
        .isEqualTo(new DigestVerdict.Accepted("alice"));
    assertThat(DigestVerifier.sameUri("sip:10.0.0.1:5070", "sip:100@10.0.0.1:5070;transport=udp")).isTrue();
    assertThat(DigestVerifier.sameUri("sip:10.0.0.2", "sip:100@10.0.0.1")).isFalse();
    assertThat(DigestVerifier.sameUri("sip:10.0.0.1:5071", "sip:100@10.0.0.1:5070")).isFalse();
  }

  @Test
  void rejectsANonceWeDidNotIssue() {
    DigestChallenge forged = new DigestChallenge("realm", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null, "MD5", java.util.List.of("auth"), false);
    String a = new DigestCredentials("alice", "pw", new Random()).authorize(forged, "INVITE", URI, 1);
    assertThat(verifier.verify("INVITE", URI, a))
        .isEqualTo(new DigestVerdict.Rejected("nonce not issued by us"));
  }

  @Test
  void aCorrectAnswerToAnExpiredNonceIsStale() {
    String a = answer("alice", "pw", URI, 0);
    clock.now = clock.now.plus(Duration.ofMinutes(6));
    assertThat(verifier.verify("INVITE", URI, a)).isEqualTo(new DigestVerdict.Stale());
  }

  @Test
  void acceptsTheOldFormWithoutQop() {
    DigestChallenge c = DigestChallenge.parse(verifier.challenges(false).get(1)).orElseThrow();
    DigestChallenge noQop = new DigestChallenge(c.realm(), c.nonce(), null, "MD5", java.util.List.of(), false);
    String a = new DigestCredentials("alice", "pw", new Random()).authorize(noQop, "INVITE", URI, 1);
    assertThat(a).doesNotContain("qop");
    assertThat(verifier.verify("INVITE", URI, a)).isEqualTo(new DigestVerdict.Accepted("alice"));
  }
}
