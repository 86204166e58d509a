package dev.voicebot.pipeline.corpus;

import java.util.SplittableRandom;

/** Levels, gain and noise for 8 kHz 16-bit audio. */
public final class Signals {

  /** RMS of a full-scale square wave: 0 dBov. */
  private static final double FULL_SCALE = 32768;
  private static final int FRAME = 160;
  /** Frames this far below the loudest frame are pauses, not speech (a simplified ITU-T P.56). */
  private static final double ACTIVE_RANGE_DB = 30;
  /** Frames below this are silence even in a very quiet recording. */
  private static final double FLOOR_DBOV = -70;

  private Signals() {}

  public static double dbov(double rms) {
    return 20 * Math.log10(Math.max(rms, 1e-3) / FULL_SCALE);
  }

  public static double rms(short[] pcm, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) pcm[i] * pcm[i];
    }
    return to > from ? Math.sqrt(sum / (to - from)) : 0;
  }

  /**
   * The active speech level in dBov: the RMS over the 20 ms frames within 30 dB of the loudest
   * one, so that pauses between words and digits do not pull the level down.
   */
  public static double activeLevelDbov(short[] pcm) {
    int frames = pcm.length / FRAME;
    double loudest = Double.NEGATIVE_INFINITY;
    for (int f = 0; f < frames; f++) {
      loudest = Math.max(loudest, dbov(rms(pcm, f * FRAME, f * FRAME + FRAME)));
    }
    double threshold = Math.max(loudest - ACTIVE_RANGE_DB, FLOOR_DBOV);
    double sum = 0;
    int n = 0;
    for (int f = 0; f < frames; f++) {
      double r = rms(pcm, f * FRAME, f * FRAME + FRAME);
      if (dbov(r) >= threshold) {
        sum += r * r;
        n++;
      }
    }
    return n == 0 ? Double.NEGATIVE_INFINITY : dbov(Math.sqrt(sum / n));
  }

  /** {@code pcm} scaled so that its active level is {@code dbov} (clipped at full scale, as a line would). */
  public static short[] toLevel(short[] pcm, double dbov) {
    double gain = Math.pow(10, (dbov - activeLevelDbov(pcm)) / 20);
    short[] out = new short[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      out[i] = clip(pcm[i] * gain);
    }
    return out;
  }

  /**
   * Deterministic pink (1/f) noise, {@code length} samples of RMS 1.0 before band-limiting: Paul
   * Kellet's economy filter over seeded white noise. Pink is what rooms, streets and cars sound
   * like more than white noise does.
   */
  public static double[] pinkNoise(int length, long seed) {
    var random = new SplittableRandom(seed);
    double b0 = 0;
    double b1 = 0;
    double b2 = 0;
    double[] out = new double[length];
    double sum = 0;
    for (int i = 0; i < length; i++) {
      double white = random.nextDouble(-1, 1);
      b0 = 0.99765 * b0 + white * 0.0990460;
      b1 = 0.96300 * b1 + white * 0.2965164;
      b2 = 0.57000 * b2 + white * 1.0526913;
      out[i] = b0 + b1 + b2 + white * 0.1848;
      sum += out[i] * out[i];
    }
    double norm = Math.sqrt(sum / Math.max(1, length));
    for (int i = 0; i < length; i++) {
      out[i] /= norm;
    }
    return out;
  }

  /** {@code noise} scaled to {@code dbov} RMS, added to {@code speech}. */
  public static short[] mix(short[] speech, short[] noise, double noiseDbov) {
    double gain = Math.pow(10, noiseDbov / 20) * FULL_SCALE / Math.max(1e-9, rms(noise, 0, noise.length));
    short[] out = new short[speech.length];
    for (int i = 0; i < speech.length; i++) {
      out[i] = clip(speech[i] + noise[i % noise.length] * gain);
    }
    return out;
  }

  static short clip(double v) {
    return (short) Math.max(-32768, Math.min(32767, Math.round(v)));
  }

  /** {@code millis} of digital silence at 8 kHz. */
  public static short[] silence8k(int millis) {
    return new short[millis * 8];
  }

  /** Clips one after another. */
  public static short[] concat(short[]... clips) {
    int length = 0;
    for (short[] clip : clips) {
      length += clip.length;
    }
    short[] out = new short[length];
    int at = 0;
    for (short[] clip : clips) {
      System.arraycopy(clip, 0, out, at, clip.length);
      at += clip.length;
    }
    return out;
  }
}
