package dev.voicebot.rtp.aec;

import dev.voicebot.rtp.codec.G711;
import dev.voicebot.rtp.resample.Resampler;
import java.util.SplittableRandom;

/**
 * Deterministic test signals at 16 kHz: bot speech, a caller and the echo path between them.
 */
public final class SyntheticEcho {

    public static final int RATE = 16_000;

    private SyntheticEcho() {
    }

    /**
     * Speech-like: a gliding harmonic source (pitch 110-190 Hz) through two resonances, gated
     * into ~200 ms syllables with short pauses, plus bursts of high-passed noise (fricatives).
     */
    public static short[] botSpeech(int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[samples];
        double phase = 0;
        double f1 = 0;
        double f2 = 0;
        double v1 = 0;
        double v2 = 0;
        double prevNoise = 0;
        for (int i = 0; i < samples; i++) {
            double t = (double) i / RATE;
            double pitch = 150 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * pitch / RATE;
            double source = 0;
            for (int h = 1; h <= 25; h++) {
                source += Math.sin(h * phase) / h;
            }
            // Two-pole resonators around 700 Hz and 1800 Hz: a crude vowel.
            double r = 0.97;
            double a1 = 2 * r * Math.cos(2 * Math.PI * 700 / RATE);
            double a2 = 2 * r * Math.cos(2 * Math.PI * 1800 / RATE);
            double y1 = source + a1 * f1 - r * r * v1;
            v1 = f1;
            f1 = y1;
            double y2 = source + a2 * f2 - r * r * v2;
            v2 = f2;
            f2 = y2;
            double syllable = Math.max(0, Math.sin(2 * Math.PI * 2.3 * t)) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.31 * t));
            double noise = random.nextDouble(-1, 1);
            double fricative = (noise - prevNoise) * (Math.sin(2 * Math.PI * 0.9 * t) > 0.8 ? 0.5 : 0);
            prevNoise = noise;
            x[i] = syllable * (0.02 * y1 + 0.012 * y2) + fricative;
        }
        return normalize(x, 6000);
    }

    /** A different talker: a steady 230 Hz voice with a 3 Hz envelope and its own vowel. */
    public static short[] caller(int samples, double rms) {
        double[] x = new double[samples];
        for (int i = 0; i < samples; i++) {
            double t = (double) i / RATE;
            double v = 0;
            for (int h = 1; h <= 12; h++) {
                double f = 230 * h;
                double gain = Math.exp(-Math.pow((f - 500) / 400, 2)) + 0.5 * Math.exp(-Math.pow((f - 1200) / 300, 2));
                v += gain * Math.sin(2 * Math.PI * f * t + h);
            }
            x[i] = v * (0.55 + 0.45 * Math.sin(2 * Math.PI * 3 * t));
        }
        return normalize(x, rms);
    }

    /** The line's echo: 0.5 × the far end 30 ms later plus a decaying reverb tail out to ~90 ms. */
    public static short[] echo(short[] far, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int direct = 30 * RATE / 1000;
        int[] taps = new int[24];
        double[] gains = new double[taps.length];
        for (int k = 0; k < taps.length; k++) {
            taps[k] = direct + 16 + k * 40 + random.nextInt(20);
            gains[k] = 0.2 * Math.exp(-k / 6.0) * (random.nextBoolean() ? 1 : -1);
        }
        double[] e = new double[far.length];
        for (int i = 0; i < far.length; i++) {
            double v = i >= direct ? 0.5 * far[i - direct] : 0;
            for (int k = 0; k < taps.length; k++) {
                if (i >= taps[k]) {
                    v += gains[k] * far[i - taps[k]];
                }
            }
            e[i] = v;
        }
        short[] out = new short[far.length];
        for (int i = 0; i < far.length; i++) {
            out[i] = clip(e[i]);
        }
        return out;
    }

    /**
     * The same echo as a real call returns it: our 16 kHz audio is downsampled and u-law coded,
     * echoed at the far end's 8 kHz hybrid, u-law coded back with line noise (~-60 dBFS), then
     * decoded and upsampled by the session: band-limited, quantised twice and noisy.
     */
    public static short[] telephoneEcho(short[] far16k, long seed) {
        int n8 = far16k.length / 2;
        short[] far8k = new short[n8];
        Resampler.downsample16kTo8k().process(far16k, 0, far16k.length, far8k, 0);
        for (int i = 0; i < n8; i++) {
            far8k[i] = G711.ulawDecode(G711.ulawEncode(far8k[i]));
        }
        short[] up = new short[far16k.length];
        Resampler.upsample8kTo16k().process(far8k, 0, n8, up, 0);
        short[] echo16k = echo(up, seed); // the echo path acts on what the caller's side decoded
        short[] echo8k = new short[n8];
        Resampler.downsample16kTo8k().process(echo16k, 0, echo16k.length, echo8k, 0);
        SplittableRandom random = new SplittableRandom(seed + 1);
        for (int i = 0; i < n8; i++) {
            echo8k[i] = G711.ulawDecode(G711.ulawEncode(clip(echo8k[i] + random.nextGaussian() * 30)));
        }
        short[] out = new short[far16k.length];
        Resampler.upsample8kTo16k().process(echo8k, 0, n8, out, 0);
        return out;
    }

    public static short[] mix(short[] a, short[] b, int bFrom, int bTo) {
        short[] out = a.clone();
        for (int i = bFrom; i < bTo; i++) {
            out[i] = clip(a[i] + b[i]);
        }
        return out;
    }

    public static double energy(short[] x, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e += (double) x[i] * x[i];
        }
        return e;
    }

    public static double rms(short[] x, int from, int to) {
        return Math.sqrt(energy(x, from, to) / (to - from));
    }

    /** Correlation of 20 ms frame RMS envelopes: how well a talker's syllables survive. */
    public static double envelopeCorrelation(short[] a, short[] b, int from, int to) {
        int frames = (to - from) / 320;
        double[] ea = new double[frames];
        double[] eb = new double[frames];
        for (int f = 0; f < frames; f++) {
            ea[f] = rms(a, from + f * 320, from + (f + 1) * 320);
            eb[f] = rms(b, from + f * 320, from + (f + 1) * 320);
        }
        return pearson(ea, eb);
    }

    /** Sample correlation, after the best lag in ±2 ms (the preprocessor's filters shift phase slightly). */
    public static double sampleCorrelation(short[] a, short[] b, int from, int to) {
        double best = -1;
        for (int lag = -32; lag <= 32; lag++) {
            double[] x = new double[to - from];
            double[] y = new double[to - from];
            for (int i = from; i < to; i++) {
                x[i - from] = a[i];
                int j = Math.clamp(i + lag, 0, b.length - 1);
                y[i - from] = b[j];
            }
            best = Math.max(best, pearson(x, y));
        }
        return best;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static short[] normalize(double[] x, double targetRms) {
        double e = 0;
        for (double v : x) {
            e += v * v;
        }
        double gain = targetRms / Math.sqrt(e / x.length);
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = clip(x[i] * gain);
        }
        return out;
    }

    private static short clip(double v) {
        return (short) Math.clamp(Math.round(v), Short.MIN_VALUE, Short.MAX_VALUE);
    }
}
