package dev.voicebot.rtp.plc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.rtp.codec.Signals;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class G711ConcealerTest {

    private static final int RATE = 8000;
    private static final int FRAME = 160;

    /** Plays {@code pcm} in 20 ms frames through the concealer, losing the frames listed. */
    private static short[] play(G711Concealer plc, short[] pcm, int... lostFrames) {
        short[] out = Arrays.copyOf(pcm, pcm.length);
        for (int f = 0; f * FRAME < pcm.length; f++) {
            final int frame = f;
            if (Arrays.stream(lostFrames).anyMatch(l -> l == frame)) {
                plc.conceal(out, f * FRAME, FRAME);
            } else {
                plc.received(out, f * FRAME, FRAME);
            }
        }
        return out;
    }

    @Test
    void passesAudioThroughExactlyWhenNothingIsLost() {
        short[] in = Signals.tone(300, RATE, RATE, 10000);
        assertThat(play(new G711Concealer(RATE), in)).isEqualTo(in);
    }

    @Test
    void bridgesOneLostFrameOfA300HzToneWithoutAClick() {
        short[] in = Signals.tone(300, RATE, RATE / 2, 10000);
        int normal = Signals.maxStep(in, 0, in.length);
        short[] out = play(new G711Concealer(RATE), in, 10);
        int around = Signals.maxStep(out, 9 * FRAME, 12 * FRAME);
        assertThat(around).as("largest step around the loss vs. normal %d", normal)
                .isLessThanOrEqualTo((int) (normal * 1.1));
        // And the concealment is the tone, not silence or noise.
        assertThat(Signals.correlation(in, 10 * FRAME, out, 10 * FRAME, FRAME)).isGreaterThan(0.9);
    }

    @Test
    void bridgesALossInSpeechLikeAudioWithoutAClick() {
        short[] in = new short[RATE / 2];
        for (int i = 0; i < in.length; i++) {
            double t = (double) i / RATE;
            in[i] = (short) (6000 * Math.sin(2 * Math.PI * 130 * t) + 3000 * Math.sin(2 * Math.PI * 390 * t + 1)
                    + 1500 * Math.sin(2 * Math.PI * 910 * t + 2));
        }
        int normal = Signals.maxStep(in, 0, in.length);
        short[] out = play(new G711Concealer(RATE), in, 7);
        assertThat(Signals.maxStep(out, 6 * FRAME, 9 * FRAME)).isLessThanOrEqualTo((int) (normal * 1.2));
    }

    @Test
    void fadesOutOverALongLossAndIsSilentAfter60ms() {
        short[] in = Signals.tone(300, RATE, RATE, 10000);
        short[] out = play(new G711Concealer(RATE), in, 10, 11, 12, 13);
        int lossStart = 10 * FRAME;
        double first10 = Signals.rms(out, lossStart, 80);
        double at20to30 = Signals.rms(out, lossStart + 160, 80);
        double at40to50 = Signals.rms(out, lossStart + 320, 80);
        assertThat(first10).isGreaterThan(0.9 * Signals.rms(in, lossStart, 80));
        assertThat(at20to30).isLessThan(first10 * 0.85);
        assertThat(at40to50).isLessThan(at20to30 * 0.6);
        for (int i = lossStart + 480; i < 14 * FRAME; i++) {
            assertThat(out[i]).as("sample %d", i).isZero();
        }
    }

    @Test
    void fadesBackInAfterALongLoss() {
        short[] in = Signals.tone(300, RATE, RATE, 10000);
        short[] out = play(new G711Concealer(RATE), in, 10, 11, 12, 13);
        // 80 ms lost: silence, then the first good frame ramps up over 10 ms instead of jumping.
        assertThat(Math.abs(out[14 * FRAME])).isLessThan(1500);
        assertThat(out[14 * FRAME + 80]).isEqualTo(in[14 * FRAME + 80]);
    }

    @Test
    void concealsWithSilenceWhenThereIsNoHistoryYet() {
        G711Concealer plc = new G711Concealer(RATE);
        short[] out = new short[FRAME];
        Arrays.fill(out, (short) 5);
        plc.conceal(out, 0, FRAME);
        assertThat(out).containsOnly((short) 0);
    }

    @Test
    void worksAt16kHzForWidebandCodecs() {
        short[] in = Signals.tone(300, 16000, 8000, 10000);
        int normal = Signals.maxStep(in, 0, in.length);
        G711Concealer plc = new G711Concealer(16000);
        short[] out = Arrays.copyOf(in, in.length);
        for (int f = 0; f < 25; f++) {
            if (f == 10) {
                plc.conceal(out, f * 320, 320);
            } else {
                plc.received(out, f * 320, 320);
            }
        }
        assertThat(Signals.maxStep(out, 9 * 320, 12 * 320)).isLessThanOrEqualTo((int) (normal * 1.1));
    }
}
