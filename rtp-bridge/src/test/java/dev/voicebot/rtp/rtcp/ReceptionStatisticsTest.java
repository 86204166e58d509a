package dev.voicebot.rtp.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReceptionStatisticsTest {

    private static final long MS = 1_000_000;

    @Test
    void jitterFollowsRfc3550AppendixA8OnASyntheticArrivalTrace() {
        ReceptionStatistics stats = new ReceptionStatistics(8000);
        // 20 ms packets (160 timestamp units) arriving alternately 0 and 5 ms late: every transit
        // difference is 5 ms = 40 units, so J converges to 40 (J += (|D| - J) / 16).
        double expected = 0;
        for (int i = 0; i < 200; i++) {
            long arrival = 1_000_000_000L + i * 20 * MS + (i % 2 == 1 ? 5 * MS : 0);
            stats.onPacket(0xABC, i, 5000 + 160 * i, arrival, true);
            if (i > 0) {
                expected += (40 - expected) / 16;
            }
        }
        assertThat(stats.jitter()).isBetween((long) expected - 1, (long) expected);
        assertThat(stats.jitter()).isEqualTo(39);
        assertThat(stats.jitterMillis()).isCloseTo(5, within(0.2));

        ReceptionStatistics steady = new ReceptionStatistics(8000);
        for (int i = 0; i < 100; i++) {
            steady.onPacket(1, 65500 + i, 160 * i, i * 20 * MS, true);
        }
        assertThat(steady.jitter()).isZero();
    }

    @Test
    void aSwitchToAnotherClockRateKeepsTheJitterInMillisecondsAndAddsNoFalseJitter() {
        ReceptionStatistics stats = new ReceptionStatistics(8000);
        int i = 0;
        for (; i < 200; i++) { // 5 ms alternating lateness at 8 kHz: about 5 ms of jitter
            stats.onPacket(7, i, 160 * i, 1_000_000_000L + i * 20 * MS + (i % 2 == 1 ? 5 * MS : 0), true);
        }
        double before = stats.jitterMillis();

        stats.clockRateChanged(48_000);
        assertThat(stats.jitterMillis()).isCloseTo(before, within(0.125)); // one 8 kHz unit of rounding
        int switchedAt = 160 * i;
        for (int k = 0; k < 10; k++, i++) { // steady Opus packets after the switch, timestamps at 48 kHz
            stats.onPacket(7, i, switchedAt + 960 * k, 1_000_000_000L + i * 20 * MS, true);
        }
        assertThat(stats.jitterMillis()).as("no spike from the change of timestamp rate").isLessThan(before);
        assertThat(stats.jitterMillis()).isGreaterThan(before / 2);
    }

    @Test
    void lossFractionAndExtendedSequenceAcrossAWrap() {
        ReceptionStatistics stats = new ReceptionStatistics(8000);
        int received = 0;
        for (int i = 0; i < 100; i++) {
            if (i % 10 == 3) {
                continue; // 10 % loss
            }
            int seq = (65_500 + i) & 0xFFFF;
            stats.onPacket(7, seq, 160 * i, i * 20 * MS, true);
            received++;
        }
        assertThat(received).isEqualTo(90);
        ReportBlock block = stats.report(0, 0);
        assertThat(block.ssrc()).isEqualTo(7);
        assertThat(block.extendedHighestSeq()).isEqualTo(65_536 + (65_500 + 99 - 65_536));
        assertThat(block.cumulativeLost()).isEqualTo(10);
        assertThat(block.fractionLost()).isEqualTo(10 * 256 / 100);
        assertThat(stats.lossPercent()).isCloseTo(10, within(1e-9));
        // The next interval has no loss: fraction resets, cumulative stays.
        for (int i = 100; i < 150; i++) {
            stats.onPacket(7, (65_500 + i) & 0xFFFF, 160 * i, i * 20 * MS, true);
        }
        ReportBlock next = stats.report(0, 0);
        assertThat(next.fractionLost()).isZero();
        assertThat(next.cumulativeLost()).isEqualTo(10);
    }

    @Test
    void eventPacketsAreCountedButDoNotDisturbJitter() {
        ReceptionStatistics stats = new ReceptionStatistics(8000);
        for (int i = 0; i < 50; i++) {
            boolean event = i >= 20 && i < 30; // telephone-events: one timestamp for the whole event
            stats.onPacket(1, i, event ? 160 * 20 : 160 * i, i * 20 * MS, !event);
        }
        assertThat(stats.jitter()).isZero();
        assertThat(stats.received()).isEqualTo(50);
    }

    @Test
    void aNewSsrcStartsAfresh() {
        ReceptionStatistics stats = new ReceptionStatistics(8000);
        stats.onPacket(1, 100, 0, 0, true);
        stats.onPacket(1, 110, 1600, 200 * MS, true); // 9 lost
        assertThat(stats.lossPercent()).isGreaterThan(80);
        stats.onPacket(2, 5000, 77, 220 * MS, true);
        assertThat(stats.sourceSsrc()).isEqualTo(2);
        assertThat(stats.lossPercent()).isZero();
    }
}
