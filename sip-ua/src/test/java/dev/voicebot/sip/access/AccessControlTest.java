package dev.voicebot.sip.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.sip.digest.DigestChallenge;
import dev.voicebot.sip.digest.DigestCredentials;
import dev.voicebot.sip.digest.DigestVerifier;
import dev.voicebot.sip.digest.NonceIssuer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AccessControlTest {

  private static final InetAddress TRUNK = InetAddress.ofLiteral("198.51.100.7");
  private static final InetAddress STRANGER = InetAddress.ofLiteral("203.0.113.66");
  private static final String URI = "sip:bot@198.51.100.1";

  private final AccessPolicy policy = new AccessPolicy(List.of("198.51.100.0/24"), true, Map.of("alice", "pw"));
  private final DigestVerifier verifier =
      new DigestVerifier("bot", policy.users(), new NonceIssuer(Clock.systemUTC(), Duration.ofMinutes(5)));
  private final AccessControl challenging =
      new AccessControl(AllowList.parse(policy.allowedCidrs()), policy, Optional.of(verifier));
  private final AccessControl strict =
      new AccessControl(AllowList.parse(List.of("198.51.100.0/24")),
          new AccessPolicy(List.of("198.51.100.0/24"), false, Map.of(), false), Optional.empty());

  private static RequestFacts req(InetAddress from, String method) {
    return new RequestFacts(from, method, URI, false, null);
  }

  @Test
  void emptyPolicyWithoutTrunksIsOpen() {
    AccessControl open = new AccessControl(AllowList.parse(List.of()), AccessPolicy.OPEN, Optional.empty());
    assertThat(open.isOpen()).isTrue();
    assertThat(open.decide(req(STRANGER, "INVITE"))).isInstanceOf(AccessDecision.Pass.class);
  }

  @Test
  void allowedSourcesPassEverything() {
    assertThat(strict.decide(req(TRUNK, "INVITE"))).isInstanceOf(AccessDecision.Pass.class);
    assertThat(strict.decide(req(TRUNK, "REGISTER"))).isInstanceOf(AccessDecision.Pass.class);
  }

  @Test
  void othersAreForbiddenAndTheirAcksDropped() {
    assertThat(strict.decide(req(STRANGER, "INVITE"))).isInstanceOf(AccessDecision.Forbid.class);
    assertThat(strict.decide(req(STRANGER, "REGISTER"))).isInstanceOf(AccessDecision.Forbid.class);
    assertThat(strict.decide(req(STRANGER, "OPTIONS"))).isInstanceOf(AccessDecision.Forbid.class);
    assertThat(strict.decide(req(STRANGER, "ACK"))).isInstanceOf(AccessDecision.Drop.class);
  }

  @Test
  void optionsFromAnyonePassWhenConfigured() {
    assertThat(challenging.decide(req(STRANGER, "OPTIONS"))).isInstanceOf(AccessDecision.Pass.class);
  }

  @Test
  void requestsOfAnAdmittedCallPass() {
    assertThat(strict.decide(new RequestFacts(STRANGER, "BYE", URI, true, null)))
        .isInstanceOf(AccessDecision.Pass.class);
  }

  @Test
  void inviteFromOthersIsChallengedAndPassesWithTheRightPassword() {
    AccessDecision first = challenging.decide(req(STRANGER, "INVITE"));
    assertThat(first).isInstanceOf(AccessDecision.Challenge.class);
    String header = ((AccessDecision.Challenge) first).proxyAuthenticate().getFirst();
    DigestChallenge c = DigestChallenge.parse(header).orElseThrow();
    String good = new DigestCredentials("alice", "pw", new Random()).authorize(c, "INVITE", URI, 1);
    String bad = new DigestCredentials("alice", "guess", new Random()).authorize(c, "INVITE", URI, 1);

    assertThat(challenging.decide(new RequestFacts(STRANGER, "INVITE", URI, false, good)))
        .isEqualTo(new AccessDecision.Pass("alice"));
    assertThat(challenging.decide(new RequestFacts(STRANGER, "INVITE", URI, false, bad)))
        .isInstanceOf(AccessDecision.Forbid.class);
    // The challenge is for INVITE only: other methods from strangers stay forbidden.
    assertThat(challenging.decide(req(STRANGER, "REGISTER"))).isInstanceOf(AccessDecision.Forbid.class);
  }
}
