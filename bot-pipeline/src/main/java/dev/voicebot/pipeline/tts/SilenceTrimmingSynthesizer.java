package dev.voicebot.pipeline.tts;

import java.util.Arrays;

/**
 * Cuts the silence a synthesizer puts around each sentence down to a short natural pause.
 * Festival pads every waveform with ~200 ms of silence at both ends: left in, the caller waits
 * that long for the first word of every answer, and sentences queued back to back sound halting.
 */
public final class SilenceTrimmingSynthesizer implements SpeechSynthesizer {

  private static final int SAMPLE_RATE = 16_000;
  /**
   * Silence kept before the first sound. Everything before it is under -50 dBFS, so nothing
   * audible is clipped; every millisecond kept here is a millisecond the caller waits for each
   * answer (it was 20 ms: a whole first packet of near-silence).
   */
  private static final int KEEP_LEAD = SAMPLE_RATE * 5 / 1000;
  /** Silence kept after the last sound: the pause between two sentences. */
  private static final int KEEP_TAIL = SAMPLE_RATE * 120 / 1000;
  /** About -50 dBFS: well under speech, above Festival's digital silence and dither. */
  private static final int THRESHOLD = 100;

  private final SpeechSynthesizer delegate;

  public SilenceTrimmingSynthesizer(SpeechSynthesizer delegate) {
    this.delegate = delegate;
  }

  @Override
  public short[] synthesize(String text) throws SynthesisException {
    return trim(delegate.synthesize(text));
  }

  static short[] trim(short[] pcm) {
    int first = 0;
    while (first < pcm.length && Math.abs(pcm[first]) < THRESHOLD) {
      first++;
    }
    if (first == pcm.length) {
      return pcm; // all silence: nothing to anchor a cut on
    }
    int last = pcm.length - 1;
    while (last > first && Math.abs(pcm[last]) < THRESHOLD) {
      last--;
    }
    int from = Math.max(0, first - KEEP_LEAD);
    int to = Math.min(pcm.length, last + 1 + KEEP_TAIL);
    return from == 0 && to == pcm.length ? pcm : Arrays.copyOfRange(pcm, from, to);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
