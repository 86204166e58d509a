package dev.voicebot.rtp.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * One call's SRTP master keys, one per direction.
 *
 * <p>The arrays are copied in and out, so the record stays immutable; {@link #toString()} never
 * shows them, so a key cannot reach a log by accident.
 *
 * @param suite the negotiated crypto suite
 * @param localKeyAndSalt what we encrypt with: our master key followed by our master salt (the
 *     key in our SDP's {@code a=crypto}), {@value SrtpSuite#KEY_LENGTH} + {@value
 *     SrtpSuite#SALT_LENGTH} bytes
 * @param remoteKeyAndSalt what the peer encrypts with (its {@code a=crypto}), same layout
 */
public record SrtpKeys(SrtpSuite suite, byte[] localKeyAndSalt, byte[] remoteKeyAndSalt) {

    /** Master key and salt, concatenated as RFC 4568 sends them. */
    public static final int KEY_AND_SALT_LENGTH = SrtpSuite.KEY_LENGTH + SrtpSuite.SALT_LENGTH;

    public SrtpKeys {
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

    /** The same keys seen from the peer (for loopback tests): local and remote swapped. */
    public SrtpKeys reversed() {
        return new SrtpKeys(suite, remoteKeyAndSalt, localKeyAndSalt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpKeys k && k.suite == suite && Arrays.equals(k.localKeyAndSalt, localKeyAndSalt)
                && Arrays.equals(k.remoteKeyAndSalt, remoteKeyAndSalt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(suite, Arrays.hashCode(localKeyAndSalt), Arrays.hashCode(remoteKeyAndSalt));
    }

    @Override
    public String toString() {
        return "SrtpKeys[" + suite + ", keys redacted]";
    }

    private static byte[] checked(byte[] keyAndSalt, String what) {
        Objects.requireNonNull(keyAndSalt, what);
        if (keyAndSalt.length != KEY_AND_SALT_LENGTH) {
            throw new IllegalArgumentException(what + " must be " + KEY_AND_SALT_LENGTH + " bytes, not "
                    + keyAndSalt.length);
        }
        return keyAndSalt.clone();
    }
}
