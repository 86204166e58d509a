package dev.voicebot.rtp.rtcp;

import java.util.List;

/**
 * SR (PT 200): what we sent, when, and reception blocks.
 *
 * @param ntpTimestamp 64-bit NTP time of sending (seconds since 1900 in the high 32 bits)
 * @param rtpTimestamp the RTP timestamp corresponding to the same instant
 * @param packetCount  RTP packets sent since the start (32-bit, wraps)
 * @param octetCount   RTP payload octets sent since the start (32-bit, wraps)
 */
public record SenderReport(int ssrc, long ntpTimestamp, int rtpTimestamp, long packetCount, long octetCount,
        List<ReportBlock> reports) implements RtcpPacket {

    public SenderReport {
        reports = List.copyOf(reports);
        if (reports.size() > MAX_COUNT) {
            throw new IllegalArgumentException("at most 31 report blocks");
        }
        packetCount &= 0xFFFFFFFFL;
        octetCount &= 0xFFFFFFFFL;
    }
}
