package dev.voicebot.rtp;

import static dev.voicebot.rtp.RtpPeer.await;
import static dev.voicebot.rtp.RtpPeer.rtp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.rtp.RtpPeer.Received;
import dev.voicebot.rtp.codec.G711;
import dev.voicebot.rtp.codec.PayloadFormat;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** End-to-end over 127.0.0.1 with the real media clock. */
@Timeout(30)
class RtpSessionTest extends LoopbackSessionFixture {

    private static short[] tone16k(double hz, int samples, double amplitude) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / 16000));
        }
        return s;
    }

    private static byte[] toneEncoded(boolean alaw, double hz, int from, int samples, double amplitude) {
        byte[] b = new byte[samples];
        for (int i = 0; i < samples; i++) {
            short v = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (from + i) / 8000));
            b[i] = alaw ? G711.alawEncode(v) : G711.ulawEncode(v);
        }
        return b;
    }

    private static int audibleSamples(byte[] ulawPayload) {
        int n = 0;
        for (byte b : ulawPayload) {
            if (Math.abs(G711.ulawDecode(b)) > 64) {
                n++;
            }
        }
        return n;
    }

    private static byte[] event(int code, boolean end, int duration) {
        return new byte[] {(byte) code, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
    }

    @Test
    void sendsPlayedAudioWithContinuousSequenceTimestampAndOneMarkerPerTalkspurt() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, TELEPHONE_EVENT, listener);
        await("silence before speech", () -> peer.packets.size() >= 5, 2000);
        session.play(tone16k(1000, 3200, 8000)); // 200 ms: ten packets
        assertThat(session.isPlaying()).isTrue();
        await("talkspurt to drain", () -> listener.drained.get() == 1, 2000);
        int afterDrain = peer.packets.size();
        await("silence after speech", () -> peer.packets.size() >= afterDrain + 5, 2000);
        assertThat(session.isPlaying()).isFalse();
        assertThat(listener.started).hasValue(1);

        List<Received> packets = List.copyOf(peer.packets);
        Received first = packets.getFirst();
        int markerIndex = -1;
        for (int i = 0; i < packets.size(); i++) {
            Received p = packets.get(i);
            assertThat(p.payloadType()).isZero();
            assertThat(p.payload()).hasSize(160);
            assertThat(p.ssrc()).isEqualTo(first.ssrc());
            assertThat(p.sequence()).isEqualTo((first.sequence() + i) & 0xFFFF);
            assertThat(p.timestamp()).isEqualTo((first.timestamp() + 160L * i) & 0xFFFFFFFFL);
            if (p.marker()) {
                assertThat(markerIndex).as("a single talkspurt has a single marker").isEqualTo(-1);
                markerIndex = i;
            }
        }
        assertThat(markerIndex).isPositive();
        assertThat(audibleSamples(packets.get(markerIndex - 1).payload())).isZero();
        for (int i = markerIndex; i < markerIndex + 10; i++) {
            assertThat(audibleSamples(packets.get(i).payload())).as("speech packet %d", i).isGreaterThan(100);
        }
        assertThat(audibleSamples(packets.get(markerIndex + 12).payload())).isZero();
        assertThat(session.stats().packetsSent()).isGreaterThanOrEqualTo(packets.size());
    }

    @Test
    void eachTickReportsTheFrameItSentSilenceWhileIdleAndThePlayedAudioInOrder() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, TELEPHONE_EVENT, listener);
        await("idle ticks", () -> listener.sentFrames.size() >= 3, 2000);
        short[] tone = tone16k(1000, 3200, 8000); // 200 ms: ten frames
        session.play(tone);
        await("talkspurt to drain", () -> listener.drained.get() == 1, 2000);
        session.close();

        List<short[]> sent = List.copyOf(listener.sentFrames);
        assertThat(sent).allSatisfy(f -> assertThat(f).hasSize(RtpSession.FRAME_16K));
        int first = 0;
        while (first < sent.size() && RecordingListener.rms(sent.get(first)) == 0) {
            first++;
        }
        assertThat(first).as("silent frames before the speech").isPositive();
        for (int f = 0; f < 10; f++) {
            short[] expected = java.util.Arrays.copyOfRange(tone, f * RtpSession.FRAME_16K, (f + 1) * RtpSession.FRAME_16K);
            assertThat(sent.get(first + f)).as("frame %d of the speech, sample for sample", f).isEqualTo(expected);
        }
        assertThat(sent.size()).as("one frame per packet sent").isEqualTo((int) session.stats().packetsSent());
    }

    @Test
    void audioPlayedOnOneSessionArrivesDecodedOnTheOther() throws Exception {
        RtpSession a = bridge.open();
        RtpSession b = bridge.open();
        RecordingListener aListener = new RecordingListener();
        a.start(new InetSocketAddress(LOOPBACK, b.localPort()), PayloadFormat.PCMA, -1, aListener);
        b.start(new InetSocketAddress(LOOPBACK, a.localPort()), PayloadFormat.PCMA, -1, listener);
        a.play(tone16k(1000, 16000, 8000)); // 1 s
        await("a's talkspurt to drain", () -> aListener.drained.get() == 1, 3000);
        Thread.sleep(200);

        List<short[]> frames = List.copyOf(listener.frames);
        assertThat(frames).allSatisfy(f -> assertThat(f).hasSize(RtpSession.FRAME_16K));
        List<short[]> voiced = frames.stream().filter(f -> RecordingListener.rms(f) > 1000).toList();
        assertThat(voiced.size()).isBetween(48, 52);
        short[] middle = voiced.get(voiced.size() / 2);
        assertThat(RecordingListener.rms(middle)).isBetween(8000 / Math.sqrt(2) * 0.9, 8000 / Math.sqrt(2) * 1.1);
        int crossings = 0;
        for (int i = 1; i < middle.length; i++) {
            if ((middle[i - 1] < 0) != (middle[i] < 0)) {
                crossings++;
            }
        }
        assertThat(crossings).as("1 kHz over 20 ms").isBetween(38, 42);
        RtpStats stats = b.stats();
        assertThat(stats.packetsLost()).isZero();
        assertThat(stats.packetsLate()).isZero();
        assertThat(stats.packetsMalformed()).isZero();
    }

    @Test
    void decodes30msPcmaPacketsIntoGaplessFrames() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMA, TELEPHONE_EVENT, listener);
        // Like SIPp's g711a.pcap: PCMA, 240-byte payloads every 30 ms.
        int packets = 20;
        long next = System.nanoTime();
        for (int k = 0; k < packets; k++) {
            peer.send(session.localPort(), rtp(8, k == 0, 4000 + k, 90000 + 240L * k, 0x5A5A,
                    toneEncoded(true, 500, 240 * k, 240, 10000)));
            next += 30_000_000;
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
        }
        Thread.sleep(200);
        List<short[]> frames = List.copyOf(listener.frames);
        int firstVoiced = -1;
        int lastVoiced = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (RecordingListener.rms(frames.get(i)) > 1000) {
                firstVoiced = firstVoiced < 0 ? i : firstVoiced;
                lastVoiced = i;
            }
        }
        int voicedSpan = lastVoiced - firstVoiced + 1;
        assertThat(voicedSpan).as("600 ms of audio in 20 ms frames").isBetween(29, 31);
        for (int i = firstVoiced + 1; i < lastVoiced; i++) {
            assertThat(RecordingListener.rms(frames.get(i))).as("frame %d", i).isGreaterThan(5000);
        }
        RtpStats stats = session.stats();
        assertThat(stats.packetsReceived()).isEqualTo(packets);
        assertThat(stats.packetsLost()).isZero();
        assertThat(stats.packetsLate()).isZero();
    }

    @Test
    void deliversEachRfc4733DigitOnceEvenFromAnotherSsrcAndSequenceBase() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, TELEPHONE_EVENT, listener);
        int port = session.localPort();
        peer.send(port, rtp(0, true, 100, 8000, 0x1111, toneEncoded(false, 400, 0, 160, 5000)));
        // SIPp's DTMF pcaps: their own SSRC and sequence numbers.
        int seq = 50000;
        for (int d = 160; d <= 480; d += 160) {
            peer.send(port, rtp(TELEPHONE_EVENT, d == 160, seq++, 777000, 0x2222, event(5, false, d)));
        }
        for (int i = 0; i < 3; i++) {
            peer.send(port, rtp(TELEPHONE_EVENT, false, seq++, 777000, 0x2222, event(5, true, 640)));
        }
        // '#' whose end packets are all lost, then '1'.
        peer.send(port, rtp(TELEPHONE_EVENT, true, seq++, 779000, 0x2222, event(11, false, 160)));
        peer.send(port, rtp(TELEPHONE_EVENT, true, seq++, 781000, 0x2222, event(1, false, 160)));
        for (int i = 0; i < 3; i++) {
            peer.send(port, rtp(TELEPHONE_EVENT, false, seq++, 781000, 0x2222, event(1, true, 480)));
        }
        await("three digits", () -> listener.digits.size() >= 3, 2000);
        Thread.sleep(100);
        assertThat(listener.digits).containsExactly('5', '#', '1');
        RtpStats stats = session.stats();
        assertThat(stats.dtmfDigits()).isEqualTo(3);
        assertThat(stats.packetsForeign()).isZero();
        assertThat(stats.packetsReceived()).isEqualTo(1 + 6 + 5);
    }

    @Test
    void countsAndDropsMalformedAndForeignPacketsAndKeepsSendingToTheLatchedPeer() throws Exception {
        RtpSession session = bridge.open();
        // The SDP address is a dead port: symmetric RTP must switch to where the media comes from.
        session.start(new InetSocketAddress(LOOPBACK, 9), PayloadFormat.PCMU, TELEPHONE_EVENT, listener);
        int port = session.localPort();
        try (RtpPeer stranger = new RtpPeer()) {
            // Not the SDP's address (NAT): it latches after a learning run of consecutive packets.
            for (int seq = 1; seq <= SourceLatch.LEARNING_RUN; seq++) {
                peer.send(port, rtp(0, seq == 1, seq, 160L * seq, 0xAAAA, new byte[160]));
            }
            await("latching", () -> session.stats().packetsReceived() == SourceLatch.LEARNING_RUN, 2000);
            peer.send(port, new byte[] {(byte) 0x80, 0, 0});                      // too short
            byte[] v1 = rtp(0, false, 4, 640, 0xAAAA, new byte[160]);
            v1[0] = 0x40;                                                           // version 1
            peer.send(port, v1);
            peer.send(port, rtp(13, false, 5, 800, 0xAAAA, new byte[1]));           // comfort noise: not negotiated
            stranger.send(port, rtp(0, false, 9, 9999, 0xBBBB, new byte[160]));     // another source
            peer.send(port, rtp(0, false, 6, 960, 0xAAAA, new byte[160]));
            await("all datagrams handled",
                    () -> session.stats().packetsReceived() == SourceLatch.LEARNING_RUN + 1, 2000);
            int before = peer.packets.size();
            await("packets at the latched peer", () -> peer.packets.size() >= before + 3, 2000);
            RtpStats stats = session.stats();
            assertThat(stats.packetsMalformed()).isEqualTo(2);
            assertThat(stats.packetsForeign()).isEqualTo(2);
            assertThat(stranger.packets).isEmpty();
        }
    }

    @Test
    void aSpoofedPacketBeforeTheCallersFirstDoesNotLatchAndTheCallerFromItsSdpAddressDoes() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, TELEPHONE_EVENT, listener);
        int port = session.localPort();
        try (RtpPeer spoofer = new RtpPeer()) {
            spoofer.send(port, rtp(0, true, 500, 4000, 0x6666, toneEncoded(false, 300, 0, 160, 20000)));
            Thread.sleep(60);
            assertThat(session.stats().packetsReceived()).as("held, not taken").isZero();
            peer.send(port, rtp(0, true, 1, 160, 0xAAAA, toneEncoded(false, 400, 0, 160, 5000)));
            await("the caller latched at its first packet", () -> session.stats().packetsReceived() == 1, 2000);
            spoofer.send(port, rtp(0, false, 501, 4160, 0x6666, new byte[160]));
            spoofer.send(port, rtp(0, false, 502, 4320, 0x6666, new byte[160]));
            await("spoofed packets counted", () -> session.stats().packetsForeign() == 3, 2000);
            int before = spoofer.packets.size();
            Thread.sleep(100);
            assertThat(spoofer.packets).as("nothing is sent to the spoofer").hasSize(before).isEmpty();
            assertThat(session.stats().packetsReceived()).isEqualTo(1);
        }
    }

    @Test
    void aCallerBehindNatLatchesAfterTheLearningRunAndLosesNoneOfItsFirstPackets() throws Exception {
        RtpSession session = bridge.open();
        // The SDP names an address the caller cannot be reached at; it sends from another port.
        session.start(new InetSocketAddress(LOOPBACK, 9), PayloadFormat.PCMU, TELEPHONE_EVENT, listener);
        int port = session.localPort();
        long next = System.nanoTime();
        for (int k = 0; k < 25; k++) { // a steady 20 ms stream of a 400 Hz tone
            peer.send(port, rtp(0, k == 0, 7000 + k, 160L * k, 0xABCD, toneEncoded(false, 400, 160 * k, 160, 8000)));
            next += 20_000_000;
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
        }
        await("every packet taken", () -> session.stats().packetsReceived() == 25, 2000);
        await("our stream goes to where the caller is", () -> peer.packets.size() >= 3, 2000);
        Thread.sleep(100);
        RtpStats stats = session.stats();
        assertThat(stats.packetsForeign()).isZero();
        assertThat(stats.packetsLost()).isZero();
        long voiced = listener.rawFrames.stream().filter(f -> RecordingListener.rms(f) > 3000).count();
        assertThat(voiced).as("all 500 ms of the tone reach the listener").isBetween(24L, 26L);
    }

    @Test
    void clearPlayoutStopsSpeechWithinOneTick() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, TELEPHONE_EVENT, listener);
        await("first packet", () -> !peer.packets.isEmpty(), 2000);
        int firstSeq = peer.packets.getFirst().sequence();
        session.play(tone16k(700, 16000 * 3, 8000));
        await("speech under way", () -> peer.packets.stream().filter(p -> audibleSamples(p.payload()) > 100).count() >= 5, 2000);
        long sentAtClear = session.stats().packetsSent();
        session.clearPlayout();
        assertThat(session.isPlaying()).isFalse();
        await("drained", () -> listener.drained.get() == 1, 1000);
        int index = (int) sentAtClear;
        await("packets after the clear", () -> peer.packets.size() > index + 5, 2000);

        for (Received p : List.copyOf(peer.packets)) {
            int i = (p.sequence() - firstSeq) & 0xFFFF;
            if (i == index + 1) {
                // Only the resampler's 2 ms filter tail of the last speech frame may remain.
                assertThat(audibleSamples(p.payload())).as("packet %d", i).isLessThanOrEqualTo(20);
            } else if (i > index + 1) {
                assertThat(audibleSamples(p.payload())).as("packet %d", i).isZero();
            }
        }
        assertThat(listener.started).hasValue(1);

        // The next reply is a new talkspurt: marker bit and a fresh onPlayoutStarted.
        session.play(tone16k(700, 1600, 8000));
        await("second talkspurt", () -> listener.drained.get() == 2, 2000);
        assertThat(listener.started).hasValue(2);
        assertThat(peer.packets.stream().filter(Received::marker).count()).isEqualTo(2);
    }

    @Test
    void updateRemoteMovesTheStreamAndRelatchesToTheNewPeer() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, TELEPHONE_EVENT, listener);
        int port = session.localPort();
        peer.send(port, rtp(0, false, 1, 160, 0xAAAA, new byte[160]));
        await("latched to the first peer", () -> session.stats().packetsReceived() == 1, 2000);
        try (RtpPeer moved = new RtpPeer()) {
            session.updateRemote(moved.address()); // e.g. a re-INVITE after a PBX transfer
            await("packets at the new peer", () -> moved.packets.size() >= 3, 2000);
            peer.send(port, rtp(0, false, 2, 320, 0xAAAA, new byte[160]));      // old source: now foreign
            moved.send(port, rtp(0, false, 900, 50000, 0xCCCC, new byte[160])); // new source: latches
            await("both handled", () -> session.stats().packetsForeign() == 1
                    && session.stats().packetsReceived() == 2, 2000);
            int oldPeerCount = peer.packets.size();
            Thread.sleep(100);
            assertThat(peer.packets.size()).isLessThanOrEqualTo(oldPeerCount + 1);
        }
    }

    @Test
    void stoppedSendingSendsNothingUntilResumed() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, -1, listener);
        await("sending", () -> peer.packets.size() >= 3, 2000);

        session.setSending(false);
        Thread.sleep(60);
        int held = peer.packets.size();
        Thread.sleep(200);
        assertThat(peer.packets).as("nothing is sent on hold").hasSize(held);

        session.setSending(true);
        await("sending again", () -> peer.packets.size() >= held + 3, 2000);
    }

    @Test
    void closeStopsSendingAndReleasesThePort() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, -1, listener);
        await("sending", () -> peer.packets.size() >= 3, 2000);
        session.close();
        assertThat(bridge.activeSessions()).isZero();
        Thread.sleep(60);
        int after = peer.packets.size();
        Thread.sleep(100);
        assertThat(peer.packets).hasSize(after);
        try (var rebound = new java.net.DatagramSocket(new InetSocketAddress(LOOPBACK, session.localPort()))) {
            assertThat(rebound.isBound()).isTrue();
        }
    }
}
