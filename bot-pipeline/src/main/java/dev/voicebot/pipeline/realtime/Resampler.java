package dev.voicebot.pipeline.realtime;

/**
 * Converts 16-bit mono PCM between two rates whose ratio is a small fraction (16 kHz to 24 kHz is
 * 3/2), as a polyphase filter: conceptually upsample by L, low-pass, keep every M-th sample, but
 * only the taps that meet real (non-zero) samples are ever multiplied.
 *
 * <p>The low-pass is a Kaiser-windowed sinc with its stopband starting at the lower rate's Nyquist
 * frequency, so neither images (upsampling) nor aliases (downsampling) land in the audible band:
 * about 70 dB of rejection, flat to 7 kHz at 16 kHz, which is all a G.722 or Opus wideband call
 * carries. Its delay is about 2 ms.
 *
 * <p>Stateful: consecutive chunks are filtered as one continuous signal, whatever their sizes, so
 * one instance serves one direction of one call. Not thread-safe (one owner, the session actor).
 *
 * <p>Public so the TTS package can reuse it for 24 kHz speech servers ({@code tts.OpenAiSpeechSynthesizer}).
 */
public final class Resampler {

  /** Stopband rejection the filter is designed for. */
  static final double ATTENUATION_DB = 70;
  /** Transition band as a fraction of the lower rate: 16 kHz passes 0-7 kHz and stops from 8 kHz. */
  private static final double TRANSITION = 1.0 / 16;

  private final int up;
  private final int down;
  private final int tapsPerPhase;
  /** {@code phases[p][i]} is the prototype tap {@code p + i * up}, gain-corrected for the zero stuffing. */
  private final float[][] phases;
  private final double delayInUpsampled;
  /** The last {@code tapsPerPhase - 1} input samples, oldest first: the filter's memory between chunks. */
  private final float[] history;
  private float[] work = new float[0];
  /** Index of the next output sample, counted since the start (or the last reset). */
  private long nextOut;
  /** Input samples consumed since the start (or the last reset). */
  private long consumed;

  private Resampler(int fromRate, int toRate) {
    if (fromRate <= 0 || toRate <= 0) {
      throw new IllegalArgumentException("sample rates must be positive");
    }
    int g = gcd(fromRate, toRate);
    this.up = toRate / g;
    this.down = fromRate / g;
    if (up > 16 || down > 16) {
      throw new IllegalArgumentException("rate ratio " + toRate + "/" + fromRate + " is not a small fraction");
    }
    double upsampledRate = (double) fromRate * up;
    double lower = Math.min(fromRate, toRate);
    double transitionHz = lower * TRANSITION;
    double cutoffHz = lower / 2 - transitionHz / 2;
    // Kaiser's estimates for the window length and shape that reach the attenuation over the transition.
    double deltaOmega = 2 * Math.PI * transitionHz / upsampledRate;
    int length = (int) Math.ceil((ATTENUATION_DB - 8) / (2.285 * deltaOmega)) + 1;
    this.tapsPerPhase = (length + up - 1) / up;
    int taps = tapsPerPhase * up;
    double beta = 0.1102 * (ATTENUATION_DB - 8.7);
    double center = (taps - 1) / 2.0;
    double fc = cutoffHz / upsampledRate; // cycles per upsampled sample
    double i0Beta = besselI0(beta);
    this.phases = new float[up][tapsPerPhase];
    for (int k = 0; k < taps; k++) {
      double x = k - center;
      double sinc = x == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
      double r = x / center;
      double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
      phases[k % up][k / up] = (float) (up * sinc * window);
    }
    this.delayInUpsampled = center;
    this.history = new float[tapsPerPhase - 1];
  }

  /** A resampler from {@code fromRate} to {@code toRate} Hz. */
  public static Resampler of(int fromRate, int toRate) {
    return new Resampler(fromRate, toRate);
  }

  /** The filter's delay in output samples (for lining a resampled signal up with its source). */
  public double delayInOutputSamples() {
    return delayInUpsampled / down;
  }

  /** Resamples the next chunk; returns the output samples it completes (possibly none). */
  public short[] process(short[] in, int offset, int length) {
    int keep = history.length;
    if (work.length < keep + length) {
      work = new float[keep + length];
    }
    System.arraycopy(history, 0, work, 0, keep);
    for (int i = 0; i < length; i++) {
      work[keep + i] = in[offset + i];
    }
    long available = consumed + length;
    // Output n needs input floor(n * down / up): the newest sample its filter window touches.
    long last = Math.floorDiv(available * up - 1, down); // largest n with n*down/up < available
    int count = (int) Math.max(0, last - nextOut + 1);
    short[] out = new short[count];
    long firstInWork = consumed - keep; // input index of work[0]
    for (int o = 0; o < count; o++) {
      long t = (nextOut + o) * down;
      long newest = Math.floorDiv(t, up);
      int phase = (int) (t - newest * up);
      float[] h = phases[phase];
      int at = (int) (newest - firstInWork);
      double acc = 0;
      for (int i = 0; i < tapsPerPhase; i++) {
        int idx = at - i;
        if (idx < 0) {
          break; // before the first sample (only at the very start): silence
        }
        acc += h[i] * work[idx];
      }
      out[o] = clip(acc);
    }
    nextOut += count;
    consumed = available;
    // Keep the newest samples as the next chunk's history (zeros before the start stay zeros).
    int total = keep + length;
    System.arraycopy(work, total - keep, history, 0, keep);
    return out;
  }

  public short[] process(short[] in) {
    return process(in, 0, in.length);
  }

  /** Forgets the signal so far, e.g. between the bot's replies, so one reply's tail cannot ring into the next. */
  public void reset() {
    java.util.Arrays.fill(history, 0);
    nextOut = 0;
    consumed = 0;
  }

  private static short clip(double v) {
    long r = Math.round(v);
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
  }

  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double half = x / 2;
    for (int k = 1; k < 50; k++) {
      term *= (half / k) * (half / k);
      sum += term;
      if (term < sum * 1e-12) {
        break;
      }
    }
    return sum;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
