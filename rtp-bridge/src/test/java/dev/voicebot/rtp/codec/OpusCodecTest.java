package dev.voicebot.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class OpusCodecTest {

    private static final int RATE = 16000;
    private static final int FRAME = 320;

    /**
     * Speech-like test content: syllables (2.5 per second) of a gliding voiced sound with moving
     * formant-ish harmonics over a little noise. It has to be non-stationary: the Opus encoder
     * spends FEC bits only on frames its VAD calls active speech, and a steady tone stops being
     * speech to it after a moment.
     */
    static short[] speechLike(int samples) {
        short[] s = new short[samples];
        java.util.Random noise = new java.util.Random(1);
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double t = (double) i / RATE;
            phase += 2 * Math.PI * (140 + 60 * Math.sin(2 * Math.PI * 1.3 * t)) / RATE;
            double v = 0;
            for (int h = 1; h <= 20; h++) {
                v += Math.sin(h * phase) * Math.exp(-h / 6.0) * (1 + 0.5 * Math.sin(2 * Math.PI * (0.9 + h * 0.37) * t));
            }
            double envelope = Math.max(0, Math.sin(2 * Math.PI * 2.5 * t));
            s[i] = (short) Math.round(6000 * v * envelope + 300 * noise.nextGaussian());
        }
        return s;
    }

    private static byte[][] encodeAll(OpusCodec codec, short[] pcm) {
        byte[][] packets = new byte[pcm.length / FRAME][];
        byte[] buffer = new byte[1500];
        for (int f = 0; f < packets.length; f++) {
            int n = codec.encode(pcm, f * FRAME, FRAME, buffer, 0);
            assertThat(n).isPositive();
            packets[f] = java.util.Arrays.copyOf(buffer, n);
        }
        return packets;
    }

    @Test
    void describesTheRtpClockAndTheDecodedRate() {
        OpusCodec codec = new OpusCodec();
        assertThat(codec.format()).isEqualTo(new PayloadFormat(111, "opus", 48000));
        assertThat(codec.sampleRate()).isEqualTo(16000);
        assertThat(OpusCodec.RTPMAP_ENCODING).isEqualTo("opus/48000/2");
        assertThat(OpusCodec.FMTP).contains("maxplaybackrate=16000", "useinbandfec=1", "minptime=20");
        byte[] packet = encodeAll(codec, speechLike(FRAME))[0];
        assertThat(codec.samplesIn(packet, 0, packet.length)).isEqualTo(FRAME);
    }

    /** Narrowband, wideband and full-band-like content all come back recognisable. */
    @ParameterizedTest
    @ValueSource(ints = {300, 1000, 3000, 6000})
    void tonesComeBackCorrelatedAfterDelayAlignment(int hz) {
        OpusCodec codec = new OpusCodec();
        short[] in = Signals.tone(hz, RATE, RATE, 8000);
        short[] out = new short[in.length];
        byte[][] packets = encodeAll(new OpusCodec(), in);
        for (int f = 0; f < packets.length; f++) {
            assertThat(codec.decode(packets[f], 0, packets[f].length, out, f * FRAME)).isEqualTo(FRAME);
        }
        int from = RATE / 4;
        int len = RATE / 2;
        int delay = Signals.bestDelay(in, out, from, len, 400);
        assertThat(Signals.correlation(in, from, out, from + delay, len)).as("%d Hz", hz).isGreaterThan(0.9);
        assertThat(Signals.snrDb(in, from, out, from + delay, len)).as("%d Hz", hz).isGreaterThan(8.0);
    }

    @Test
    void speechLikeContentSurvivesTheRoundTrip() {
        short[] in = speechLike(RATE);
        byte[][] packets = encodeAll(new OpusCodec(), in);
        OpusCodec decoder = new OpusCodec();
        short[] out = new short[in.length];
        for (int f = 0; f < packets.length; f++) {
            decoder.decode(packets[f], 0, packets[f].length, out, f * FRAME);
        }
        int delay = Signals.bestDelay(in, out, RATE / 4, RATE / 2, 400);
        // The noise floor is not waveform-coded by a perceptual codec, so no more than ~0.9 is possible.
        assertThat(Signals.correlation(in, RATE / 4, out, RATE / 4 + delay, RATE / 2)).isGreaterThan(0.8);
    }

    @Test
    void inBandFecRecoversALostPacketBetterThanPlc() {
        short[] in = speechLike(RATE);
        byte[][] packets = encodeAll(new OpusCodec(), in);
        int lost = 9; // inside the first syllable
        short[] withFec = decodeLosing(packets, lost, true);
        short[] withPlc = decodeLosing(packets, lost, false);
        short[] reference = decodeLosing(packets, -1, false);
        int from = lost * FRAME;
        double fecError = 1 - Signals.correlation(reference, from, withFec, from, FRAME);
        double plcError = 1 - Signals.correlation(reference, from, withPlc, from, FRAME);
        double fecSnr = Signals.snrDb(reference, from, withFec, from, FRAME);
        double plcSnr = Signals.snrDb(reference, from, withPlc, from, FRAME);
        assertThat(fecSnr).as("FEC %.1f dB vs PLC %.1f dB", fecSnr, plcSnr).isGreaterThan(plcSnr);
        assertThat(fecError).isLessThan(plcError);
    }

    private static short[] decodeLosing(byte[][] packets, int lost, boolean useFec) {
        OpusCodec codec = new OpusCodec();
        short[] out = new short[packets.length * FRAME];
        for (int f = 0; f < packets.length; f++) {
            if (f == lost) {
                byte[] next = useFec ? packets[f + 1] : null;
                codec.conceal(out, f * FRAME, FRAME, next, 0, next == null ? 0 : next.length);
            } else {
                codec.decode(packets[f], 0, packets[f].length, out, f * FRAME);
            }
        }
        if (lost >= 0) {
            assertThat(useFec ? codec.fecFrames() : codec.plcFrames()).isEqualTo(1);
        }
        return out;
    }

    @Test
    void garbageIsCountedAsAnErrorNotThrown() {
        OpusCodec codec = new OpusCodec();
        Random random = new Random(3);
        short[] out = new short[1920];
        assertThatCode(() -> {
            for (int i = 0; i < 2000; i++) {
                byte[] junk = new byte[1 + random.nextInt(200)];
                random.nextBytes(junk);
                codec.samplesIn(junk, 0, junk.length);
                int n = codec.decode(junk, 0, junk.length, out, 0);
                // Random bytes are sometimes a valid Opus packet: then any sane length is fine.
                assertThat(n == -1 || n > 0 && n <= 1920).isTrue();
            }
        }).doesNotThrowAnyException();
        assertThat(codec.decodeErrors()).isPositive();
        assertThat(codec.decode(new byte[0], 0, 0, out, 0)).isEqualTo(-1);
    }
}
