package dev.voicebot.rtp.rtcp;

/**
 * Reception statistics about one source (RFC 3550 §6.4.1).
 *
 * @param ssrc               the source reported on
 * @param fractionLost       packets lost since the previous report, in 1/256 (0-255)
 * @param cumulativeLost     packets lost over the call (24-bit signed: duplicates can make it
 *                           negative)
 * @param extendedHighestSeq highest sequence number received, with 16 bits of wrap count above
 * @param jitter             interarrival jitter in timestamp units
 * @param lastSr             middle 32 bits of the NTP timestamp of the last SR received from the
 *                           source, 0 if none
 * @param delaySinceLastSr   delay between receiving that SR and sending this block, 1/65536 s
 */
public record ReportBlock(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSeq, long jitter,
        long lastSr, long delaySinceLastSr) {

    static final int LENGTH = 24;

    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost is 0-255: " + fractionLost);
        }
        cumulativeLost = Math.clamp(cumulativeLost, -0x800000, 0x7FFFFF);
        extendedHighestSeq &= 0xFFFFFFFFL;
        jitter &= 0xFFFFFFFFL;
        lastSr &= 0xFFFFFFFFL;
        delaySinceLastSr &= 0xFFFFFFFFL;
    }
}
