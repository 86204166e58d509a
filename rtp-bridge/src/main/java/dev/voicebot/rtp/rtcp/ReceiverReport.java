package dev.voicebot.rtp.rtcp;

import java.util.List;

/** RR (PT 201): reception blocks from a participant that has not sent since its last report. */
public record ReceiverReport(int ssrc, List<ReportBlock> reports) implements RtcpPacket {

    public ReceiverReport {
        reports = List.copyOf(reports);
        if (reports.size() > MAX_COUNT) {
            throw new IllegalArgumentException("at most 31 report blocks");
        }
    }
}
