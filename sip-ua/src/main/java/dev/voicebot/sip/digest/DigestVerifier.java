package dev.voicebot.sip.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Our side as the challenger (RFC 7616 3.3 / 3.4): issues challenges for a realm and checks the
 * answers against configured users. A nonce is good for all requests within its lifetime; replay
 * within that window is bounded by the per-source rate limit rather than nonce-count tracking,
 * which would need per-nonce state.
 */
public final class DigestVerifier {

  private final String realm;
  private final Map<String, String> passwords;
  private final NonceIssuer nonces;

  public DigestVerifier(String realm, Map<String, String> passwords, NonceIssuer nonces) {
    this.realm = Objects.requireNonNull(realm, "realm");
    this.passwords = Map.copyOf(passwords);
    this.nonces = Objects.requireNonNull(nonces, "nonces");
  }

  public String realm() {
    return realm;
  }

  /**
   * Header values for a challenge: MD5 first, then SHA-256. RFC 8760 would put SHA-256 first, but
   * many deployed clients read only the first challenge and give up on SHA-256 (SIPp 3.6.1 says
   * "authentication must use MD5"); clients that pick the strongest still find SHA-256.
   */
  public List<String> challenges(boolean stale) {
    String nonce = nonces.issue();
    return List.of(
        challenge(DigestAlgorithm.MD5, nonce, stale),
        challenge(DigestAlgorithm.SHA_256, nonce, stale));
  }

  private String challenge(DigestAlgorithm alg, String nonce, boolean stale) {
    return "Digest realm=" + DigestParams.quote(realm)
        + ",nonce=" + DigestParams.quote(nonce)
        + ",algorithm=" + alg.token()
        + ",qop=\"auth\""
        + (stale ? ",stale=true" : "");
  }

  /**
   * Checks an {@code Authorization}/{@code Proxy-Authorization} value for a request.
   *
   * @param requestUri the Request-URI as received; the answer's {@code uri} must name it
   */
  public DigestVerdict verify(String method, String requestUri, String headerValue) {
    Map<String, String> p = DigestParams.parse(headerValue);
    String username = p.getOrDefault("username", "");
    String password = passwords.get(username);
    if (password == null) {
      return new DigestVerdict.Rejected("unknown user");
    }
    if (!realm.equals(p.get("realm"))) {
      return new DigestVerdict.Rejected("wrong realm");
    }
    String uri = p.getOrDefault("uri", "");
    if (!sameUri(uri, requestUri)) {
      return new DigestVerdict.Rejected("uri " + uri + " does not match the Request-URI " + requestUri);
    }
    var alg = DigestAlgorithm.parse(p.get("algorithm"));
    if (alg.isEmpty()) {
      return new DigestVerdict.Rejected("unsupported algorithm");
    }
    String qop = p.get("qop");
    if (qop != null && !qop.equalsIgnoreCase("auth")) {
      return new DigestVerdict.Rejected("unsupported qop");
    }
    String nonce = p.getOrDefault("nonce", "");
    String expected =
        Digest.response(
            alg.get(), username, realm, password, method, uri, nonce, qop,
            p.getOrDefault("nc", ""), p.getOrDefault("cnonce", ""));
    boolean correct =
        MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            p.getOrDefault("response", "").toLowerCase(java.util.Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII));
    // The nonce is checked after the response so a stale verdict is only given to someone who
    // knows the password (RFC 7616 3.3: stale means "the password was right").
    return switch (nonces.check(nonce)) {
      case FORGED -> new DigestVerdict.Rejected("nonce not issued by us");
      case STALE -> correct ? new DigestVerdict.Stale() : new DigestVerdict.Rejected("bad response");
      case VALID -> correct ? new DigestVerdict.Accepted(username) : new DigestVerdict.Rejected("bad response");
    };
  }

  /**
   * The {@code uri} must name the Request-URI (RFC 7616 3.4.6), compared ignoring case. A URI
   * without the user part but with the same host and port is accepted too: SIPp 3.6.1 and some
   * phones answer with {@code sip:host:port}. The response still covers that URI, and a captured
   * answer can only be replayed to this host within the nonce lifetime.
   */
  static boolean sameUri(String answered, String requestUri) {
    if (answered.equalsIgnoreCase(requestUri)) {
      return true;
    }
    String hostPart = hostPort(requestUri);
    return !answered.contains("@") && hostPart != null && hostPart.equalsIgnoreCase(hostPort(answered));
  }

  /** {@code host[:port]} of a sip/sips URI without parameters, or null if it is not one. */
  private static String hostPort(String uri) {
    int colon = uri.indexOf(':');
    if (colon < 0 || !uri.substring(0, colon).matches("(?i)sips?")) {
      return null;
    }
    String rest = uri.substring(colon + 1);
    int at = rest.lastIndexOf('@');
    rest = at < 0 ? rest : rest.substring(at + 1);
    int end = rest.length();
    for (char c : new char[] {';', '?', '>'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return rest.substring(0, end);
  }
}
