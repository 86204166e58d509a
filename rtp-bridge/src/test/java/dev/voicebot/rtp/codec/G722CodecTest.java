package dev.voicebot.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class G722CodecTest {

    private static final int RATE = 16000;
    private static final int FRAME = 320;

    /** Encodes and decodes {@code pcm} frame by frame with one codec instance. */
    private static short[] roundTrip(short[] pcm) {
        G722Codec codec = new G722Codec();
        byte[] payload = new byte[FRAME / 2];
        short[] out = new short[pcm.length];
        for (int off = 0; off + FRAME <= pcm.length; off += FRAME) {
            assertThat(codec.encode(pcm, off, FRAME, payload, 0)).isEqualTo(FRAME / 2);
            assertThat(codec.decode(payload, 0, payload.length, out, off)).isEqualTo(FRAME);
        }
        return out;
    }

    @Test
    void describesItselfAsAn8000HzClockCarrying16kHzAudio() {
        G722Codec codec = new G722Codec();
        assertThat(codec.format()).isEqualTo(new PayloadFormat(9, "G722", 8000));
        assertThat(codec.sampleRate()).isEqualTo(16000);
        assertThat(codec.samplesIn(new byte[160], 0, 160)).isEqualTo(320);
    }

    @Test
    void antilogTableIsTwoToTheIOver32() {
        for (int i = 0; i < 32; i++) {
            assertThat((double) G722Tables.ILB[i]).isCloseTo(2048 * Math.pow(2, i / 32.0),
                    org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 500, 1000, 2000, 3000, 3400, 4500, 5000, 6000})
    void tonesSurviveTheRoundTripWithAtLeast20dBSnr(int hz) {
        short[] in = Signals.tone(hz, RATE, RATE, 8000);
        short[] out = roundTrip(in);
        int from = RATE / 4; // skip the adaptation at the start
        int len = RATE / 2;
        int delay = Signals.bestDelay(in, out, from, len, 64);
        double snr = Signals.snrDb(in, from, out, from + delay, len);
        assertThat(snr).as("SNR at %d Hz (delay %d)", hz, delay).isGreaterThanOrEqualTo(20.0);
    }

    @Test
    void aFiveKilohertzToneComesOutInTheUpperBandAtItsFrequency() {
        short[] out = roundTrip(Signals.tone(5000, RATE, RATE, 8000));
        assertThat(Signals.dominantFrequency(out, RATE / 2, RATE / 4, RATE, 50)).isEqualTo(5000.0);
        // Not folded to its 3 kHz mirror image by a broken QMF.
        assertThat(Signals.powerAt(out, RATE / 2, RATE / 4, 3000, RATE))
                .isLessThan(Signals.powerAt(out, RATE / 2, RATE / 4, 5000, RATE) / 1000);
        assertThat(Signals.rms(out, RATE / 2, RATE / 4)).isGreaterThan(8000 / Math.sqrt(2) * 0.8);
    }

    @Test
    void aOneKilohertzToneKeepsItsFrequency() {
        short[] out = roundTrip(Signals.tone(1000, RATE, RATE, 8000));
        assertThat(Signals.dominantFrequency(out, RATE / 2, RATE / 4, RATE, 50)).isEqualTo(1000.0);
    }

    @Test
    void silenceStaysNearSilence() {
        short[] out = roundTrip(new short[RATE]);
        assertThat(Signals.rms(out, 0, out.length)).isLessThan(10);
        int peak = 0;
        for (short s : out) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).isLessThan(64);
    }

    @Test
    void stateCarriesAcrossFramesLikeOneContinuousStream() {
        short[] in = Signals.tone(700, RATE, RATE / 2, 6000);
        short[] framed = roundTrip(in);
        G722Codec codec = new G722Codec();
        byte[] payload = new byte[in.length / 2];
        short[] whole = new short[in.length];
        codec.encode(in, 0, in.length, payload, 0);
        codec.decode(payload, 0, payload.length, whole, 0);
        assertThat(framed).isEqualTo(whole);
    }

    @Test
    void fullScaleInputDoesNotWrapAround() {
        short[] in = Signals.tone(440, RATE, RATE / 2, 32000);
        short[] out = roundTrip(in);
        int from = RATE / 8;
        int delay = Signals.bestDelay(in, out, from, RATE / 4, 64);
        assertThat(Signals.snrDb(in, from, out, from + delay, RATE / 4)).isGreaterThan(20.0);
    }

    @Test
    void decodingRandomBytesNeverThrowsAndStaysInRange() {
        G722Codec codec = new G722Codec();
        Random random = new Random(7);
        byte[] payload = new byte[160];
        short[] out = new short[320];
        assertThatCode(() -> {
            for (int i = 0; i < 500; i++) {
                random.nextBytes(payload);
                assertThat(codec.decode(payload, 0, payload.length, out, 0)).isEqualTo(320);
            }
        }).doesNotThrowAnyException();
    }
}
