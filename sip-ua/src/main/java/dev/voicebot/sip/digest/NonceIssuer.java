package dev.voicebot.sip.digest;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless nonces: {@code base64url(issued-at millis | 8 random bytes | HMAC-SHA256 of both)}.
 * Nothing is stored per challenge, so a flood of unanswered INVITEs costs no memory, and a nonce
 * we did not issue or that is older than the lifetime is recognised from the nonce alone.
 */
public final class NonceIssuer {

  /** What a presented nonce turned out to be. */
  public enum Check {
    VALID,
    /** Ours but too old: re-challenge with {@code stale=true}, the client keeps its password. */
    STALE,
    /** Not ours (or damaged). */
    FORGED
  }

  private static final int TIME = 8;
  private static final int RANDOM = 8;
  private static final int MAC = 16;

  private final byte[] key;
  private final Clock clock;
  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();

  /** A fresh random key: nonces do not survive a restart, which only costs one re-challenge. */
  public NonceIssuer(Clock clock, Duration lifetime) {
    this.key = new byte[32];
    random.nextBytes(key);
    this.clock = clock;
    this.lifetime = lifetime;
  }

  public String issue() {
    ByteBuffer b = ByteBuffer.allocate(TIME + RANDOM + MAC);
    b.putLong(clock.millis());
    byte[] r = new byte[RANDOM];
    random.nextBytes(r);
    b.put(r);
    b.put(mac(Arrays.copyOf(b.array(), TIME + RANDOM)));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  public Check check(String nonce) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(nonce);
    } catch (IllegalArgumentException e) {
      return Check.FORGED;
    }
    if (raw.length != TIME + RANDOM + MAC) {
      return Check.FORGED;
    }
    byte[] signed = Arrays.copyOf(raw, TIME + RANDOM);
    byte[] mac = Arrays.copyOfRange(raw, TIME + RANDOM, raw.length);
    if (!MessageDigest.isEqual(mac, mac(signed))) {
      return Check.FORGED;
    }
    long issued = ByteBuffer.wrap(raw).getLong();
    long age = clock.millis() - issued;
    return age < 0 || age > lifetime.toMillis() ? Check.STALE : Check.VALID;
  }

  private byte[] mac(byte[] data) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return Arrays.copyOf(m.doFinal(data), MAC);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
