package dev.voicebot.sip.digest;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code WWW-Authenticate} or {@code Proxy-Authenticate} digest challenge.
 *
 * @param algorithmToken as sent (may name an algorithm we do not support)
 * @param qopOptions e.g. {@code [auth, auth-int]}; empty for RFC 2069 style challenges
 * @param opaque echoed back unchanged; null if absent
 */
public record DigestChallenge(
    String realm,
    String nonce,
    String opaque,
    String algorithmToken,
    List<String> qopOptions,
    boolean stale) {

  public DigestChallenge {
    realm = realm == null ? "" : realm;
    nonce = nonce == null ? "" : nonce;
    algorithmToken = algorithmToken == null ? "" : algorithmToken;
    qopOptions = List.copyOf(qopOptions);
  }

  /** Parses a header value; empty if it is not a usable digest challenge (no nonce). */
  public static Optional<DigestChallenge> parse(String headerValue) {
    if (headerValue == null || !headerValue.strip().regionMatches(true, 0, "Digest", 0, 6)) {
      return Optional.empty();
    }
    Map<String, String> p = DigestParams.parse(headerValue);
    if (p.getOrDefault("nonce", "").isEmpty()) {
      return Optional.empty();
    }
    List<String> qop =
        Arrays.stream(p.getOrDefault("qop", "").split(","))
            .map(q -> q.strip().toLowerCase(Locale.ROOT))
            .filter(q -> !q.isEmpty())
            .toList();
    return Optional.of(
        new DigestChallenge(
            p.get("realm"),
            p.get("nonce"),
            p.get("opaque"),
            p.get("algorithm"),
            qop,
            "true".equalsIgnoreCase(p.get("stale"))));
  }

  /** The algorithm, if we support it. */
  public Optional<DigestAlgorithm> algorithm() {
    return DigestAlgorithm.parse(algorithmToken);
  }

  /** True if we can answer it: a known algorithm, and either no qop or one offering "auth". */
  public boolean isAnswerable() {
    return algorithm().isPresent() && (qopOptions.isEmpty() || qopOptions.contains("auth"));
  }

  /** The strongest challenge we can answer among several (RFC 8760: SHA-256 over MD5). */
  public static Optional<DigestChallenge> strongest(Collection<DigestChallenge> challenges) {
    return challenges.stream()
        .filter(DigestChallenge::isAnswerable)
        .max(Comparator.comparingInt(c -> c.algorithm().orElseThrow().strength()));
  }

  /** Never shows the nonce in full: these end up in logs. */
  @Override
  public String toString() {
    return "DigestChallenge[realm=" + realm + ", algorithm=" + algorithmToken + ", qop="
        + qopOptions + ", stale=" + stale + "]";
  }
}
