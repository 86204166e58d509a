package dev.voicebot.rtp.aec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The delay search on its own, fed as the canceller feeds it (the caller's frame, then the bot's
 * next one). It ranks lags on 16 ms envelopes before it works out 4 ms correlations: these prove
 * the shortcut still lands on the exact block, also for envelopes that change every block.
 */
class EchoDelayEstimatorTest {

    private static final int FRAME = EchoCanceller.FRAME_SAMPLES;
    private static final int BLOCK = FarEndHistory.BLOCK;
    private static final int MAX_DELAY = 640 * 16;

    private static int measure(short[] far, int delaySamples) {
        FarEndHistory history = new FarEndHistory();
        EchoDelayEstimator estimator = new EchoDelayEstimator(history, MAX_DELAY);
        short[] near = new short[FRAME];
        short[] farFrame = new short[FRAME];
        for (int off = 0; off + FRAME <= far.length; off += FRAME) {
            for (int i = 0; i < FRAME; i++) {
                int t = off + i - delaySamples;
                near[i] = t >= 0 ? (short) (far[t] / 2) : 0; // the echo, 6 dB down
            }
            estimator.onNear(near, FRAME, history.position());
            System.arraycopy(far, off, farFrame, 0, FRAME);
            history.write(farFrame, FRAME);
        }
        return estimator.delaySamples();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 40, 190, 333, 521, 600})
    void findsTheEchoDelayOfSpeechToTheBlock(int delayMillis) {
        int delay = delayMillis * 16;
        int measured = measure(SyntheticEcho.botSpeech(6 * 16_000, 11), delay);
        assertThat(measured).isBetween(delay - BLOCK, delay + BLOCK);
    }

    @ParameterizedTest
    @ValueSource(ints = {44, 192, 400, 576})
    void findsTheEchoDelayOfAnEnvelopeThatChangesEveryBlock(int delayMillis) {
        // Noise whose level jumps every 4 ms: its envelope correlates at the exact lag only (so
        // the delays here are whole blocks), the case a coarse search alone would miss.
        SplittableRandom random = new SplittableRandom(5);
        short[] far = new short[6 * 16_000];
        for (int b = 0; b < far.length / BLOCK; b++) {
            double level = 200 + random.nextDouble() * 6000;
            for (int i = 0; i < BLOCK; i++) {
                far[b * BLOCK + i] = (short) Math.round(level * (random.nextDouble() * 2 - 1) * 1.7);
            }
        }
        int delay = delayMillis * 16;
        int measured = measure(far, delay);
        assertThat(measured).isBetween(delay - BLOCK, delay + BLOCK);
    }
}
