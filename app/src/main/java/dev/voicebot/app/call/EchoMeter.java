package dev.voicebot.app.call;

import java.util.OptionalDouble;

/**
 * Measures the echo return loss enhancement of one call: the energy of the caller's line before
 * echo cancellation over the energy after it, summed over the frames heard while the bot talks
 * (when there is echo to remove). Frames where the caller talks over the bot count too, so the
 * figure of a double-talk call is a lower bound of the canceller's ERLE.
 *
 * <p>Fed on the media clock thread, read at the end of the call on another: synchronized, which
 * costs nothing measurable uncontended.
 */
final class EchoMeter {

  /** Below this mean square (about -60 dBFS) there was no echo to speak of: no figure. */
  private static final double MIN_RAW_MEAN_SQUARE = 32768.0 * 32768.0 * 1e-6;

  private double rawEnergy;
  private double cleanedEnergy;
  private long rawSamples;

  synchronized void raw(short[] frame) {
    rawEnergy += energy(frame);
    rawSamples += frame.length;
  }

  synchronized void cleaned(short[] frame) {
    cleanedEnergy += energy(frame);
  }

  /** ERLE in dB, empty if the bot's echo never reached a measurable level. */
  synchronized OptionalDouble erleDb() {
    if (rawSamples == 0 || rawEnergy / rawSamples < MIN_RAW_MEAN_SQUARE) {
      return OptionalDouble.empty();
    }
    // One LSB of residual per sample keeps a perfectly silent output finite.
    return OptionalDouble.of(10 * Math.log10(rawEnergy / Math.max(cleanedEnergy, rawSamples)));
  }

  private static double energy(short[] frame) {
    double sum = 0;
    for (short s : frame) {
      sum += (double) s * s;
    }
    return sum;
  }
}
