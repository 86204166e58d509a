package dev.voicebot.rtp.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.rtp.rtp.RtpPacket;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpTransformerTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    static SrtpKeys randomKeys(SrtpSuite suite) {
        byte[] a = new byte[SrtpKeys.KEY_AND_SALT_LENGTH];
        byte[] b = new byte[SrtpKeys.KEY_AND_SALT_LENGTH];
        RANDOM.nextBytes(a);
        RANDOM.nextBytes(b);
        return new SrtpKeys(suite, a, b);
    }

    /** A 172-byte PCMU packet in a buffer with room for any tag. */
    private static byte[] rtp(int sequence, int ssrc) {
        byte[] packet = new byte[1500];
        RtpPacket.writeHeader(packet, 0, false, 0, sequence, sequence * 160, ssrc);
        for (int i = 12; i < 172; i++) {
            packet[i] = (byte) (i * 7 + sequence);
        }
        return packet;
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void rtpProtectedByOneSideIsRestoredByTheOther(SrtpSuite suite) {
        SrtpKeys keys = randomKeys(suite);
        try (var us = SrtpTransformer.create(keys); var peer = SrtpTransformer.create(keys.reversed())) {
            for (int seq = 100; seq < 110; seq++) {
                byte[] packet = rtp(seq, 0x1234);
                byte[] plain = Arrays.copyOf(packet, 172);
                int protectedLength = us.protectRtp(packet, 172);
                assertThat(protectedLength).isEqualTo(172 + suite.srtpTagLength());
                assertThat(Arrays.copyOfRange(packet, 12, 172)).isNotEqualTo(Arrays.copyOfRange(plain, 12, 172));
                assertThat(Arrays.copyOf(packet, 12)).isEqualTo(Arrays.copyOf(plain, 12)); // header stays clear

                assertThat(peer.unprotectRtp(packet, protectedLength)).isEqualTo(172);
                assertThat(Arrays.copyOf(packet, 172)).isEqualTo(plain);
            }
        }
    }

    @Test
    void streamsStartingAnywhereSurviveTheSequenceNumberWrap() {
        for (int start : new int[] {0, 1, 32767, 32768, 40000, 65000, 65530, 65535}) {
            SrtpKeys keys = randomKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
            try (var us = SrtpTransformer.create(keys); var peer = SrtpTransformer.create(keys.reversed())) {
                for (int i = 0; i < 100; i++) {
                    byte[] packet = rtp((start + i) & 0xFFFF, 3);
                    assertThat(peer.unprotectRtp(packet, us.protectRtp(packet, 172)))
                            .as("packet %d of a stream starting at %d", i, start).isEqualTo(172);
                }
            }
        }
    }

    @Test
    void tamperedPacketIsRejected() {
        SrtpKeys keys = randomKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        try (var us = SrtpTransformer.create(keys); var peer = SrtpTransformer.create(keys.reversed())) {
            byte[] packet = rtp(1, 7);
            int length = us.protectRtp(packet, 172);
            packet[40] ^= 1;
            assertThat(peer.unprotectRtp(packet, length)).isEqualTo(-1);
        }
    }

    @Test
    void packetUnderAnotherKeyIsRejected() {
        try (var us = SrtpTransformer.create(randomKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_80));
                var stranger = SrtpTransformer.create(randomKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_80))) {
            byte[] packet = rtp(1, 7);
            int length = us.protectRtp(packet, 172);
            assertThat(stranger.unprotectRtp(packet, length)).isEqualTo(-1);
        }
    }

    @Test
    void plainRtpIsRejected() {
        SrtpKeys keys = randomKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        try (var peer = SrtpTransformer.create(keys)) {
            assertThat(peer.unprotectRtp(rtp(1, 7), 172)).isEqualTo(-1);
        }
    }

    @Test
    void replayedPacketIsRejected() {
        SrtpKeys keys = randomKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        try (var us = SrtpTransformer.create(keys); var peer = SrtpTransformer.create(keys.reversed())) {
            byte[] packet = rtp(5, 7);
            int length = us.protectRtp(packet, 172);
            byte[] copy = packet.clone();
            assertThat(peer.unprotectRtp(packet, length)).isEqualTo(172);
            assertThat(peer.unprotectRtp(copy, length)).isEqualTo(-1);
        }
    }

    @Test
    void secondPeerStreamWithItsOwnSsrcIsAccepted() {
        SrtpKeys keys = randomKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        try (var us = SrtpTransformer.create(keys); var peer = SrtpTransformer.create(keys.reversed())) {
            int sequence = 0;
            for (int ssrc : new int[] {11, 22, 11}) {
                byte[] packet = rtp(sequence++, ssrc);
                assertThat(peer.unprotectRtp(packet, us.protectRtp(packet, 172))).isEqualTo(172);
            }
        }
    }

    @Test
    void rtcpProtectedByOneSideIsRestoredByTheOtherAndTamperingIsRejected() {
        SrtpKeys keys = randomKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_32);
        try (var us = SrtpTransformer.create(keys); var peer = SrtpTransformer.create(keys.reversed())) {
            byte[] rr = new byte[1500];
            // RR with no report blocks: V=2, PT=201, length 1 (8 bytes), SSRC.
            byte[] header = {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0x30, 0x39};
            System.arraycopy(header, 0, rr, 0, 8);
            int length = us.protectRtcp(rr, 8);
            assertThat(length).isEqualTo(8 + SrtpSuite.SRTCP_OVERHEAD);
            byte[] copy = rr.clone();
            assertThat(peer.unprotectRtcp(rr, length)).isEqualTo(8);
            assertThat(Arrays.copyOf(rr, 8)).isEqualTo(header);

            copy[length - 1] ^= 1;
            assertThat(peer.unprotectRtcp(copy, length)).isEqualTo(-1);
        }
    }

    @Test
    void bufferWithoutRoomForTheTagIsRefused() {
        try (var us = SrtpTransformer.create(randomKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_80))) {
            byte[] exact = Arrays.copyOf(rtp(1, 7), 172);
            assertThat(us.protectRtp(exact, 172)).isEqualTo(-1);
        }
    }

    @Test
    void keysNeverShowInToString() {
        SrtpKeys keys = randomKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        String text = keys.toString();
        assertThat(text).contains("redacted").doesNotContain(Arrays.toString(keys.localKeyAndSalt()));
        assertThat(keys).isEqualTo(new SrtpKeys(keys.suite(), keys.localKeyAndSalt(), keys.remoteKeyAndSalt()));
    }

    /** Prints the per-packet cost; the bound only catches a pathological slowdown (e.g. no AES-NI). */
    @Test
    void protectAndUnprotectCostFewMicrosecondsPerPacket() {
        SrtpKeys keys = randomKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        try (var us = SrtpTransformer.create(keys); var peer = SrtpTransformer.create(keys.reversed())) {
            byte[] packet = rtp(0, 9);
            int n = 20_000;
            long protectNanos = 0;
            long unprotectNanos = 0;
            for (int round = 0; round < 2; round++) { // first round warms up the JIT
                protectNanos = 0;
                unprotectNanos = 0;
                for (int i = 0; i < n; i++) {
                    RtpPacket.writeHeader(packet, 0, false, 0, (round * n + i) & 0xFFFF, i * 160, 9);
                    long t0 = System.nanoTime();
                    int length = us.protectRtp(packet, 172);
                    long t1 = System.nanoTime();
                    int plain = peer.unprotectRtp(packet, length);
                    long t2 = System.nanoTime();
                    assertThat(plain).isEqualTo(172);
                    protectNanos += t1 - t0;
                    unprotectNanos += t2 - t1;
                }
            }
            double protectMicros = protectNanos / 1000.0 / n;
            double unprotectMicros = unprotectNanos / 1000.0 / n;
            System.out.printf("SRTP per 172-byte packet: protect %.2f us, unprotect %.2f us%n", protectMicros,
                    unprotectMicros);
            assertThat(protectMicros + unprotectMicros).isLessThan(200);
        }
    }
}
