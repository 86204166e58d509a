package dev.voicebot.rtp.rtcp;

/**
 * Our RTP stream's counters at one instant, for an SR.
 *
 * @param rtpTimestamp the RTP timestamp that corresponds to the instant (extrapolated from the
 *                     last packet sent)
 * @param packetCount  RTP packets sent so far
 * @param octetCount   RTP payload octets sent so far
 */
public record SenderInfo(int rtpTimestamp, long packetCount, long octetCount) {
}
