package dev.voicebot.sip.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** The digest algorithms we speak; "-sess" variants fold the nonces into HA1 (RFC 7616 3.4.2). */
public enum DigestAlgorithm {
  MD5("MD5", "MD5", false),
  MD5_SESS("MD5-sess", "MD5", true),
  SHA_256("SHA-256", "SHA-256", false),
  SHA_256_SESS("SHA-256-sess", "SHA-256", true);

  private final String token;
  private final String jcaName;
  private final boolean session;

  DigestAlgorithm(String token, String jcaName, boolean session) {
    this.token = token;
    this.jcaName = jcaName;
    this.session = session;
  }

  /** The name as it appears in {@code algorithm=}. */
  public String token() {
    return token;
  }

  public boolean isSession() {
    return session;
  }

  /** Higher is stronger; used to pick among several challenges (RFC 8760 3). */
  int strength() {
    return jcaName.equals("SHA-256") ? 2 : 1;
  }

  /** A missing algorithm means MD5 (RFC 2617 3.2.1); an unknown one is empty. */
  public static Optional<DigestAlgorithm> parse(String token) {
    if (token == null || token.isBlank()) {
      return Optional.of(MD5);
    }
    String t = token.trim().toUpperCase(Locale.ROOT);
    for (DigestAlgorithm a : values()) {
      if (a.token.toUpperCase(Locale.ROOT).equals(t)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Lower-case hex of the hash of {@code text} in UTF-8. */
  public String hex(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance(jcaName);
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without " + jcaName, e);
    }
  }
}
