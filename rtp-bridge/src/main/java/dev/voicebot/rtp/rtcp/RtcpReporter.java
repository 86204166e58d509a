package dev.voicebot.rtp.rtcp;

import java.util.ArrayList;
import java.util.List;

/**
 * The RTCP state of one call, without I/O: builds our compound reports and digests the peer's.
 *
 * <p>Round-trip time follows RFC 3550 §6.4.1: when the peer's report block about our SSRC
 * carries the LSR of one of our SRs and its DLSR, RTT = A - LSR - DLSR with A our arrival time,
 * all in the middle 32 bits of NTP time.
 *
 * <p>Called from the RTCP receive and send threads and by quality queries: synchronized.
 */
public final class RtcpReporter {

    private final int ssrc;
    private final String cname;
    private final ReceptionStatistics reception;

    /** Middle 32 bits of the peer's last SR timestamp, and when it arrived (System.nanoTime). */
    private long peerLastSr;
    private long peerLastSrArrivalNanos;
    private boolean peerSentSr;
    private int peerSsrc;
    private boolean peerLeft;

    private double roundTripMillis = Double.NaN;
    private int remoteFractionLost = -1;
    private long remoteCumulativeLost;
    private long remoteJitter;
    private long reportsReceived;

    public RtcpReporter(int ssrc, String cname, ReceptionStatistics reception) {
        this.ssrc = ssrc;
        this.cname = cname;
        this.reception = reception;
    }

    public int ssrc() {
        return ssrc;
    }

    /**
     * Our next compound report: an SR when {@code sender} is given (we sent RTP since the last
     * report), else an RR; a report block about the peer's source once we have heard it; and
     * our SDES CNAME, which RFC 3550 requires in every compound.
     */
    public synchronized List<RtcpPacket> buildReport(SenderInfo sender, long nowNtp, long nowNanos) {
        List<ReportBlock> blocks = receptionBlocks(nowNanos);
        List<RtcpPacket> compound = new ArrayList<>(3);
        if (sender != null) {
            compound.add(new SenderReport(ssrc, nowNtp, sender.rtpTimestamp(), sender.packetCount(),
                    sender.octetCount(), blocks));
        } else {
            compound.add(new ReceiverReport(ssrc, blocks));
        }
        compound.add(SourceDescription.cname(ssrc, cname));
        return compound;
    }

    /** A final report followed by BYE, for the end of the call. */
    public synchronized List<RtcpPacket> buildGoodbye(SenderInfo sender, long nowNtp, long nowNanos, String reason) {
        List<RtcpPacket> compound = new ArrayList<>(buildReport(sender, nowNtp, nowNanos));
        compound.add(new Goodbye(List.of(ssrc), reason));
        return compound;
    }

    /** Digests a parsed compound from the peer that arrived at {@code nowNtp} / {@code nowNanos}. */
    public synchronized void onCompound(List<RtcpPacket> packets, long nowNtp, long nowNanos) {
        for (RtcpPacket p : packets) {
            switch (p) {
                case SenderReport sr -> {
                    peerSsrc = sr.ssrc();
                    peerLastSr = NtpTime.middle32(sr.ntpTimestamp());
                    peerLastSrArrivalNanos = nowNanos;
                    peerSentSr = true;
                    digestBlocks(sr.reports(), nowNtp);
                }
                case ReceiverReport rr -> {
                    peerSsrc = rr.ssrc();
                    digestBlocks(rr.reports(), nowNtp);
                }
                case Goodbye bye -> peerLeft |= bye.ssrcs().contains(peerSsrc)
                        || (reception.hasSource() && bye.ssrcs().contains(reception.sourceSsrc()));
                case SourceDescription sdes -> {
                    // The peer's CNAME is not needed for a two-party call.
                }
            }
        }
        reportsReceived++;
    }

    /** Round-trip time from the latest usable report, NaN until one arrives. */
    public synchronized double roundTripMillis() {
        return roundTripMillis;
    }

    /** The loss the peer reports for our stream in its latest report, percent; NaN before one. */
    public synchronized double remoteLossPercent() {
        return remoteFractionLost < 0 ? Double.NaN : remoteFractionLost * 100.0 / 256;
    }

    public synchronized long remoteCumulativeLost() {
        return remoteCumulativeLost;
    }

    /** The jitter the peer reports for our stream, timestamp units. */
    public synchronized long remoteJitter() {
        return remoteJitter;
    }

    public synchronized long reportsReceived() {
        return reportsReceived;
    }

    public synchronized boolean peerLeft() {
        return peerLeft;
    }

    private List<ReportBlock> receptionBlocks(long nowNanos) {
        if (!reception.hasSource()) {
            return List.of();
        }
        long lsr = 0;
        long dlsr = 0;
        if (peerSentSr && peerSsrc == reception.sourceSsrc()) {
            lsr = peerLastSr;
            dlsr = NtpTime.nanosToCompact(nowNanos - peerLastSrArrivalNanos);
        }
        return List.of(reception.report(lsr, dlsr));
    }

    private void digestBlocks(List<ReportBlock> blocks, long nowNtp) {
        for (ReportBlock b : blocks) {
            if (b.ssrc() != ssrc) {
                continue;
            }
            remoteFractionLost = b.fractionLost();
            remoteCumulativeLost = b.cumulativeLost();
            remoteJitter = b.jitter();
            if (b.lastSr() != 0) {
                long rtt = (NtpTime.middle32(nowNtp) - b.lastSr() - b.delaySinceLastSr()) & 0xFFFFFFFFL;
                // A negative result (clock steps, a peer that fills DLSR wrongly) wraps to a huge value.
                if (rtt < 60L * 65_536) {
                    roundTripMillis = NtpTime.compactToMillis(rtt);
                }
            }
        }
    }
}
