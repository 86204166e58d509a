package dev.voicebot.rtp.codec;

import static dev.voicebot.rtp.codec.G722Tables.QMF;

/**
 * The G.722 quadrature mirror filter pair: the transmit side splits 16 kHz audio into a lower and
 * an upper 8 kHz sub-band, the receive side interleaves them back. Both halves use the same
 * 24-tap linear-phase filter, split into its even and odd taps (polyphase), so every
 * multiplication works on a sample that is actually there.
 *
 * <p>Sub-band values come out at half the 16-bit input scale: the quantizers of the
 * Recommendation are laid out for 15-bit sub-band signals (14-bit audio, doubled by the filter
 * bank's conventions), and the receive side scales back by the same factor.
 */
final class G722Qmf {

    private static final int HALF = QMF.length / 2;

    /** Transmit delay line, newest sample first. */
    private final int[] input = new int[QMF.length];
    /** Receive delay lines of rL − rH and rL + rH, newest first. */
    private final int[] difference = new int[HALF];
    private final int[] sum = new int[HALF];

    /** Lower band of the last analysed pair. */
    private int low;
    /** Upper band of the last analysed pair. */
    private int high;

    /** Takes two consecutive 16 kHz samples and computes one sample of each sub-band. */
    void analyse(int earlier, int later) {
        System.arraycopy(input, 0, input, 2, QMF.length - 2);
        input[1] = earlier;
        input[0] = later;
        long even = 0;
        long odd = 0;
        for (int i = 0; i < HALF; i++) {
            even += (long) QMF[2 * i] * input[2 * i];
            odd += (long) QMF[2 * i + 1] * input[2 * i + 1];
        }
        low = G722Band.sat16((int) ((even + odd) >> 14));
        high = G722Band.sat16((int) ((even - odd) >> 14));
    }

    int low() {
        return low;
    }

    int high() {
        return high;
    }

    /**
     * Takes one reconstructed sample of each sub-band and writes two 16 kHz samples to
     * {@code out[at]} and {@code out[at + 1]}.
     */
    void synthesise(int lowBand, int highBand, short[] out, int at) {
        System.arraycopy(difference, 0, difference, 1, HALF - 1);
        System.arraycopy(sum, 0, sum, 1, HALF - 1);
        difference[0] = lowBand - highBand;
        sum[0] = lowBand + highBand;
        long first = 0;
        long second = 0;
        for (int i = 0; i < HALF; i++) {
            first += (long) QMF[2 * i] * difference[i];
            second += (long) QMF[2 * i + 1] * sum[i];
        }
        out[at] = (short) G722Band.sat16((int) (first >> 11));
        out[at + 1] = (short) G722Band.sat16((int) (second >> 11));
    }

    void reset() {
        java.util.Arrays.fill(input, 0);
        java.util.Arrays.fill(difference, 0);
        java.util.Arrays.fill(sum, 0);
        low = 0;
        high = 0;
    }
}
