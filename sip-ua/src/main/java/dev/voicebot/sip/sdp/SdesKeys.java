package dev.voicebot.sip.sdp;

import java.util.Arrays;
import java.util.Objects;

/**
 * SRTP master keys agreed by SDES (RFC 4568): ours, sent in our {@code a=crypto}, encrypts what we
 * send; the peer's, from its {@code a=crypto}, decrypts what it sends.
 *
 * <p>Arrays are copied in and out; {@link #toString()} never shows them.
 *
 * @param tag the tag of the offer's crypto line we accepted (our answer repeats it)
 * @param suite the crypto suite, e.g. {@code AES_CM_128_HMAC_SHA1_80}
 * @param localKeyAndSalt our 16-byte master key followed by our 14-byte master salt
 * @param remoteKeyAndSalt the peer's master key and salt, same layout
 */
public record SdesKeys(int tag, String suite, byte[] localKeyAndSalt, byte[] remoteKeyAndSalt) {

  /** AES-128 master key (16 bytes) and salt (14 bytes), as both suites we accept use. */
  public static final int KEY_AND_SALT_LENGTH = 30;

  public SdesKeys {
    Objects.requireNonNull(suite, "suite");
    localKeyAndSalt = checked(localKeyAndSalt, "localKeyAndSalt");
    remoteKeyAndSalt = checked(remoteKeyAndSalt, "remoteKeyAndSalt");
  }

  @Override
  public byte[] localKeyAndSalt() {
    return localKeyAndSalt.clone();
  }

  @Override
  public byte[] remoteKeyAndSalt() {
    return remoteKeyAndSalt.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SdesKeys k
        && k.tag == tag
        && k.suite.equals(suite)
        && Arrays.equals(k.localKeyAndSalt, localKeyAndSalt)
        && Arrays.equals(k.remoteKeyAndSalt, remoteKeyAndSalt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        tag, suite, Arrays.hashCode(localKeyAndSalt), Arrays.hashCode(remoteKeyAndSalt));
  }

  @Override
  public String toString() {
    return "SdesKeys[tag=" + tag + ", " + suite + ", keys redacted]";
  }

  private static byte[] checked(byte[] keyAndSalt, String what) {
    Objects.requireNonNull(keyAndSalt, what);
    if (keyAndSalt.length != KEY_AND_SALT_LENGTH) {
      throw new IllegalArgumentException(what + " must be " + KEY_AND_SALT_LENGTH + " bytes");
    }
    return keyAndSalt.clone();
  }
}
