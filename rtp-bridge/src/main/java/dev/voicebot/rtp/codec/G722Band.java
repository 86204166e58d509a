package dev.voicebot.rtp.codec;

/**
 * The state one G.722 sub-band shares between encoder and decoder: the adaptive scale factor
 * (blocks LOGSCL/SCALEL, LOGSCH/SCALEH) and the adaptive predictor with two poles and six zeros
 * (block 4: RECONS, PARREC, UPPOL1/2, UPZERO, DELAYA, FILTEP, FILTEZ, PREDIC).
 *
 * <p>Encoder and decoder feed the same quantized differences into {@link #adapt}, so both sides
 * follow the same trajectory without any side information.
 */
final class G722Band {

    private static final int ZEROS = 6;

    private final int maxLogScale;
    private final int scaleShift;
    private final int initialStep;

    /** Log scale factor (NBL/NBH). */
    private int logScale;
    /** Quantizer scale factor (DETL/DETH). */
    private int step;
    /** Pole coefficients (Q14). */
    private int a1;
    private int a2;
    /** Zero coefficients (Q14) and the differences they weight, newest first. */
    private final int[] b = new int[ZEROS];
    private final int[] pastDifference = new int[ZEROS];
    /** Partial reconstructions (difference + zero-section estimate), one and two samples back. */
    private int p1;
    private int p2;
    /** Reconstructed signal, one and two samples back. */
    private int r1;
    private int r2;
    private int zeroEstimate;
    private int estimate;

    private G722Band(int maxLogScale, int scaleShift, int initialStep) {
        this.maxLogScale = maxLogScale;
        this.scaleShift = scaleShift;
        this.initialStep = initialStep;
        reset();
    }

    static G722Band lower() {
        return new G722Band(18432, 8, 32);
    }

    static G722Band upper() {
        return new G722Band(22528, 10, 8);
    }

    void reset() {
        logScale = 0;
        step = initialStep;
        a1 = 0;
        a2 = 0;
        java.util.Arrays.fill(b, 0);
        java.util.Arrays.fill(pastDifference, 0);
        p1 = 0;
        p2 = 0;
        r1 = 0;
        r2 = 0;
        zeroEstimate = 0;
        estimate = 0;
    }

    /** The predicted value of the next sub-band sample (SL/SH). */
    int estimate() {
        return estimate;
    }

    /** The current quantizer scale factor (DETL/DETH). */
    int step() {
        return step;
    }

    /**
     * Moves to the next sample after quantizing.
     *
     * @param difference     the quantized prediction difference the predictor may see (DLT/DH)
     * @param logMultiplier  the scale factor multiplier for the code just sent (WL/WH)
     */
    void adapt(int difference, int logMultiplier) {
        adaptScale(logMultiplier);
        adaptPredictor(difference);
    }

    private void adaptScale(int logMultiplier) {
        // Leaky log-domain adaptation (factor 127/128), then antilog by table and shift.
        logScale = clamp(((logScale * 32512) >> 15) + logMultiplier, 0, maxLogScale);
        int mantissa = G722Tables.ILB[(logScale >> 6) & 31];
        int shift = scaleShift - (logScale >> 11);
        int scaled = shift >= 0 ? mantissa >> shift : mantissa << -shift;
        step = scaled << 2;
    }

    private void adaptPredictor(int d) {
        int p = sat16(d + zeroEstimate);
        int r = sat16(estimate + d);

        // Second pole: sign-sign update pulling towards stability, bounded to ±0.75.
        boolean sameAsP1 = (p < 0) == (p1 < 0);
        int wd = sat16(a1 << 2);
        wd = sameAsP1 ? Math.min(-wd, 32767) : wd;
        int newA2 = (wd >> 7) + ((p < 0) == (p2 < 0) ? 128 : -128) + ((a2 * 32512) >> 15);
        newA2 = clamp(newA2, -12288, 12288);

        // First pole, bounded so that the two-pole section stays stable: |a1| ≤ 15/16 − a2.
        int newA1 = sat16((sameAsP1 ? 192 : -192) + ((a1 * 32640) >> 15));
        int bound = 15360 - newA2;
        newA1 = clamp(newA1, -bound, bound);

        // Zeros: sign-sign correlation of the new difference with each past one.
        int gain = d == 0 ? 0 : 128;
        for (int i = 0; i < ZEROS; i++) {
            int correction = (d < 0) == (pastDifference[i] < 0) ? gain : -gain;
            b[i] = sat16(correction + ((b[i] * 32640) >> 15));
        }

        System.arraycopy(pastDifference, 0, pastDifference, 1, ZEROS - 1);
        pastDifference[0] = d;
        a1 = newA1;
        a2 = newA2;
        p2 = p1;
        p1 = p;
        r2 = r1;
        r1 = r;

        int zeros = 0;
        for (int i = 0; i < ZEROS; i++) {
            zeros += (b[i] * sat16(pastDifference[i] << 1)) >> 15;
        }
        zeroEstimate = sat16(zeros);
        int poles = sat16(((a1 * sat16(r1 << 1)) >> 15) + ((a2 * sat16(r2 << 1)) >> 15));
        estimate = sat16(poles + zeroEstimate);
    }

    static int sat16(int v) {
        return clamp(v, -32768, 32767);
    }

    static int clamp(int v, int min, int max) {
        return v < min ? min : Math.min(v, max);
    }
}
