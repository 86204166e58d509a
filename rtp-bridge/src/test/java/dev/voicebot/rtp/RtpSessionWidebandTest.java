package dev.voicebot.rtp;

import static dev.voicebot.rtp.RtpPeer.await;
import static dev.voicebot.rtp.RtpPeer.rtp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.rtp.RtpPeer.Received;
import dev.voicebot.rtp.codec.PayloadFormat;
import dev.voicebot.rtp.codec.Signals;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sessions with codecs at their native 16 kHz (G.722, Opus), and comfort noise, over 127.0.0.1. */
@Timeout(30)
class RtpSessionWidebandTest extends LoopbackSessionFixture {

    @Test
    void sendsG722As160OctetsPer20msWithTheTimestampAdvancing160() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.G722, -1, listener);
        await("packets", () -> peer.packets.size() >= 5, 2000);
        List<Received> packets = List.copyOf(peer.packets);
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).payloadType()).isEqualTo(9);
            assertThat(packets.get(i).payload()).hasSize(160);
            assertThat(packets.get(i).timestamp() - packets.get(i - 1).timestamp()).isEqualTo(160);
        }
    }

    @Test
    void sendsOpusWithTheTimestampAdvancing960Per20ms() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), new PayloadFormat(107, "OPUS", 48000), -1, listener);
        await("packets", () -> peer.packets.size() >= 5, 2000);
        List<Received> packets = List.copyOf(peer.packets);
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).payloadType()).isEqualTo(107);
            assertThat(packets.get(i).timestamp() - packets.get(i - 1).timestamp()).isEqualTo(960);
        }
    }

    /** A 5 kHz tone cannot pass an 8 kHz path: arriving intact proves no resampling on the way. */
    @Test
    void carriesA5kHzToneEndToEndOverG722() throws Exception {
        assertWidebandToneArrives(PayloadFormat.G722);
    }

    @Test
    void carriesA5kHzToneEndToEndOverOpus() throws Exception {
        assertWidebandToneArrives(PayloadFormat.OPUS);
    }

    private void assertWidebandToneArrives(PayloadFormat format) throws Exception {
        RtpSession a = bridge.open();
        RtpSession b = bridge.open();
        RecordingListener aListener = new RecordingListener();
        a.start(new InetSocketAddress(LOOPBACK, b.localPort()), format, -1, aListener);
        b.start(new InetSocketAddress(LOOPBACK, a.localPort()), format, -1, listener);
        a.play(Signals.tone(5000, 16000, 16000, 8000));
        await("a's talkspurt to drain", () -> aListener.drained.get() == 1, 3000);
        Thread.sleep(200);
        List<short[]> voiced = listener.frames.stream().filter(f -> RecordingListener.rms(f) > 2000).toList();
        assertThat(voiced.size()).isBetween(45, 52);
        short[] middle = voiced.get(voiced.size() / 2);
        assertThat(Signals.dominantFrequency(middle, 0, middle.length, 16000, 50)).isEqualTo(5000.0);
        assertThat(b.stats().packetsLost()).isZero();
    }

    @Test
    void playsComfortNoiseIntoTheSilenceAfterACnPacket() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, -1, RtpSession.COMFORT_NOISE_PAYLOAD_TYPE, listener);
        int port = session.localPort();
        byte[] speech = new byte[160];
        java.util.Arrays.fill(speech, (byte) 0x90);
        for (int k = 0; k < 5; k++) {
            peer.send(port, rtp(0, k == 0, 10 + k, 160L * k, 0x1111, speech));
            Thread.sleep(20);
        }
        peer.send(port, rtp(13, false, 15, 800, 0x1111, new byte[] {45}));
        Thread.sleep(400);
        List<short[]> frames = List.copyOf(listener.frames);
        short[] last = frames.getLast();
        double dbov = 20 * Math.log10(RecordingListener.rms(last) / 32767);
        assertThat(dbov).as("noise at -45 dBov, not digital silence").isBetween(-50.0, -40.0);
        assertThat(session.stats().packetsReceived()).isEqualTo(6);
        assertThat(session.stats().packetsForeign()).isZero();
    }
}
