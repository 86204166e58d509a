package dev.voicebot.rtp.codec;

/** Test signals and measurements shared by the codec, concealment and jitter buffer tests. */
public final class Signals {

    private Signals() {
    }

    public static short[] tone(double hz, int rate, int samples, double amplitude) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /**
     * The delay (0..maxDelay) at which {@code decoded[i + delay]} best matches {@code original[i]},
     * by normalised cross-correlation over {@code [from, from + len)}.
     */
    public static int bestDelay(short[] original, short[] decoded, int from, int len, int maxDelay) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int d = 0; d <= maxDelay; d++) {
            double score = correlation(original, from, decoded, from + d, len);
            if (score > bestScore) {
                bestScore = score;
                best = d;
            }
        }
        return best;
    }

    public static double correlation(short[] a, int aOff, short[] b, int bOff, int len) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < len; i++) {
            double x = a[aOff + i];
            double y = b[bOff + i];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    /** SNR in dB of {@code b[bOff..]} as a copy of {@code a[aOff..]}. */
    public static double snrDb(short[] a, int aOff, short[] b, int bOff, int len) {
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < len; i++) {
            double x = a[aOff + i];
            double e = x - b[bOff + i];
            signal += x * x;
            noise += e * e;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-9));
    }

    public static double rms(short[] s, int off, int len) {
        double sum = 0;
        for (int i = 0; i < len; i++) {
            sum += (double) s[off + i] * s[off + i];
        }
        return Math.sqrt(sum / len);
    }

    /** Power at {@code hz} (Goertzel), normalised so a full-length sine of amplitude A gives A²/4·len². */
    public static double powerAt(short[] s, int off, int len, double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < len; i++) {
            double s0 = s[off + i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    /** The frequency with the most power on a {@code stepHz} grid up to Nyquist. */
    public static double dominantFrequency(short[] s, int off, int len, int rate, double stepHz) {
        double best = 0;
        double bestPower = -1;
        for (double f = stepHz; f < rate / 2.0; f += stepHz) {
            double p = powerAt(s, off, len, f, rate);
            if (p > bestPower) {
                bestPower = p;
                best = f;
            }
        }
        return best;
    }

    /** The largest absolute difference between neighbouring samples in {@code [from, to)}. */
    public static int maxStep(short[] s, int from, int to) {
        int max = 0;
        for (int i = Math.max(1, from); i < to; i++) {
            max = Math.max(max, Math.abs(s[i] - s[i - 1]));
        }
        return max;
    }
}
