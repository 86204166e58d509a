package dev.voicebot.rtp.resample;

/**
 * A stateful 2:1 polyphase FIR converter between 8 kHz and 16 kHz.
 *
 * <p>Both directions share one 73-tap low-pass at 16 kHz (cutoff 4 kHz, Kaiser β = 7, about
 * 70 dB rejection, flat to well past 3.4 kHz). Upsampling splits it into two phases so no
 * multiplications are wasted on stuffed zeros; downsampling evaluates it only at the kept
 * output instants. Each direction adds {@link #GROUP_DELAY_16K} samples of delay at 16 kHz.
 *
 * <p>Not thread-safe: one instance per stream direction. {@link #process} allocates nothing.
 */
public final class Resampler {

    /** Filter length at 16 kHz. */
    static final int TAPS = 73;
    /** Delay each conversion adds, in 16 kHz samples ((TAPS − 1) / 2). */
    public static final int GROUP_DELAY_16K = (TAPS - 1) / 2;

    private static final double CUTOFF = 4000.0 / 16000.0;
    private static final double KAISER_BETA = 7.0;

    private final boolean up;
    /** For upsampling: phase p's taps at [p·phaseLen, (p+1)·phaseLen); for downsampling: all taps. */
    private final float[] coefficients;
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
        if (up) {
            window = (TAPS + 1) / 2;
            coefficients = new float[2 * window];
            for (int n = 0; n < TAPS; n++) {
                // Zero-stuffing halves the signal level; the factor 2 restores unity passband gain.
                coefficients[(n % 2) * window + n / 2] = (float) (2 * h[n]);
            }
        } else {
            window = TAPS;
            coefficients = new float[TAPS];
            for (int n = 0; n < TAPS; n++) {
                coefficients[n] = (float) h[n];
            }
        }
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
        for (int i = 0; i < len; i++) {
            push(in[off + i]);
            out[o++] = clamp(dot(0));
            out[o++] = clamp(dot(window));
        }
        return o - outOff;
    }

    private int downsample(short[] in, int off, int len, short[] out, int outOff) {
        int o = outOff;
        for (int i = 0; i < len; i++) {
            push(in[off + i]);
            if (outputDue) {
                out[o++] = clamp(dot(0));
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

    private float dot(int coefficientOffset) {
        float acc = 0f;
        for (int k = 0; k < window; k++) {
            acc += coefficients[coefficientOffset + k] * history[head + k];
        }
        return acc;
    }

    private static short clamp(float v) {
        int r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }
}
