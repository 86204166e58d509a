package dev.voicebot.rtp;

import static dev.voicebot.rtp.SourceLatch.Verdict.ACCEPT;
import static dev.voicebot.rtp.SourceLatch.Verdict.ACCEPT_DISCARDING;
import static dev.voicebot.rtp.SourceLatch.Verdict.HOLD;
import static dev.voicebot.rtp.SourceLatch.Verdict.HOLD_AFRESH;
import static dev.voicebot.rtp.SourceLatch.Verdict.LATCHED;
import static dev.voicebot.rtp.SourceLatch.Verdict.LEARNED;
import static dev.voicebot.rtp.SourceLatch.Verdict.REJECT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SourceLatchTest {

    private static final InetSocketAddress SDP = new InetSocketAddress("192.0.2.10", 4000);
    private static final InetSocketAddress NAT = new InetSocketAddress("198.51.100.7", 61_234);
    private static final InetSocketAddress SPOOFER = new InetSocketAddress("203.0.113.66", 4000);

    private final SourceLatch latch = new SourceLatch(SDP);

    @Test
    void theAddressInTheSdpLatchesWithItsFirstPacket() {
        assertThat(latch.offer(SDP, 1, 100)).isEqualTo(LATCHED);
        assertThat(latch.latched()).isEqualTo(SDP);
        assertThat(latch.offer(SDP, 1, 101)).isEqualTo(ACCEPT);
        assertThat(latch.offer(NAT, 1, 102)).isEqualTo(REJECT);
    }

    @Test
    void aSingleSpoofedPacketBeforeTheCallersFirstDoesNotLatch() {
        assertThat(latch.offer(SPOOFER, 0x666, 7)).isEqualTo(HOLD);
        assertThat(latch.latched()).isNull();
        assertThat(latch.offer(SDP, 1, 100)).as("the held spoof is dropped").isEqualTo(ACCEPT_DISCARDING);
        assertThat(latch.latched()).isEqualTo(SDP);
        assertThat(latch.offer(SPOOFER, 0x666, 8)).isEqualTo(REJECT);
    }

    @Test
    void aCallerBehindNatLatchesAfterALearningRunWithoutLosingItsFirstPackets() {
        assertThat(latch.offer(NAT, 9, 65_534)).isEqualTo(HOLD);
        assertThat(latch.offer(NAT, 9, 65_535)).isEqualTo(HOLD);
        assertThat(latch.held()).isEqualTo(2);
        assertThat(latch.offer(NAT, 9, 0)).as("sequence wraps inside the run").isEqualTo(LEARNED);
        assertThat(latch.latched()).isEqualTo(NAT);
        assertThat(latch.offer(NAT, 9, 1)).isEqualTo(ACCEPT);
        assertThat(latch.offer(SDP, 9, 2)).as("latched: even the SDP address is foreign now").isEqualTo(REJECT);
    }

    @Test
    void aLearningRunRestartsOnAnotherSourceSsrcOrASequenceGap() {
        assertThat(latch.offer(NAT, 9, 10)).isEqualTo(HOLD);
        assertThat(latch.offer(SPOOFER, 9, 11)).isEqualTo(HOLD_AFRESH);
        assertThat(latch.offer(NAT, 9, 12)).isEqualTo(HOLD_AFRESH);
        assertThat(latch.offer(NAT, 10, 13)).as("another SSRC").isEqualTo(HOLD_AFRESH);
        assertThat(latch.offer(NAT, 10, 15)).as("a gap").isEqualTo(HOLD_AFRESH);
        assertThat(latch.offer(NAT, 10, 16)).isEqualTo(HOLD);
        assertThat(latch.offer(NAT, 10, 17)).isEqualTo(LEARNED);
    }

    @Test
    void aMovedPeerRelatchesAtOnceAtItsNewAddressAndNeverToTheOldOne() {
        latch.offer(SDP, 1, 1);
        InetSocketAddress moved = new InetSocketAddress("192.0.2.99", 5000);
        latch.expect(moved);
        assertThat(latch.latched()).isNull();
        for (int seq = 2; seq < 6; seq++) {
            assertThat(latch.offer(SDP, 1, seq)).as("the source it left").isEqualTo(REJECT);
        }
        assertThat(latch.offer(moved, 2, 50)).isEqualTo(LATCHED);
    }

    @Test
    void aReofferOfTheSameAddressKeepsTheLatchOfANatedPeer() {
        latch.offer(NAT, 3, 1);
        latch.offer(NAT, 3, 2);
        latch.offer(NAT, 3, 3);
        latch.expect(SDP); // a re-INVITE repeats the address the NATed caller cannot be reached at
        assertThat(latch.latched()).isEqualTo(NAT);
        assertThat(latch.offer(NAT, 3, 4)).isEqualTo(ACCEPT);
    }
}
