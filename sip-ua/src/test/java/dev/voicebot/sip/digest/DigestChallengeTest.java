package dev.voicebot.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DigestChallengeTest {

  @Test
  void parsesQuotedValuesWithCommasAndEscapes() {
    DigestChallenge c =
        DigestChallenge.parse(
                "Digest realm=\"a, \\\"b\\\"\", nonce=\"n1\", qop=\"auth,auth-int\", algorithm=SHA-256, "
                    + "opaque=\"o\", stale=TRUE")
            .orElseThrow();
    assertThat(c.realm()).isEqualTo("a, \"b\"");
    assertThat(c.nonce()).isEqualTo("n1");
    assertThat(c.qopOptions()).containsExactly("auth", "auth-int");
    assertThat(c.algorithm()).contains(DigestAlgorithm.SHA_256);
    assertThat(c.opaque()).isEqualTo("o");
    assertThat(c.stale()).isTrue();
  }

  @Test
  void missingAlgorithmMeansMd5AndMissingQopIsTheOldForm() {
    DigestChallenge c = DigestChallenge.parse("Digest realm=\"r\",nonce=\"n\"").orElseThrow();
    assertThat(c.algorithm()).contains(DigestAlgorithm.MD5);
    assertThat(c.qopOptions()).isEmpty();
    assertThat(c.isAnswerable()).isTrue();
  }

  @Test
  void garbageAndOtherSchemesAreNotChallenges() {
    assertThat(DigestChallenge.parse("Basic realm=\"x\"")).isEmpty();
    assertThat(DigestChallenge.parse("Digest realm=\"x\"")).isEmpty();
    assertThat(DigestChallenge.parse("Digest ,,,=,\"\"\"")).isEmpty();
    assertThat(DigestChallenge.parse(null)).isEmpty();
  }

  @Test
  void strongestAnswerablePrefersSha256AndSkipsUnknownAlgorithms() {
    var md5 = DigestChallenge.parse("Digest realm=r,nonce=a,algorithm=MD5,qop=auth").orElseThrow();
    var sha = DigestChallenge.parse("Digest realm=r,nonce=b,algorithm=SHA-256,qop=auth").orElseThrow();
    var unknown = DigestChallenge.parse("Digest realm=r,nonce=c,algorithm=SHA-512-256").orElseThrow();
    var intOnly = DigestChallenge.parse("Digest realm=r,nonce=d,qop=auth-int").orElseThrow();
    assertThat(DigestChallenge.strongest(List.of(md5, sha, unknown))).contains(sha);
    assertThat(DigestChallenge.strongest(List.of(unknown, intOnly))).isEmpty();
  }

  @Test
  void credentialsAnswerTheChallengeSoTheVerifierAcceptsIt() {
    NonceIssuer nonces = new NonceIssuer(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(5));
    DigestVerifier verifier = new DigestVerifier("bot.example", java.util.Map.of("alice", "s3cret"), nonces);
    DigestCredentials alice = new DigestCredentials("alice", "s3cret", new Random(1));
    for (String challenge : verifier.challenges(false)) {
      DigestChallenge c = DigestChallenge.parse(challenge).orElseThrow();
      String answer = alice.authorize(c, "INVITE", "sip:bot@bot.example", 1);
      assertThat(verifier.verify("INVITE", "sip:bot@bot.example", answer))
          .as(c.algorithmToken())
          .isEqualTo(new DigestVerdict.Accepted("alice"));
    }
  }

  @Test
  void credentialsNeverShowThePassword() {
    assertThat(new DigestCredentials("u", "hunter2", new Random()).toString()).doesNotContain("hunter2");
  }
}
