package dev.voicebot.rtp.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpReporterTest {

    private static final long MS = 1_000_000;

    @Test
    void roundTripTimeFromACraftedSrRrExchange() {
        RtcpReporter us = new RtcpReporter(0x1111, "us", new ReceptionStatistics(8000));
        Instant t0 = Instant.parse("2026-08-01T10:00:00Z");
        List<RtcpPacket> ours = us.buildReport(new SenderInfo(1000, 50, 8000), NtpTime.fromInstant(t0), 0);
        SenderReport sr = (SenderReport) ours.getFirst();
        assertThat(ours.get(1)).isEqualTo(SourceDescription.cname(0x1111, "us"));
        assertThat(sr.packetCount()).isEqualTo(50);
        assertThat(sr.reports()).isEmpty();

        // The peer holds our SR for 250 ms, and its RR reaches us 80 ms of network later (40 + 40).
        long lsr = NtpTime.middle32(sr.ntpTimestamp());
        long dlsr = NtpTime.nanosToCompact(250 * MS);
        ReceiverReport rr = new ReceiverReport(0x2222, List.of(new ReportBlock(0x1111, 26, 3, 500, 80, lsr, dlsr)));
        byte[] wire = RtcpCodec.encode(List.of(rr, SourceDescription.cname(0x2222, "peer")));
        Instant arrival = t0.plusMillis(40 + 250 + 40);
        us.onCompound(RtcpCodec.parse(wire, 0, wire.length), NtpTime.fromInstant(arrival), 330 * MS);

        assertThat(us.roundTripMillis()).isCloseTo(80, within(0.1));
        assertThat(us.remoteLossPercent()).isCloseTo(26 * 100.0 / 256, within(1e-9));
        assertThat(us.remoteJitter()).isEqualTo(80);
    }

    @Test
    void ourReportBlockCarriesTheLsrAndDlsrOfThePeersLastSr() {
        ReceptionStatistics reception = new ReceptionStatistics(8000);
        RtcpReporter us = new RtcpReporter(0x1111, "us", reception);
        for (int i = 0; i < 10; i++) {
            reception.onPacket(0x2222, i, 160 * i, i * 20 * MS, true);
        }
        long peerNtp = NtpTime.fromInstant(Instant.parse("2026-08-01T10:00:01.5Z"));
        us.onCompound(List.of(new SenderReport(0x2222, peerNtp, 1600, 10, 1600, List.of())), 0, 1_000 * MS);
        ReceiverReport rr = (ReceiverReport) us.buildReport(null, 0, 1_500 * MS).getFirst();
        ReportBlock block = rr.reports().getFirst();
        assertThat(block.ssrc()).isEqualTo(0x2222);
        assertThat(block.lastSr()).isEqualTo(NtpTime.middle32(peerNtp));
        assertThat(block.delaySinceLastSr()).isEqualTo(65_536 / 2);
        assertThat(block.extendedHighestSeq()).isEqualTo(9);
    }

    @Test
    void reportsWithoutLsrOrAboutOtherSourcesLeaveRttUnknown() {
        RtcpReporter us = new RtcpReporter(0x1111, "us", new ReceptionStatistics(8000));
        us.onCompound(List.of(new ReceiverReport(2, List.of(new ReportBlock(0x1111, 0, 0, 0, 0, 0, 0),
                new ReportBlock(0x9999, 0, 0, 0, 0, 123, 4)))), 1L << 40, 0);
        assertThat(us.roundTripMillis()).isNaN();
        us.onCompound(List.of(new Goodbye(List.of(2), "bye")), 0, 0);
        assertThat(us.peerLeft()).isTrue();
    }

    @Test
    void goodbyeIsAReportThenCnameThenBye() {
        RtcpReporter us = new RtcpReporter(5, "c", new ReceptionStatistics(8000));
        List<RtcpPacket> bye = us.buildGoodbye(new SenderInfo(0, 1, 160), 0, 0, "call ended");
        assertThat(bye).hasSize(3);
        assertThat(bye.get(0)).isInstanceOf(SenderReport.class);
        assertThat(bye.get(2)).isEqualTo(new Goodbye(List.of(5), "call ended"));
    }
}
