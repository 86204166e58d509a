package dev.voicebot.rtp.resample;

/**
 * A stateful 2:1 polyphase FIR converter between 8 kHz and 16 kHz.
 *
 * <p>Both directions share one 73-tap low-pass at 16 kHz (cutoff 4 kHz, Kaiser β = 7, about
 * 70 dB rejection, flat to well past 3.4 kHz). Each direction adds {@link #GROUP_DELAY_16K}
 * samples of delay at 16 kHz.
 *
 * <p>A cutoff at a quarter of the rate makes it a half-band filter: every tap an even distance
 * from the centre, other than the centre, is zero, and the taps are symmetric. So upsampling's
 * even output phase is the input delayed (one multiplication), its odd phase and downsampling's
 * kept outputs are 18 pairs of samples added before they are multiplied: about a quarter of the
 * multiplications of the direct form, on the media clock for every G.711 call in both
 * directions every 20 ms (where the direct form was a third of the clock's work).
 *
 * <p>Not thread-safe: one instance per stream direction. {@link #process} allocates nothing.
 */
public final class Resampler {

    /** Filter length at 16 kHz. */
    static final int TAPS = 73;
    /** Delay each conversion adds, in 16 kHz samples ((TAPS − 1) / 2). */
    public static final int GROUP_DELAY_16K = (TAPS - 1) / 2;
    /** Nonzero taps on each side of the centre: those an odd distance from it. */
    private static final int PAIRS = (GROUP_DELAY_16K + 1) / 2;

    private static final double CUTOFF = 4000.0 / 16000.0;
    private static final double KAISER_BETA = 7.0;

    private final boolean up;
    /** Tap q: the filter at distance 2q + 1 from its centre (scaled by 2 when upsampling). */
    private final float[] pairTaps = new float[PAIRS];
    /** The centre tap (scaled by 2 when upsampling). */
    private final float centreTap;
    private final int window;
    /**
     * Delay line written twice (at i and i + window) so the newest {@code window} samples are
     * always contiguous, newest first, without a modulo in the inner loop.
     */
    private final float[] history;
    private int head;
    /** Downsampling only: whether the next input sample is one at which an output is due. */
    private boolean outputDue = true;

    private Resampler(boolean up) {
        this.up = up;
        double[] h = LowPassDesign.kaiserSinc(TAPS, CUTOFF, KAISER_BETA);
        // Zero-stuffing halves the signal level; the factor 2 restores unity passband gain.
        double scale = up ? 2 : 1;
        for (int q = 0; q < PAIRS; q++) {
            pairTaps[q] = (float) (scale * h[GROUP_DELAY_16K - (2 * q + 1)]);
        }
        centreTap = (float) (scale * h[GROUP_DELAY_16K]);
        // Upsampling filters the 8 kHz input: the 73 taps span 37 input samples.
        window = up ? (TAPS + 1) / 2 : TAPS;
        history = new float[2 * window];
    }

    public static Resampler upsample8kTo16k() {
        return new Resampler(true);
    }

    public static Resampler downsample16kTo8k() {
        return new Resampler(false);
    }

    /**
     * Converts {@code len} input samples; returns the number of output samples written:
     * {@code 2·len} when upsampling, {@code len/2} (±1 for odd lengths, the phase carries over)
     * when downsampling.
     */
    public int process(short[] in, int off, int len, short[] out, int outOff) {
        return up ? upsample(in, off, len, out, outOff) : downsample(in, off, len, out, outOff);
    }

    /** Forgets the signal history, e.g. when a stream restarts after a long pause. */
    public void reset() {
        java.util.Arrays.fill(history, 0f);
        head = 0;
        outputDue = true;
    }

    private int upsample(short[] in, int off, int len, short[] out, int outOff) {
        int o = outOff;
        int centre = GROUP_DELAY_16K / 2;
        for (int i = 0; i < len; i++) {
            push(in[off + i]);
            // Even phase: taps 2j of the filter, zero but the centre (j = 18).
            out[o++] = clamp(centreTap * history[head + centre]);
            // Odd phase: taps 2j + 1 = centre ∓ (2q + 1), i.e. inputs j = 17 - q and 18 + q.
            float acc = 0f;
            for (int q = 0; q < PAIRS; q++) {
                acc += pairTaps[q] * (history[head + centre - 1 - q] + history[head + centre + q]);
            }
            out[o++] = clamp(acc);
        }
        return o - outOff;
    }

    private int downsample(short[] in, int off, int len, short[] out, int outOff) {
        int o = outOff;
        for (int i = 0; i < len; i++) {
            push(in[off + i]);
            if (outputDue) {
                int centre = head + GROUP_DELAY_16K;
                float acc = centreTap * history[centre];
                for (int q = 0; q < PAIRS; q++) {
                    int d = 2 * q + 1;
                    acc += pairTaps[q] * (history[centre - d] + history[centre + d]);
                }
                out[o++] = clamp(acc);
            }
            outputDue = !outputDue;
        }
        return o - outOff;
    }

    private void push(short sample) {
        head = head == 0 ? window - 1 : head - 1;
        history[head] = sample;
        history[head + window] = sample;
    }

    private static short clamp(float v) {
        int r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }
}
