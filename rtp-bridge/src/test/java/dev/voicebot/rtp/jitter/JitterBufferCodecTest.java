package dev.voicebot.rtp.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.rtp.codec.AudioCodecs;
import dev.voicebot.rtp.codec.G722Codec;
import dev.voicebot.rtp.codec.OpusCodec;
import dev.voicebot.rtp.codec.PayloadFormat;
import dev.voicebot.rtp.codec.Signals;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The jitter buffer with codecs whose sample rate is not their RTP clock, and with comfort noise. */
@Timeout(10)
class JitterBufferCodecTest {

    private static final int SSRC = 77;

    @Test
    void playsG722As16kHzAudioOnAn8000HzClock() {
        G722Codec encoder = new G722Codec();
        JitterBuffer buffer = new JitterBuffer(new G722Codec());
        short[] in = Signals.tone(1000, 16000, 320 * 10, 8000);
        byte[] payload = new byte[160];
        for (int f = 0; f < 10; f++) {
            encoder.encode(in, f * 320, 320, payload, 0);
            assertThat(buffer.push(SSRC, f, 1000 + 160 * f, payload, 0, 160)).isEqualTo(PushOutcome.ACCEPTED);
        }
        assertThat(buffer.bufferedSamples()).isEqualTo(3200);
        short[] out = new short[3200];
        for (int f = 0; f < 10; f++) {
            assertThat(buffer.pull(out, f * 320, 320)).isEqualTo(320);
        }
        assertThat(Signals.dominantFrequency(out, 800, 2400, 16000, 50)).isEqualTo(1000.0);
        assertThat(buffer.lost()).isZero();
    }

    @Test
    void concealsALostG722FrameInsteadOfPlayingSilence() {
        G722Codec encoder = new G722Codec();
        JitterBuffer buffer = new JitterBuffer(new G722Codec());
        short[] in = Signals.tone(300, 16000, 320 * 12, 8000);
        byte[] payload = new byte[160];
        for (int f = 0; f < 12; f++) {
            encoder.encode(in, f * 320, 320, payload, 0);
            if (f != 6) {
                buffer.push(SSRC, f, 160 * f, payload, 0, 160);
            }
        }
        short[] out = new short[320 * 12];
        for (int f = 0; f < 12; f++) {
            buffer.pull(out, f * 320, 320);
        }
        assertThat(buffer.concealedSamples()).isEqualTo(320);
        assertThat(Signals.rms(out, 6 * 320, 320)).isGreaterThan(0.7 * Signals.rms(in, 6 * 320, 320));
    }

    @Test
    void usesOpusFecFromTheNextPacketForALostOne() {
        OpusCodec encoder = new OpusCodec();
        OpusCodec decoder = new OpusCodec();
        JitterBuffer buffer = new JitterBuffer(decoder);
        short[] in = speechLike(16000);
        byte[] payload = new byte[1500];
        short[] out = new short[16000];
        int pulled = 0;
        for (int f = 0; f < 50; f++) {
            int n = encoder.encode(in, f * 320, 320, payload, 0);
            if (f != 9) {
                buffer.push(SSRC, f, 48_000 + 960 * f, payload, 0, n);
            }
            if (f >= 2) { // a steady 40 ms behind the sender
                buffer.pull(out, pulled, 320);
                pulled += 320;
            }
        }
        assertThat(buffer.lost()).isEqualTo(1);
        assertThat(buffer.concealedSamples()).isEqualTo(320);
        assertThat(decoder.fecFrames()).isEqualTo(1);
        assertThat(decoder.plcFrames()).isZero();
    }

    @Test
    void countsGarbageOpusAndKeepsPlaying() {
        JitterBuffer buffer = new JitterBuffer(new OpusCodec());
        byte[] junk = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        PushOutcome outcome = buffer.push(SSRC, 1, 0, junk, 0, junk.length);
        assertThat(outcome).isEqualTo(PushOutcome.MALFORMED);
        assertThat(buffer.undecodable()).isEqualTo(1);
        short[] out = new short[320];
        buffer.pull(out, 0, 320);
        assertThat(out).containsOnly((short) 0);
    }

    @Test
    void fillsTheSilenceAfterAComfortNoisePacketWithNoiseAtItsLevel() {
        JitterBuffer buffer = new JitterBuffer(AudioCodecs.forFormat(PayloadFormat.PCMU));
        byte[] speech = new byte[160];
        Arrays.fill(speech, (byte) 0x90);
        buffer.push(SSRC, 1, 0, speech, 0, 160);
        buffer.push(SSRC, 2, 160, speech, 0, 160);
        assertThat(buffer.pushComfortNoise(SSRC, 3, 320, new byte[] {60}, 0, 1)).isEqualTo(PushOutcome.ACCEPTED);
        short[] out = new short[160];
        assertThat(buffer.pull(out, 0, 160)).isEqualTo(160); // buffered speech still plays
        assertThat(buffer.pull(out, 0, 160)).isEqualTo(160);
        assertThat(buffer.pull(out, 0, 160)).isZero();       // dry: DTX
        double dbov = 20 * Math.log10(Signals.rms(out, 0, 160) / 32767);
        assertThat(dbov).isBetween(-64.0, -56.0);
        assertThat(buffer.comfortNoiseSamples()).isEqualTo(160);
        assertThat(buffer.lost()).isZero(); // the CN packet's sequence number counts as arrived
        // Speech resumes: the noise stops.
        buffer.push(SSRC, 4, 8000, speech, 0, 160);
        buffer.pull(out, 0, 160);
        buffer.pull(out, 0, 160);
        buffer.pull(out, 0, 160);
        assertThat(buffer.pull(out, 0, 160)).isZero();
        assertThat(out).containsOnly((short) 0);
    }

    static short[] speechLike(int samples) {
        short[] s = new short[samples];
        java.util.Random noise = new java.util.Random(1);
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double t = i / 16000.0;
            phase += 2 * Math.PI * (140 + 60 * Math.sin(2 * Math.PI * 1.3 * t)) / 16000;
            double v = 0;
            for (int h = 1; h <= 20; h++) {
                v += Math.sin(h * phase) * Math.exp(-h / 6.0) * (1 + 0.5 * Math.sin(2 * Math.PI * (0.9 + h * 0.37) * t));
            }
            s[i] = (short) Math.round(6000 * v * Math.max(0, Math.sin(2 * Math.PI * 2.5 * t)) + 300 * noise.nextGaussian());
        }
        return s;
    }
}
