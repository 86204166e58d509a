package dev.voicebot.rtp;

import static dev.voicebot.rtp.RtpPeer.await;
import static dev.voicebot.rtp.RtpPeer.rtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.rtp.RtpPeer.Received;
import dev.voicebot.rtp.aec.EchoConfig;
import dev.voicebot.rtp.aec.SyntheticEcho;
import dev.voicebot.rtp.codec.G711;
import dev.voicebot.rtp.codec.PayloadFormat;
import dev.voicebot.rtp.dtmf.Rfc4733Receiver;
import dev.voicebot.rtp.rtp.RtpPacket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Echo cancellation, RTCP, RFC 4733 out and flood safety of real sessions over 127.0.0.1. */
@Timeout(60)
class MediaSessionTest extends LoopbackSessionFixture {

    private static final MediaOptions FAST_RTCP = MediaOptions.DEFAULTS.withRtcpInterval(Duration.ofMillis(200));

    @Override
    MediaOptions bridgeOptions() {
        return FAST_RTCP;
    }

    private static int duration(byte[] eventPayload) {
        return ((eventPayload[2] & 0xFF) << 8) | (eventPayload[3] & 0xFF);
    }

    private static boolean endBit(byte[] eventPayload) {
        return (eventPayload[1] & 0x80) != 0;
    }

    @Test
    void sendsDtmfAsRfc4733InTheSessionsSsrcAndSequenceSpaceWithAudioSuspended() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, TELEPHONE_EVENT, listener);
        await("audio first", () -> peer.packets.size() >= 5, 2000);
        assertThat(session.sendDtmf('1', Duration.ofMillis(100))).isTrue();
        assertThat(session.sendDtmf('#', Duration.ofMillis(60))).isTrue();
        assertThat(session.isSendingDtmf()).isTrue();
        await("both digits sent", () -> session.stats().dtmfDigitsSent() == 2 && !session.isSendingDtmf(), 3000);
        int after = peer.packets.size();
        await("audio after", () -> peer.packets.size() >= after + 3, 2000);

        List<Received> packets = List.copyOf(peer.packets);
        Received first = packets.getFirst();
        List<Integer> eventIndexes = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            Received p = packets.get(i);
            assertThat(p.ssrc()).isEqualTo(first.ssrc());
            assertThat(p.sequence()).as("one sequence space").isEqualTo((first.sequence() + i) & 0xFFFF);
            if (p.payloadType() == TELEPHONE_EVENT) {
                eventIndexes.add(i);
            } else {
                assertThat(p.payloadType()).isZero();
                // Audio timestamps run on through the events: 160 per tick whatever was sent.
                assertThat(p.timestamp()).isEqualTo((first.timestamp() + 160L * i) & 0xFFFFFFFFL);
            }
        }
        // '1' for 100 ms: 5 updates + 3 ends; '#' for 60 ms: 3 updates + 3 ends.
        assertThat(eventIndexes).hasSize(8 + 6);
        int start1 = eventIndexes.getFirst();
        int start2 = eventIndexes.get(8);
        assertThat(eventIndexes.subList(0, 8)).as("no audio inside an event")
                .isEqualTo(List.of(start1, start1 + 1, start1 + 2, start1 + 3, start1 + 4, start1 + 5, start1 + 6,
                        start1 + 7));
        assertThat(start2 - (start1 + 8)).as("audio ticks between digits (80 ms)").isEqualTo(4);
        for (int[] event : new int[][] {{start1, 5, 1}, {start2, 3, 11}}) {
            int from = event[0];
            int updates = event[1];
            Received head = packets.get(from);
            assertThat(head.marker()).isTrue();
            assertThat(head.timestamp()).as("event timestamp = the tick's audio timestamp")
                    .isEqualTo((first.timestamp() + 160L * from) & 0xFFFFFFFFL);
            for (int k = 0; k < updates + 3; k++) {
                Received p = packets.get(from + k);
                assertThat(p.marker()).isEqualTo(k == 0);
                assertThat(p.timestamp()).isEqualTo(head.timestamp());
                assertThat(p.payload()).hasSize(4);
                assertThat(p.payload()[0]).isEqualTo((byte) event[2]);
                assertThat(p.payload()[1] & 0x3F).as("volume").isEqualTo(10);
                assertThat(endBit(p.payload())).isEqualTo(k >= updates);
                assertThat(duration(p.payload())).isEqualTo(160 * Math.min(k + 1, updates));
            }
        }
        assertThat(packets.get(start1).payload()).containsExactly(0x01, 0x0A, 0x00, 0xA0);
        assertThat(packets.get(start1 + 7).payload()).containsExactly(0x01, 0x8A, 0x03, 0x20);

        StringBuilder heard = new StringBuilder();
        Rfc4733Receiver receiver = new Rfc4733Receiver(heard::append);
        for (Received p : packets) {
            if (p.payloadType() == TELEPHONE_EVENT) {
                receiver.receive(p.ssrc(), (int) p.timestamp(), p.payload(), 0, p.payload().length);
            }
        }
        assertThat(heard).hasToString("1#");
    }

    @Test
    void dtmfOutNeedsANegotiatedTelephoneEvent() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, -1, listener);
        assertThatThrownBy(() -> session.sendDtmf('1', Duration.ofMillis(100))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void digitsSentByOneSessionAreReportedOnceByTheOther() throws Exception {
        RtpSession a = bridge.open();
        RtpSession b = bridge.open();
        a.start(new InetSocketAddress(LOOPBACK, b.localPort()), PayloadFormat.PCMA, 96, new RecordingListener());
        b.start(new InetSocketAddress(LOOPBACK, a.localPort()), PayloadFormat.PCMA, 96, listener);
        for (char c : "4711*".toCharArray()) {
            assertThat(a.sendDtmf(c, Duration.ofMillis(80))).isTrue();
        }
        await("five digits", () -> listener.digits.size() >= 5, 4000);
        Thread.sleep(200);
        assertThat(listener.digits).containsExactly('4', '7', '1', '1', '*');
    }

    /**
     * The far end reflects everything we send at half amplitude (a caller on a speakerphone with
     * a G.711 line in between); the bot speaks for 8 s. Echo energy in the cleaned frames against
     * the raw ones, over the last 3 s, is the session's real ERLE including network timing.
     */
    @Test
    void cancelsTheEchoOfAReflectingPeerAndStillDeliversRawFrames() throws Exception {
        RtpSession session = bridge.open();
        try (EchoingPeer echoing = new EchoingPeer(session.localPort())) {
            session.start(echoing.address(), PayloadFormat.PCMU, TELEPHONE_EVENT, listener);
            assertThat(session.isEchoCancelling()).isTrue();
            await("hearing the reflection", () -> listener.frames.size() >= 10, 2000);
            int startFrame = listener.frames.size();
            session.play(SyntheticEcho.botSpeech(8 * SyntheticEcho.RATE, 21));
            await("bot speech played", () -> listener.drained.get() == 1, 12_000);
            int endFrame = listener.frames.size();
            List<short[]> raw = List.copyOf(listener.rawFrames);
            List<short[]> cleaned = List.copyOf(listener.frames);
            double rawEnergy = 0;
            double cleanedEnergy = 0;
            for (int i = endFrame - 150; i < endFrame; i++) {
                rawEnergy += SyntheticEcho.energy(raw.get(i), 0, 320);
                cleanedEnergy += SyntheticEcho.energy(cleaned.get(i), 0, 320);
            }
            double erle = 10 * Math.log10(rawEnergy / Math.max(1, cleanedEnergy));
            System.out.printf("session ERLE against a reflecting peer (last 3 s of 8 s): %.1f dB, raw echo %.0f rms (%s)%n",
                    erle, Math.sqrt(rawEnergy / (150 * 320)), session.echoReport());
            assertThat(endFrame - startFrame).isGreaterThan(390);
            assertThat(Math.sqrt(rawEnergy / (150 * 320))).as("the echo is really there").isGreaterThan(500);
            assertThat(erle).isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void withEchoCancellationOffListenersGetTheRawSignal() throws Exception {
        RtpSession session = bridge.open();
        try (EchoingPeer echoing = new EchoingPeer(session.localPort())) {
            session.start(echoing.address(), PayloadFormat.PCMU, TELEPHONE_EVENT, listener,
                    FAST_RTCP.withEcho(EchoConfig.OFF));
            assertThat(session.isEchoCancelling()).isFalse();
            session.play(SyntheticEcho.botSpeech(SyntheticEcho.RATE, 22));
            await("played", () -> listener.drained.get() == 1, 4000);
            Thread.sleep(100);
            List<short[]> raw = List.copyOf(listener.rawFrames);
            List<short[]> cleaned = List.copyOf(listener.frames);
            int n = Math.min(raw.size(), cleaned.size());
            assertThat(n).isGreaterThan(40);
            for (int i = 0; i < n; i++) {
                assertThat(cleaned.get(i)).isEqualTo(raw.get(i));
            }
        }
    }

    @Test
    void twoSessionsExchangeRtcpAndReportRoundTripJitterLossAndMos() throws Exception {
        RtpSession a = bridge.open();
        RtpSession b = bridge.open();
        assertThat(a.rtcpPort()).isEqualTo(a.localPort() + 1);
        assertThatThrownBy(() -> new DatagramSocket(new InetSocketAddress(LOOPBACK, a.rtcpPort())))
                .as("the RTCP port is held").isInstanceOf(SocketException.class);
        a.start(new InetSocketAddress(LOOPBACK, b.localPort()), PayloadFormat.PCMU, -1, new RecordingListener());
        b.start(new InetSocketAddress(LOOPBACK, a.localPort()), PayloadFormat.PCMU, -1, listener);
        await("RTCP both ways with a round trip", () -> a.stats().rtcpReceived() >= 2 && b.stats().rtcpReceived() >= 2
                && !Double.isNaN(a.quality().roundTripMillis()) && !Double.isNaN(b.quality().roundTripMillis()), 5000);
        for (RtpSession s : List.of(a, b)) {
            CallQuality q = s.quality();
            System.out.println("loopback call quality: " + q);
            assertThat(q.roundTripMillis()).isBetween(0.0, 50.0);
            assertThat(q.lossPercent()).isZero();
            assertThat(q.remoteLossPercent()).isZero();
            assertThat(q.jitterMillis()).isLessThan(10);
            assertThat(q.mos()).isGreaterThan(4.3);
            assertThat(s.stats().rtcpSent()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void absurdDatagramsAreDroppedAndCounted() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, TELEPHONE_EVENT, listener);
        int port = session.localPort();
        peer.send(port, rtp(0, true, 1, 160, 0xAAAA, new byte[160]));
        await("latched", () -> session.stats().packetsReceived() == 1, 2000);
        peer.send(port, rtp(0, false, 2, 320, 0xAAAA, new byte[1600]));  // oversized, else valid
        peer.send(port, rtp(0, false, 3, 480, 0xAAAA, new byte[1488]));  // exactly 1500: fine
        peer.send(port, rtp(99, false, 4, 640, 0xAAAA, new byte[160]));  // unknown payload type
        await("handled", () -> session.stats().packetsReceived() == 2 && session.stats().packetsForeign() == 1
                && session.stats().packetsMalformed() == 1, 2000);
    }

    /**
     * 20 000 junk datagrams (random bytes, bad versions, oversized, unknown payload types), then a
     * burst of valid RTP from the latched peer, hit session A while B keeps sending: B's packets
     * must keep their 20 ms pace, and A must count what it dropped.
     */
    @Test
    void aFloodOnOneSessionDoesNotDelayAnotherSessionsTicks() throws Exception {
        RtpSession a = bridge.open();
        RtpSession b = bridge.open();
        a.start(peer.address(), PayloadFormat.PCMU, TELEPHONE_EVENT, new RecordingListener());
        try (RtpPeer bPeer = new RtpPeer(); DatagramSocket flooder = new DatagramSocket(0, LOOPBACK)) {
            b.start(bPeer.address(), PayloadFormat.PCMU, TELEPHONE_EVENT, listener);
            peer.send(a.localPort(), rtp(0, true, 1, 160, 0xAAAA, new byte[160]));
            await("A latched to its peer", () -> a.stats().packetsReceived() == 1, 2000);
            await("B sending", () -> bPeer.packets.size() >= 5, 2000);

            long floodStart = System.nanoTime();
            SplittableRandom random = new SplittableRandom(7);
            byte[][] junk = {new byte[200], new byte[1600], rtp(77, false, 9, 9, 9, new byte[160]), new byte[40]};
            junk[3][0] = 0x40; // version 1
            int sent = 0;
            long deadline = floodStart + Duration.ofSeconds(5).toNanos();
            for (; sent < 20_000 && System.nanoTime() < deadline; sent++) {
                byte[] d = junk[sent % junk.length];
                if (d == junk[0]) {
                    random.nextBytes(d);
                }
                flooder.send(new DatagramPacket(d, d.length, LOOPBACK, a.localPort()));
            }
            // Valid packets from the latched peer, faster than any tick drains them.
            for (int i = 0; i < 5000 && System.nanoTime() < deadline + Duration.ofSeconds(2).toNanos(); i++) {
                peer.send(a.localPort(), rtp(0, false, 2 + i, 320 + 160L * i, 0xAAAA, new byte[160]));
            }
            long floodEnd = System.nanoTime();
            Thread.sleep(200);

            long maxGap = 0;
            long previous = 0;
            int during = 0;
            for (Received p : List.copyOf(bPeer.packets)) {
                if (p.arrivalNanos() >= floodStart && p.arrivalNanos() <= floodEnd + 100_000_000L) {
                    if (previous != 0) {
                        maxGap = Math.max(maxGap, p.arrivalNanos() - previous);
                    }
                    previous = p.arrivalNanos();
                    during++;
                }
            }
            RtpStats stats = a.stats();
            System.out.printf("flood: %d junk datagrams in %d ms; B sent %d packets meanwhile, max gap %.1f ms;"
                    + " A counted %d malformed, %d foreign, %d overflowed, clock skipped %d ticks%n", sent,
                    (floodEnd - floodStart) / 1_000_000, during, maxGap / 1e6, stats.packetsMalformed(),
                    stats.packetsForeign(), stats.packetsOverflowed(), clock.skippedTicks());
            assertThat(sent).isGreaterThan(1000);
            assertThat(stats.packetsMalformed() + stats.packetsForeign()).isPositive();
            assertThat(stats.packetsOverflowed()).as("a bounded per-tick inbound queue drops the excess").isPositive();
            assertThat(maxGap).as("B's 20 ms pace").isLessThan(Duration.ofMillis(80).toNanos());
        }
    }

    /** Reflects every audio packet it gets at half amplitude, as its own RTP stream. */
    private static final class EchoingPeer implements AutoCloseable {
        private final DatagramSocket socket;
        private final Thread thread;
        private final int target;

        EchoingPeer(int target) throws SocketException {
            this.target = target;
            this.socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            this.thread = Thread.ofPlatform().daemon().name("echoing-peer").start(this::run);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        private void run() {
            byte[] buf = new byte[2048];
            RtpPacket p = new RtpPacket();
            int seq = 0;
            long ts = 0;
            while (!socket.isClosed()) {
                DatagramPacket d = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(d);
                } catch (IOException e) {
                    return;
                }
                if (p.parse(buf, 0, d.getLength()) != RtpPacket.Status.OK || p.payloadType() != 0) {
                    continue;
                }
                byte[] payload = new byte[p.payloadLength()];
                for (int i = 0; i < payload.length; i++) {
                    payload[i] = G711.ulawEncode((short) (G711.ulawDecode(buf[p.payloadOffset() + i]) / 2));
                }
                byte[] out = rtp(0, seq == 0, seq++, ts, 0xEC0, payload);
                ts += payload.length;
                try {
                    socket.send(new DatagramPacket(out, out.length, LOOPBACK, target));
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            socket.close();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
