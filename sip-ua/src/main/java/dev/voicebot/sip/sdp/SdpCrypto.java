package dev.voicebot.sip.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code a=crypto} attribute (SDES, RFC 4568 section 9.1):
 * {@code a=crypto:<tag> <crypto-suite> <key-params> [<session-param> ...]}.
 *
 * <p>Kept as text: whether we can use it is the negotiator's call, and a line we cannot use is
 * not an error in the SDP. {@link #toString()} leaves the key out, so a logged offer or agreement
 * never carries one.
 *
 * @param tag the offerer's number for this line, echoed in the answer (0-999999999)
 * @param suite e.g. {@code AES_CM_128_HMAC_SHA1_80}
 * @param keyParams e.g. {@code inline:<base64 key||salt>[|lifetime][|MKI:length]}, possibly
 *     several separated by {@code ;}
 * @param sessionParams e.g. {@code KDR=1}, {@code UNENCRYPTED_SRTP}; usually none
 */
public record SdpCrypto(int tag, String suite, String keyParams, List<String> sessionParams) {

  private static final int MAX_TAG = 999_999_999;

  public SdpCrypto {
    if (tag < 0 || tag > MAX_TAG) {
      throw new IllegalArgumentException("crypto tag out of range: " + tag);
    }
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(keyParams, "keyParams");
    sessionParams = List.copyOf(sessionParams);
  }

  /**
   * Reads the value of an {@code a=crypto:} attribute (the text after the colon); empty if it is
   * not one (a bad line is ignored like any unknown attribute, and the offer may hold others).
   */
  public static Optional<SdpCrypto> parse(String value) {
    String[] parts = value.strip().split("\\s+");
    if (parts.length < 3 || !parts[2].regionMatches(true, 0, "inline:", 0, 7)) {
      return Optional.empty();
    }
    int tag;
    try {
      tag = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (tag < 0 || tag > MAX_TAG) {
      return Optional.empty();
    }
    return Optional.of(
        new SdpCrypto(tag, parts[1], parts[2], List.of(parts).subList(3, parts.length)));
  }

  /** The attribute as written in SDP, without {@code a=}. */
  public String attribute() {
    StringBuilder a = new StringBuilder("crypto:").append(tag).append(' ').append(suite);
    a.append(' ').append(keyParams);
    sessionParams.forEach(p -> a.append(' ').append(p));
    return a.toString();
  }

  @Override
  public String toString() {
    return "SdpCrypto[tag=" + tag + ", suite=" + suite + ", key redacted, sessionParams="
        + sessionParams + "]";
  }
}
