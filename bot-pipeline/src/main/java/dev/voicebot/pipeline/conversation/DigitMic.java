package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.brain.DigitParser;

/**
 * While the caller is asked for digits and nothing but the caller can be on the line, the
 * recognizer hears every frame, not only those the VAD calls speech, and the turn ends when no
 * new digit has come for the digit endpoint.
 *
 * <p>Why: people say numbers digit by digit, and some of their digits barely move Silero (the
 * FSDD speaker jackson's "eight" and "seven" never reach 0.35 at a nominal level; a quiet
 * caller's "zero" after a pause stays under the onset). Gated by the VAD, such a digit never
 * reached the recognizer, and the number came out one digit short (first or last, typically) and
 * was asked for again. Vosk with the digit grammar, fed the whole stretch, hears 16 of 18 such
 * numbers exactly. So here the recognizer's partials are evidence of speech as good as the VAD's:
 * a new digit in them resets the wait as a voiced frame does.
 *
 * <p>Only while no echo of the bot can be on the line (its prompt has finished and its tail has
 * passed, or the line is known not to echo): the prompt itself says "five digit", and its echo
 * must not become a digit.
 *
 * <p>The wait is counted twice, and both must have run out: in audio the VAD calls quiet, and in
 * audio the recognizer has processed since its last new digit. On a CPU so short that the
 * recognizer falls behind, the first alone would end the number before the recognizer had heard
 * its last digits; so the number waits for the recognizer, up to {@link #MAX_RECOGNIZER_LAG_NANOS}
 * more. Actor-confined.
 */
final class DigitMic {

  /** Beyond this the recognizer is hopelessly behind: the number ends and its final has what it has. */
  static final long MAX_RECOGNIZER_LAG_NANOS = 3_000_000_000L;
  private static final long NANOS_PER_SAMPLE = 1_000_000_000L / Conversation.SAMPLE_RATE;

  private boolean open;
  private long quietNanos;
  private int digitsHeard;
  /** How much audio the recognizer had processed when its words last gained a digit. */
  private long recognizedAtLastDigit;

  boolean isOpen() {
    return open;
  }

  /** The recognizer now takes every frame, for a number not yet begun (or its rest). */
  void open() {
    open = true;
    quietNanos = 0;
    digitsHeard = 0;
  }

  void close() {
    open = false;
  }

  /** One frame, voiced or not by the turn detector's judgement. */
  void onFrame(boolean voiced, long frameNanos) {
    quietNanos = voiced ? 0 : quietNanos + frameNanos;
  }

  /**
   * The words heard so far (the partial, with any finalized before it). A digit not heard before
   * counts as speech: the caller is still giving the number.
   *
   * @return whether they hold more digits than before
   */
  boolean onWords(String soFar, long recognizedSamples) {
    int digits = DigitParser.digits(soFar).length();
    if (digits <= digitsHeard) {
      return false;
    }
    digitsHeard = digits;
    quietNanos = 0;
    recognizedAtLastDigit = recognizedSamples;
    return true;
  }

  /**
   * Whether some digits were heard and the caller has been quiet for {@code requiredNanos} since,
   * by the VAD and by the recognizer ({@code recognizedSamples}: all it has processed this call).
   */
  boolean numberOver(long requiredNanos, long recognizedSamples) {
    if (!open || digitsHeard == 0 || quietNanos < requiredNanos) {
      return false;
    }
    long recognizedSinceDigit = (recognizedSamples - recognizedAtLastDigit) * NANOS_PER_SAMPLE;
    return recognizedSinceDigit >= requiredNanos || quietNanos >= requiredNanos + MAX_RECOGNIZER_LAG_NANOS;
  }

  boolean heardDigits() {
    return digitsHeard > 0;
  }
}
