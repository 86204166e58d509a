package dev.voicebot.sip.digest;

import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Who we are to a registrar: answers its challenges. The password never leaves this object except
 * hashed into a response; {@link #toString()} hides it.
 */
public final class DigestCredentials {

  private final String username;
  private final String password;
  private final RandomGenerator random;

  public DigestCredentials(String username, String password, RandomGenerator random) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
    this.random = Objects.requireNonNull(random, "random");
  }

  public String username() {
    return username;
  }

  /**
   * The {@code Authorization}/{@code Proxy-Authorization} header value answering {@code challenge}
   * for a request. Uses qop=auth when offered, else the RFC 2069 form.
   *
   * @param nonceCount how many times this nonce has been used, starting at 1
   * @throws IllegalArgumentException if the challenge is not answerable
   */
  public String authorize(DigestChallenge challenge, String method, String uri, int nonceCount) {
    if (!challenge.isAnswerable()) {
      throw new IllegalArgumentException("cannot answer " + challenge);
    }
    DigestAlgorithm alg = challenge.algorithm().orElseThrow();
    boolean qop = challenge.qopOptions().contains("auth");
    String nc = String.format("%08x", nonceCount);
    byte[] c = new byte[12];
    random.nextBytes(c);
    String cnonce = HexFormat.of().formatHex(c);
    String response =
        Digest.response(
            alg, username, challenge.realm(), password, method, uri, challenge.nonce(),
            qop ? "auth" : null, nc, cnonce);
    StringBuilder h = new StringBuilder("Digest ");
    h.append("username=").append(DigestParams.quote(username));
    h.append(",realm=").append(DigestParams.quote(challenge.realm()));
    h.append(",nonce=").append(DigestParams.quote(challenge.nonce()));
    h.append(",uri=").append(DigestParams.quote(uri));
    h.append(",response=").append(DigestParams.quote(response));
    h.append(",algorithm=").append(alg.token());
    if (qop) {
      h.append(",qop=auth,nc=").append(nc).append(",cnonce=").append(DigestParams.quote(cnonce));
    } else if (alg.isSession()) {
      h.append(",cnonce=").append(DigestParams.quote(cnonce));
    }
    if (challenge.opaque() != null) {
      h.append(",opaque=").append(DigestParams.quote(challenge.opaque()));
    }
    return h.toString();
  }

  @Override
  public String toString() {
    return "DigestCredentials[username=" + username + ", password=***]";
  }
}
