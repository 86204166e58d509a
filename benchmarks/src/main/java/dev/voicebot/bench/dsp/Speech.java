package dev.voicebot.bench.dsp;

import java.util.SplittableRandom;

/**
 * A deterministic, speech-like test signal: a gliding harmonic voice with a syllable envelope and
 * a little noise. Codecs and cancellers do data-dependent work, so silence or a pure tone would
 * flatter them.
 */
final class Speech {

  private Speech() {}

  /** {@code seconds} of signal at {@code sampleRate}. */
  static short[] of(int sampleRate, double seconds) {
    int n = (int) (sampleRate * seconds);
    short[] out = new short[n];
    var random = new SplittableRandom(42);
    double phase = 0;
    for (int i = 0; i < n; i++) {
      double t = (double) i / sampleRate;
      double pitch = 120 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
      phase += 2 * Math.PI * pitch / sampleRate;
      double voice = 0;
      for (int h = 1; h <= 12 && h * pitch < sampleRate / 2.0; h++) {
        voice += Math.sin(h * phase) / h;
      }
      double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
      out[i] = (short) (6000 * envelope * voice + 300 * (random.nextDouble() - 0.5));
    }
    return out;
  }
}
