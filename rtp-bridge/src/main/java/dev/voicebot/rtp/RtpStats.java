package dev.voicebot.rtp;

/**
 * Per-session media counters, a consistent-enough snapshot for metrics and call records.
 *
 * @param packetsReceived   valid RTP packets from the peer with a negotiated payload type (audio
 *                          and telephone-event); the basis for media timeouts
 * @param packetsSent       RTP packets sent (speech, silence and telephone-events)
 * @param packetsLost       packets that never arrived, from sequence number gaps
 * @param packetsLate       packets that arrived after their playout time
 * @param packetsDuplicate  packets whose audio was already buffered
 * @param packetsMalformed  datagrams that are not valid RTP (including any over 1500 bytes), or
 *                          telephone-events too short to be one; on an SRTP call also packets that
 *                          fail authentication or the replay check
 * @param packetsForeign    RTP from a source other than the latched peer, or with a payload type
 *                          that was not negotiated
 * @param dtmfDigits        RFC 4733 digits reported
 * @param packetsOverflowed valid packets dropped because the media clock had not yet taken the
 *                          ones before them (a flood: the per-session receive queue is bounded)
 * @param dtmfDigitsSent    RFC 4733 digits we sent completely
 * @param rtcpSent          RTCP compound packets sent
 * @param rtcpReceived      valid RTCP compound packets received from the peer
 * @param jitterTargetMillis the jitter buffer's current target playout delay (it follows the
 *                          measured jitter within the configured range)
 * @param jitterGrows       frames the jitter buffer played without consuming audio, to grow its
 *                          delay (concealment or silence)
 * @param jitterShrinks     frames of silence the jitter buffer dropped to shrink its delay
 */
public record RtpStats(long packetsReceived, long packetsSent, long packetsLost, long packetsLate,
        long packetsDuplicate, long packetsMalformed, long packetsForeign, long dtmfDigits,
        long packetsOverflowed, long dtmfDigitsSent, long rtcpSent, long rtcpReceived,
        int jitterTargetMillis, long jitterGrows, long jitterShrinks) {
}
