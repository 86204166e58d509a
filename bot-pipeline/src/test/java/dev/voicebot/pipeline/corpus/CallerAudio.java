package dev.voicebot.pipeline.corpus;


import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a caller sends, 8 kHz 16-bit mono at phone band: {@code pcm8k} is the line (speech plus
 * noise), {@code speech8k} the same speech without the noise, sample for sample. A benchmark
 * tells when the caller was really talking from {@code speech8k}: on a noisy line the noise alone
 * can look voiced.
 *
 * @param text what is said (the reference for word error rate)
 */
public record CallerAudio(String text, short[] pcm8k, short[] speech8k) {

  /** A 20 ms frame is voiced above this RMS (about -40 dBFS): the app's capture harness's threshold. */
  public static final double VOICED_RMS = 330;

  /**
   * The speech with {@code beforeMillis} and {@code afterMillis} of pause around it, and the line's
   * noise (if any) laid afresh over the whole, so that it runs on through the pauses: what a caller
   * sends from the answer on, with the words where they should fall.
   */
  public CallerAudio padded(int beforeMillis, int afterMillis, LineCondition line) {
    short[] speech = Signals.concat(Signals.silence8k(beforeMillis), speech8k, Signals.silence8k(afterMillis));
    return new CallerAudio(text, CallerCorpus.onLine(speech, line), speech);
  }

  /**
   * This audio followed by {@code next} (e.g. "where is my order" with its pause, then the digits):
   * the texts joined with a space.
   */
  public CallerAudio then(CallerAudio next) {
    return new CallerAudio((text + " " + next.text).strip(), Signals.concat(pcm8k, next.pcm8k),
        Signals.concat(speech8k, next.speech8k));
  }

  /** The line's audio resampled to 16 kHz, as the pipeline's models take it. */
  public short[] pcm16k() {
    try {
      return SoundTools.to16k(pcm8k);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public double seconds() {
    return pcm8k.length / 8000.0;
  }

  /** The first sample (8 kHz) of the first voiced 20 ms frame of the speech, or -1. */
  public int firstVoicedSample() {
    for (int f = 0; f + 160 <= speech8k.length; f += 160) {
      if (Signals.rms(speech8k, f, f + 160) > VOICED_RMS) {
        return f;
      }
    }
    return -1;
  }

  /** The last sample (8 kHz) of the last voiced 20 ms frame of the speech, or -1. */
  public int lastVoicedSample() {
    for (int f = (speech8k.length / 160 - 1) * 160; f >= 0; f -= 160) {
      if (Signals.rms(speech8k, f, f + 160) > VOICED_RMS) {
        return f + 159;
      }
    }
    return -1;
  }

  /**
   * Whether 20 ms frame {@code frame} of the speech is voiced: RMS above about -40 dBFS, the same
   * threshold the app's capture harness uses for the wire.
   */
  public boolean voicedFrame(int frame) {
    int from = frame * 160;
    return from + 160 <= speech8k.length && Signals.rms(speech8k, from, from + 160) > VOICED_RMS;
  }
}
