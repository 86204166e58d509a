package dev.voicebot.rtp.srtp;

import java.util.Arrays;
import java.util.Optional;

/**
 * The SDES crypto suites we implement (RFC 4568 section 6.2): both AES-128 counter mode with
 * HMAC-SHA1, a 128-bit master key and a 112-bit master salt; they differ only in the length of
 * the SRTP authentication tag. SRTCP always carries the 80-bit tag (RFC 4568 section 6.2.2).
 */
public enum SrtpSuite {
    AES_CM_128_HMAC_SHA1_80(10),
    AES_CM_128_HMAC_SHA1_32(4);

    /** Master key length in bytes. */
    public static final int KEY_LENGTH = 16;
    /** Master salt length in bytes. */
    public static final int SALT_LENGTH = 14;
    /** SRTCP tag in bytes, whatever the suite. */
    public static final int SRTCP_TAG_LENGTH = 10;
    /** What SRTCP appends to a compound packet: E flag with 31-bit index, then the tag. */
    public static final int SRTCP_OVERHEAD = 4 + SRTCP_TAG_LENGTH;

    private final int srtpTagLength;

    SrtpSuite(int srtpTagLength) {
        this.srtpTagLength = srtpTagLength;
    }

    /** Bytes SRTP appends to each RTP packet. */
    public int srtpTagLength() {
        return srtpTagLength;
    }

    /** The suite with this RFC 4568 name (as in {@code a=crypto}), case-sensitive like the RFC. */
    public static Optional<SrtpSuite> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }
}
