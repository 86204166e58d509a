package dev.voicebot.sip.access;

import dev.voicebot.sip.digest.DigestVerdict;
import dev.voicebot.sip.digest.DigestVerifier;
import java.util.Optional;

/**
 * The access rules, in order: open mode passes everything; allowed sources pass; requests of a call
 * we already admitted pass (a digest-authenticated caller's BYE comes from the same non-allowed
 * address); ACK is dropped; OPTIONS pass if so configured; INVITE is challenged when configured;
 * everything else is forbidden.
 */
public final class AccessControl {

  private final AllowList allowed;
  private final AccessPolicy policy;
  private final Optional<DigestVerifier> verifier;

  /**
   * @param allowed the policy's CIDRs plus every trunk's sources
   * @param verifier present when INVITEs from others are to be challenged
   */
  public AccessControl(AllowList allowed, AccessPolicy policy, Optional<DigestVerifier> verifier) {
    this.allowed = allowed;
    this.policy = policy;
    this.verifier = verifier;
  }

  /** Nothing configured to restrict anyone: the development default. */
  public boolean isOpen() {
    return allowed.isEmpty() && verifier.isEmpty();
  }

  public AccessDecision decide(RequestFacts r) {
    if (isOpen() || allowed.contains(r.source()) || r.ofKnownCall()) {
      return new AccessDecision.Pass(null);
    }
    return switch (r.method()) {
      case "ACK" -> new AccessDecision.Drop();
      case "OPTIONS" ->
          policy.optionsFromAnyone()
              ? new AccessDecision.Pass(null)
              : new AccessDecision.Forbid("OPTIONS from a source not allowed");
      case "INVITE" -> verifier.map(v -> challenge(v, r)).orElseGet(
          () -> new AccessDecision.Forbid("INVITE from a source not allowed"));
      default -> new AccessDecision.Forbid(r.method() + " from a source not allowed");
    };
  }

  private static AccessDecision challenge(DigestVerifier v, RequestFacts r) {
    if (r.proxyAuthorization() == null) {
      return new AccessDecision.Challenge(v.challenges(false));
    }
    return switch (v.verify(r.method(), r.requestUri(), r.proxyAuthorization())) {
      case DigestVerdict.Accepted(String user) -> new AccessDecision.Pass(user);
      case DigestVerdict.Stale() -> new AccessDecision.Challenge(v.challenges(true));
      // Wrong credentials end here rather than in another challenge: a loop of 407s is what a
      // password-guessing scanner wants.
      case DigestVerdict.Rejected(String why) -> new AccessDecision.Forbid("digest " + why);
    };
  }
}
