package dev.voicebot.sip.sdp;

import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Answers an offer's {@code a=crypto} lines (RFC 4568 section 7.1.2): the first line, in the
 * offerer's order, whose suite we support and whose key we can use is accepted; our answer
 * repeats its tag and suite with a master key of our own.
 *
 * <p>Usable means one inline key of the right length, with no MKI (jitsi-srtp cannot carry one)
 * and no session parameters (each changes how SRTP runs, e.g. {@code UNENCRYPTED_SRTP}; RFC 4568
 * says to skip a line whose parameters we do not implement).
 */
public final class SdesNegotiator {

  /** The suites {@code dev.voicebot.rtp.srtp} implements. */
  static final Set<String> SUITES = Set.of("AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32");

  private final RandomGenerator keys;

  /** @param keys source of our master keys: a {@link java.security.SecureRandom} */
  public SdesNegotiator(RandomGenerator keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /**
   * @param offered the crypto lines of the offered m-line, in the offerer's order
   * @param current the keys in use when this is a re-offer: our key is kept when the suite stays,
   *     so a hold or a session refresh never re-keys our stream under the media path
   * @return the agreed keys, or empty if no line is usable
   */
  public Optional<SdesKeys> answer(List<SdpCrypto> offered, Optional<SdesKeys> current) {
    for (SdpCrypto c : offered) {
      if (!SUITES.contains(c.suite()) || !c.sessionParams().isEmpty()) {
        continue;
      }
      Optional<byte[]> remote = inlineKey(c.keyParams());
      if (remote.isEmpty()) {
        continue;
      }
      byte[] local =
          current
              .filter(k -> k.suite().equals(c.suite()))
              .map(SdesKeys::localKeyAndSalt)
              .orElseGet(this::freshKey);
      return Optional.of(new SdesKeys(c.tag(), c.suite(), local, remote.get()));
    }
    return Optional.empty();
  }

  /** Our answer's line for these keys: the accepted tag and suite, our key. */
  public static SdpCrypto answerLine(SdesKeys keys) {
    return new SdpCrypto(
        keys.tag(),
        keys.suite(),
        "inline:" + Base64.getEncoder().encodeToString(keys.localKeyAndSalt()),
        List.of());
  }

  /** The master key and salt of a single {@code inline:} key without MKI, if that is what it is. */
  static Optional<byte[]> inlineKey(String keyParams) {
    if (keyParams.indexOf(';') >= 0 || !keyParams.regionMatches(true, 0, "inline:", 0, 7)) {
      return Optional.empty(); // several keys need an MKI to tell them apart
    }
    String[] fields = keyParams.substring(7).split("\\|");
    if (fields.length > 2) {
      return Optional.empty(); // key|lifetime|MKI:length
    }
    if (fields.length == 2 && fields[1].contains(":")) {
      return Optional.empty(); // key|MKI:length
    }
    try {
      byte[] keyAndSalt = Base64.getDecoder().decode(fields[0]);
      return keyAndSalt.length == SdesKeys.KEY_AND_SALT_LENGTH
          ? Optional.of(keyAndSalt)
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] freshKey() {
    byte[] key = new byte[SdesKeys.KEY_AND_SALT_LENGTH];
    keys.nextBytes(key);
    return key;
  }
}
