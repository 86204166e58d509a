package dev.voicebot.sip.digest;

/**
 * The digest computation itself (RFC 7616 3.4.1), shared by the client that answers challenges and
 * the verifier that checks answers.
 */
public final class Digest {

  private Digest() {}

  /**
   * The {@code response=} value.
   *
   * @param qop {@code "auth"} or null for the RFC 2069 form without qop, nc and cnonce
   * @param nc eight hex digits, e.g. {@code 00000001}; ignored without qop
   * @param cnonce ignored without qop (and without a "-sess" algorithm)
   */
  public static String response(
      DigestAlgorithm algorithm,
      String username,
      String realm,
      String password,
      String method,
      String uri,
      String nonce,
      String qop,
      String nc,
      String cnonce) {
    String ha1 = algorithm.hex(username + ":" + realm + ":" + password);
    if (algorithm.isSession()) {
      ha1 = algorithm.hex(ha1 + ":" + nonce + ":" + cnonce);
    }
    String ha2 = algorithm.hex(method + ":" + uri);
    if (qop == null || qop.isEmpty()) {
      return algorithm.hex(ha1 + ":" + nonce + ":" + ha2);
    }
    return algorithm.hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }
}
