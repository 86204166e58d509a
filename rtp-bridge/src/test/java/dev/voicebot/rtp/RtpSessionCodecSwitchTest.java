package dev.voicebot.rtp;

import static dev.voicebot.rtp.RtpPeer.await;
import static dev.voicebot.rtp.RtpPeer.rtp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.rtp.RtpPeer.Received;
import dev.voicebot.rtp.codec.G711;
import dev.voicebot.rtp.codec.G722Codec;
import dev.voicebot.rtp.codec.PayloadFormat;
import dev.voicebot.rtp.codec.Signals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A re-INVITE that drops the current codec: the session switches both directions at a frame
 * boundary, over 127.0.0.1 with the real media clock.
 */
@Timeout(30)
class RtpSessionCodecSwitchTest extends LoopbackSessionFixture {

    private static final int SSRC = 0x5151;

    /**
     * Raw frames (before echo cancellation, which would take the caller's tone for an echo of the
     * bot's) the listener got from index {@code from} on whose RMS is above speech level.
     */
    private List<short[]> voicedFramesFrom(int from) {
        List<short[]> frames = List.copyOf(listener.rawFrames);
        return frames.subList(Math.min(from, frames.size()), frames.size()).stream()
                .filter(f -> RecordingListener.rms(f) > 1000).toList();
    }

    /** Sends {@code packets} 20 ms packets paced in real time, from sequence and timestamp bases. */
    private void sendPaced(int port, int payloadType, int firstSeq, long firstTs, int packets,
            java.util.function.IntFunction<byte[]> payload) throws Exception {
        long next = System.nanoTime();
        for (int k = 0; k < packets; k++) {
            peer.send(port, rtp(payloadType, false, firstSeq + k, firstTs + 160L * k, SSRC, payload.apply(k)));
            next += 20_000_000;
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
        }
    }

    private static byte[] g711Tone(boolean alaw, double hz, int from) {
        byte[] b = new byte[160];
        for (int i = 0; i < 160; i++) {
            short v = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * (from + i) / 8000));
            b[i] = alaw ? G711.alawEncode(v) : G711.ulawEncode(v);
        }
        return b;
    }

    @Test
    void switchingPcmuToPcmaChangesThePayloadTypeAndEncodingAtAFrameBoundaryInBothDirections() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, TELEPHONE_EVENT, listener);
        int port = session.localPort();
        session.play(Signals.tone(1000, 16000, 16000 * 3, 8000)); // 3 s of a 1 kHz tone
        sendPaced(port, 0, 100, 8000, 10, k -> g711Tone(false, 500, 160 * k));
        await("speech under way in PCMU", () -> peer.packets.stream().filter(p -> p.payloadType() == 0).count() >= 15,
                2000);

        session.switchCodec(PayloadFormat.PCMA, TELEPHONE_EVENT, -1);
        assertThat(session.codec()).isEqualTo(PayloadFormat.PCMA);
        int framesAtSwitch = listener.rawFrames.size();
        // The caller switches too: same SSRC, sequence and timestamp running on.
        sendPaced(port, 8, 110, 8000 + 1600, 25, k -> g711Tone(true, 1000, 1600 + 160 * k));
        await("PCMA packets out", () -> peer.packets.stream().filter(p -> p.payloadType() == 8).count() >= 20, 2000);

        List<Received> packets = List.copyOf(peer.packets);
        int firstPcma = -1;
        for (int i = 0; i < packets.size(); i++) {
            Received p = packets.get(i);
            assertThat(p.sequence()).as("sequence runs on").isEqualTo((packets.getFirst().sequence() + i) & 0xFFFF);
            assertThat(p.timestamp()).isEqualTo((packets.getFirst().timestamp() + 160L * i) & 0xFFFFFFFFL);
            assertThat(p.payload()).hasSize(160);
            if (firstPcma < 0 && p.payloadType() == 8) {
                firstPcma = i;
            }
            assertThat(p.payloadType()).as("packet %d", i).isEqualTo(firstPcma >= 0 ? 8 : 0);
        }
        assertThat(packets.get(firstPcma).marker()).as("a new stream starts").isTrue();
        for (Received p : packets.subList(firstPcma, firstPcma + 20)) {
            short[] pcm = new short[160];
            for (int i = 0; i < 160; i++) {
                pcm[i] = G711.alawDecode(p.payload()[i]);
            }
            assertThat(Signals.rms(pcm, 0, 160)).as("A-law decodes to the tone").isBetween(4500.0, 6500.0);
        }

        List<short[]> heard = voicedFramesFrom(framesAtSwitch);
        assertThat(heard).as("the caller's PCMA is decoded").hasSizeGreaterThanOrEqualTo(20);
        short[] middle = heard.get(heard.size() / 2);
        assertThat(Signals.dominantFrequency(middle, 0, middle.length, 16000, 50)).isEqualTo(1000.0);
        assertThat(session.stats().packetsForeign()).isZero();
    }

    @Test
    void switchingPcmuToG722SendsAndDecodesWidebandG722() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, TELEPHONE_EVENT, listener);
        int port = session.localPort();
        await("PCMU out", () -> peer.packets.size() >= 5, 2000);

        session.switchCodec(PayloadFormat.G722, TELEPHONE_EVENT, -1);
        session.play(Signals.tone(3000, 16000, 16000 * 2, 8000)); // above what 8 kHz audio can carry
        int framesAtSwitch = listener.rawFrames.size();
        G722Codec callerEncoder = new G722Codec();
        short[] callerTone = Signals.tone(2500, 16000, 320 * 30, 8000);
        sendPaced(port, 9, 300, 50_000, 30, k -> {
            byte[] payload = new byte[160];
            callerEncoder.encode(callerTone, 320 * k, 320, payload, 0);
            return payload;
        });
        await("G.722 speech out", () -> peer.packets.stream().filter(p -> p.payloadType() == 9).count() >= 40, 3000);

        List<Received> g722 = new ArrayList<>(peer.packets.stream().filter(p -> p.payloadType() == 9).toList());
        assertThat(peer.packets.stream().dropWhile(p -> p.payloadType() == 0)).allSatisfy(
                p -> assertThat(p.payloadType()).isEqualTo(9));
        G722Codec decoder = new G722Codec();
        short[] pcm = new short[320 * g722.size()];
        for (int i = 0; i < g722.size(); i++) {
            assertThat(g722.get(i).payload()).hasSize(160);
            decoder.decode(g722.get(i).payload(), 0, 160, pcm, 320 * i);
        }
        int voiced = 0;
        for (int f = 0; f < g722.size(); f++) {
            if (Signals.rms(pcm, 320 * f, 320) > 2000) {
                voiced++;
                assertThat(Signals.dominantFrequency(pcm, 320 * f, 320, 16000, 50)).as("frame %d", f).isEqualTo(3000.0);
            }
        }
        assertThat(voiced).isGreaterThanOrEqualTo(30);

        List<short[]> heard = voicedFramesFrom(framesAtSwitch);
        assertThat(heard).as("the caller's G.722 is decoded").hasSizeGreaterThanOrEqualTo(20);
        short[] middle = heard.get(heard.size() / 2);
        assertThat(Signals.dominantFrequency(middle, 0, middle.length, 16000, 50)).isEqualTo(2500.0);
    }

    @Test
    void packetsStillInTheOldFormatAfterTheSwitchAreNotDecoded() throws Exception {
        RtpSession session = bridge.open();
        session.start(peer.address(), PayloadFormat.PCMU, -1, listener);
        int port = session.localPort();
        sendPaced(port, 0, 1, 0, 5, k -> g711Tone(false, 500, 160 * k));
        session.switchCodec(PayloadFormat.PCMA, -1, -1);
        await("switch applied", () -> peer.packets.stream().anyMatch(p -> p.payloadType() == 8), 2000);
        int framesAtSwitch = listener.rawFrames.size();
        sendPaced(port, 0, 6, 800, 10, k -> g711Tone(false, 500, 800 + 160 * k));
        Thread.sleep(100);
        assertThat(voicedFramesFrom(framesAtSwitch + 3)).as("after the last PCMU played out").isEmpty();
        assertThat(session.stats().packetsForeign()).as("PCMU is no longer negotiated").isEqualTo(10);
    }
}
