package dev.voicebot.pipeline.turn;

import java.time.Duration;
import java.util.Objects;

/**
 * Segments the caller's audio into utterances from per-frame speech probabilities.
 *
 * <p>Onset needs a run of frames starting at or above the onset threshold and staying at or above
 * the offset threshold for at least {@code minSpeech}: short clicks and coughs never start a turn
 * (and never barge in). Once in speech, a frame counts as voiced while it stays at or above the
 * offset threshold (hysteresis), and the turn ends after enough non-speech measured from the last
 * voiced frame, or at the maximum utterance length.
 *
 * <p>Time is audio time (the sum of frame durations), so decisions do not depend on how late the
 * owner processes a frame. Not thread-safe: owned by one conversation.
 */
public final class TurnDetector {

  /** What the frame just fed means for the turn. */
  public enum Signal {
    /** No speech, or a candidate onset not yet long enough. */
    QUIET,
    /** Speech onset confirmed on this frame: the caller has started talking. */
    SPEECH_STARTED,
    /** Inside an utterance, no decision yet. */
    SPEAKING,
    /** The caller's turn ended on this frame; the detector is quiet again. */
    END_OF_TURN
  }

  private enum Phase { IDLE, ONSET_PENDING, IN_SPEECH }

  private final float onsetThreshold;
  private final float offsetThreshold;
  private final long minSpeechNanos;
  private final long endpointNanos;
  private final long shortEndpointNanos;
  private final long maxUtteranceNanos;

  private Phase phase = Phase.IDLE;
  private long runNanos;
  private long utteranceNanos;
  private long silenceNanos;
  private boolean lastFrameVoiced;
  private Completeness completeness = Completeness.UNKNOWN;

  public TurnDetector(
      float onsetThreshold,
      float offsetThreshold,
      Duration minSpeech,
      Duration endpointSilence,
      Duration shortEndpointSilence,
      Duration maxUtterance) {
    if (offsetThreshold > onsetThreshold) {
      throw new IllegalArgumentException("offset threshold must not exceed onset threshold");
    }
    this.onsetThreshold = onsetThreshold;
    this.offsetThreshold = offsetThreshold;
    this.minSpeechNanos = minSpeech.toNanos();
    this.endpointNanos = endpointSilence.toNanos();
    this.shortEndpointNanos = shortEndpointSilence.toNanos();
    this.maxUtteranceNanos = maxUtterance.toNanos();
  }

  /**
   * Feeds one frame's speech probability.
   *
   * @param probability speech probability of the frame, in [0, 1]
   * @param frameNanos the frame's duration (20 ms frames: 20_000_000)
   */
  public Signal onFrame(float probability, long frameNanos) {
    return switch (phase) {
      case IDLE -> {
        lastFrameVoiced = probability >= onsetThreshold;
        if (lastFrameVoiced) {
          phase = Phase.ONSET_PENDING;
          runNanos = 0;
          yield countOnset(frameNanos);
        }
        yield Signal.QUIET;
      }
      case ONSET_PENDING -> {
        lastFrameVoiced = probability >= offsetThreshold;
        if (!lastFrameVoiced) {
          phase = Phase.IDLE;
          yield Signal.QUIET;
        }
        yield countOnset(frameNanos);
      }
      case IN_SPEECH -> {
        utteranceNanos += frameNanos;
        lastFrameVoiced = probability >= offsetThreshold;
        silenceNanos = lastFrameVoiced ? 0 : silenceNanos + frameNanos;
        if (silenceNanos >= requiredSilenceNanos() || utteranceNanos >= maxUtteranceNanos) {
          reset();
          yield Signal.END_OF_TURN;
        }
        yield Signal.SPEAKING;
      }
    };
  }

  private Signal countOnset(long frameNanos) {
    runNanos += frameNanos;
    if (runNanos < minSpeechNanos) {
      return Signal.QUIET;
    }
    phase = Phase.IN_SPEECH;
    utteranceNanos = runNanos;
    silenceNanos = 0;
    return Signal.SPEECH_STARTED;
  }

  private long requiredSilenceNanos() {
    return switch (completeness) {
      case COMPLETE -> shortEndpointNanos;
      case UNKNOWN -> endpointNanos;
      // Callers reading digits pause between groups; LiveKit #3701 shows what cutting them off costs.
      case INCOMPLETE -> Math.min(maxUtteranceNanos, 3 * endpointNanos);
    };
  }

  /** Updates how complete the words so far are; takes effect from the next frame. */
  public void setCompleteness(Completeness completeness) {
    this.completeness = Objects.requireNonNull(completeness);
  }

  /** Whether the last frame fed counted as speech (for timing the caller's last voiced frame). */
  public boolean lastFrameVoiced() {
    return lastFrameVoiced;
  }

  /** Whether an utterance has started and not yet ended. */
  public boolean inSpeech() {
    return phase == Phase.IN_SPEECH;
  }

  /** Forgets any utterance in progress (after an endpoint, or when the utterance is abandoned). */
  public void reset() {
    phase = Phase.IDLE;
    runNanos = 0;
    utteranceNanos = 0;
    silenceNanos = 0;
    completeness = Completeness.UNKNOWN;
  }
}
