package dev.voicebot.pipeline.turn;

import java.time.Duration;
import java.util.Objects;

/**
 * Segments the caller's audio into utterances from per-frame speech probabilities.
 *
 * <p>Onset needs a run of frames starting at or above the onset threshold and staying at or above
 * the offset threshold for at least {@code minSpeech}: short clicks and coughs never start a turn
 * (and never barge in). Once in speech, a frame counts as voiced while it stays at or above the
 * offset threshold (hysteresis) and, when its level is given, is no more than {@link
 * #TAIL_MARGIN_DB} below the utterance's speech level; the turn ends after enough non-speech
 * measured from the last voiced frame, or at the maximum utterance length.
 *
 * <p>The level test is there because Silero's recurrent state keeps the probability above the
 * offset threshold for 150-200 ms after the last word has faded (Festival speech through the
 * 8 kHz path: last frame above -45 dBFS at 1.86 s, probability under 0.35 only at 2.04 s). Counting
 * the endpoint silence from the model's memory instead of from the words added that much to every
 * answer. The level may only shorten the wait, never overrule the VAD: the turn still ends only
 * once the VAD too has heard non-speech for the endpoint silence less {@link #MAX_TAIL_CUT_MILLIS},
 * so quiet words that Silero is sure of (after a loud cough, say) keep the turn open.
 *
 * <p>On a noisy line the noise stays within that margin of the words, and Silero's hangover is
 * longer there (pink noise 15 dB under flite and espeak-ng voices: 100-200 ms after the words). So
 * a frame is the tail too when it is back at the line's {@link NoiseFloor} (within {@value
 * #AT_FLOOR_DB} dB of it): the line's own noise, not words. Only where the words stood well clear
 * of the floor ({@value #FLOOR_TAIL_MIN_SNR_DB} dB), so that on a line too noisy to tell words
 * from noise by level the VAD alone decides, and only once the floor has heard 1.6 s of the line.
 *
 * <p>Silero misses some voices: on phone-band speech of some people (the FSDD speaker jackson at
 * -26 dBov: "eight" and "seven" never above 0.35, and quiet callers at -38 dBov often under 0.15)
 * it stays below the thresholds while the words stand 40 dB above a clean line's noise. So where
 * the owner says the line's level can be trusted (no echo of the bot can be on it), a frame also
 * counts as voiced when it stands {@value #ASSIST_ABOVE_FLOOR_DB} dB above the line's {@link
 * NoiseFloor} and above {@value #ASSIST_MIN_DBFS} dBFS, and the VAD does not rule it out (at
 * least {@value #ASSIST_MIN_PROBABILITY}). On a noisy line (words less than that above the noise)
 * the VAD alone decides.
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

  /** Frames further below the utterance's speech level than this are its tail, not words. */
  static final double TAIL_MARGIN_DB = 30;
  /**
   * A frame this close to the line's noise floor is its noise: the floor is the quietest frame of
   * 1.6 s, and a steady noise's 20 ms frames stay within a few dB above it.
   */
  static final double AT_FLOOR_DB = 6;
  /** Words must have stood this far above the floor for a frame at the floor to count as their tail. */
  static final double FLOOR_TAIL_MIN_SNR_DB = 12;
  /** The remembered speech level falls this fast, so one loud cough does not mute a quieter sentence. */
  private static final double LEVEL_DECAY_DB_PER_SECOND = 6;
  /**
   * The most the level test takes off the VAD's own endpoint: about Silero's hangover. With the
   * 200 ms short endpoint this leaves the level alone to end a turn whose words already are a
   * complete answer; the 500 ms endpoint of an open-ended one still wants 300 ms of VAD silence.
   */
  static final long MAX_TAIL_CUT_MILLIS = 200;
  private static final double NO_LEVEL = Double.NEGATIVE_INFINITY;
  static final double ASSIST_ABOVE_FLOOR_DB = 25;
  static final double ASSIST_MIN_DBFS = -48;
  static final float ASSIST_MIN_PROBABILITY = 0.02f;

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
  /** Non-speech by the VAD alone, for {@link #MAX_TAIL_CUT_MILLIS}. */
  private long vadSilenceNanos;
  /** See {@link #clearPauseNanos()}. */
  private long clearPauseNanos;
  private boolean lastFrameVoiced;
  /** Loudest recent voiced frame of this utterance, dBFS, decaying; NO_LEVEL before the first. */
  private double speechLevelDb = NO_LEVEL;
  /**
   * The speech level of a turn that ended while the VAD still called it speech, until the VAD lets
   * go (NO_LEVEL otherwise): meanwhile only frames loud enough to be new words start a turn.
   */
  private double hangoverLevelDb = NO_LEVEL;
  private Completeness completeness = Completeness.UNKNOWN;
  private final NoiseFloor floor = new NoiseFloor();
  /** Whether this frame's level may count as voicing (see the class comment). */
  private boolean levelAssists;

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
   * Feeds one frame's speech probability, without its level: the VAD alone decides what is voiced.
   *
   * @param probability speech probability of the frame, in [0, 1]
   * @param frameNanos the frame's duration (20 ms frames: 20_000_000)
   */
  public Signal onFrame(float probability, long frameNanos) {
    return onFrame(probability, Double.NaN, frameNanos);
  }

  /**
   * Feeds one frame's speech probability and level.
   *
   * @param probability speech probability of the frame, in [0, 1]
   * @param levelDbfs the frame's RMS level in dBFS ({@link FrameLevel#dbfs}), NaN when unknown
   * @param frameNanos the frame's duration (20 ms frames: 20_000_000)
   */
  public Signal onFrame(float probability, double levelDbfs, long frameNanos) {
    return onFrame(probability, levelDbfs, frameNanos, false);
  }

  /**
   * Feeds one frame's speech probability and level, saying whether the level may count as voicing
   * where the VAD is unsure: only when nothing but the caller can be on the line.
   */
  public Signal onFrame(float probability, double levelDbfs, long frameNanos, boolean levelMayVoice) {
    if (!Double.isNaN(levelDbfs)) {
      floor.onFrame(levelDbfs);
    }
    levelAssists = levelMayVoice && !Double.isNaN(levelDbfs) && probability >= ASSIST_MIN_PROBABILITY
        && levelDbfs >= Math.max(ASSIST_MIN_DBFS, floor.dbfs() + ASSIST_ABOVE_FLOOR_DB);
    return frame(probability, levelDbfs, frameNanos);
  }

  private Signal frame(float probability, double levelDbfs, long frameNanos) {
    return switch (phase) {
      case IDLE -> {
        if (hangoverLevelDb != NO_LEVEL) {
          if (probability < offsetThreshold && !levelAssists) {
            hangoverLevelDb = NO_LEVEL; // the VAD has let go of the ended turn
          } else if (belowWords(levelDbfs, hangoverLevelDb)) {
            lastFrameVoiced = false;
            yield Signal.QUIET; // still the ended turn's tail, not a new utterance
          }
        }
        lastFrameVoiced = probability >= onsetThreshold || levelAssists;
        if (lastFrameVoiced) {
          phase = Phase.ONSET_PENDING;
          runNanos = 0;
          speechLevelDb = NO_LEVEL;
          trackLevel(levelDbfs, frameNanos);
          yield countOnset(frameNanos);
        }
        yield Signal.QUIET;
      }
      case ONSET_PENDING -> {
        lastFrameVoiced = probability >= offsetThreshold || levelAssists;
        if (!lastFrameVoiced) {
          phase = Phase.IDLE;
          yield Signal.QUIET;
        }
        trackLevel(levelDbfs, frameNanos);
        yield countOnset(frameNanos);
      }
      case IN_SPEECH -> {
        utteranceNanos += frameNanos;
        boolean speechLike = probability >= offsetThreshold || levelAssists;
        lastFrameVoiced = speechLike && !inTail(levelDbfs);
        if (speechLike) {
          trackLevel(levelDbfs, frameNanos);
        }
        silenceNanos = lastFrameVoiced ? 0 : silenceNanos + frameNanos;
        vadSilenceNanos = speechLike ? 0 : vadSilenceNanos + frameNanos;
        boolean clearlyWords = speechLike && !farBelow(levelDbfs, speechLevelDb);
        clearPauseNanos = clearlyWords ? 0 : clearPauseNanos + frameNanos;
        if (endpointReached() || utteranceNanos >= maxUtteranceNanos) {
          double level = speechLevelDb;
          reset();
          if (speechLike) {
            // Ended by the level while the VAD still hears speech: its hangover must not start a turn.
            hangoverLevelDb = level;
          }
          yield Signal.END_OF_TURN;
        }
        yield Signal.SPEAKING;
      }
    };
  }

  private boolean endpointReached() {
    long required = requiredSilenceNanos();
    long vadRequired = Math.max(0, required - MAX_TAIL_CUT_MILLIS * 1_000_000);
    return silenceNanos >= required && vadSilenceNanos >= vadRequired;
  }

  private boolean inTail(double levelDbfs) {
    return speechLevelDb != NO_LEVEL && belowWords(levelDbfs, speechLevelDb);
  }

  /** Whether a frame is no part of words spoken at {@code wordsDbfs}: far below them, or the line's noise. */
  private boolean belowWords(double levelDbfs, double wordsDbfs) {
    if (Double.isNaN(levelDbfs)) {
      return false;
    }
    if (farBelow(levelDbfs, wordsDbfs)) {
      return true;
    }
    double floorDbfs = floor.dbfs();
    return floor.settled() && wordsDbfs - floorDbfs >= FLOOR_TAIL_MIN_SNR_DB && levelDbfs < floorDbfs + AT_FLOOR_DB;
  }

  private static boolean farBelow(double levelDbfs, double wordsDbfs) {
    return !Double.isNaN(levelDbfs) && levelDbfs < wordsDbfs - TAIL_MARGIN_DB;
  }

  private void trackLevel(double levelDbfs, long frameNanos) {
    if (Double.isNaN(levelDbfs)) {
      return;
    }
    double decayed = speechLevelDb - LEVEL_DECAY_DB_PER_SECOND * frameNanos / 1e9;
    speechLevelDb = Math.max(decayed, levelDbfs);
  }

  private Signal countOnset(long frameNanos) {
    runNanos += frameNanos;
    if (runNanos < minSpeechNanos) {
      return Signal.QUIET;
    }
    phase = Phase.IN_SPEECH;
    utteranceNanos = runNanos;
    silenceNanos = 0;
    vadSilenceNanos = 0;
    clearPauseNanos = 0;
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

  /** Non-speech since the utterance's last voiced frame (0 outside an utterance). */
  public long silenceNanos() {
    return phase == Phase.IN_SPEECH ? silenceNanos : 0;
  }

  /**
   * Non-speech by the VAD or the tail margin alone, without the noise-floor test (0 outside an
   * utterance): a pause in which to ask the recognizer for its words. On a noisy line a weak
   * sound inside a word or between two (an "h", a stop's closure) sinks to the noise floor for a
   * moment; that may count towards the end of a turn whose words are complete, but a checkpoint
   * there splits the sentence for the recognizer, which then misreads the word after the split
   * (flite rms at 15 dB SNR: "what are your opening hours" heard "what are your own hours").
   */
  public long clearPauseNanos() {
    return phase == Phase.IN_SPEECH ? clearPauseNanos : 0;
  }

  /** Whether no utterance is in progress or pending confirmation. */
  public boolean idle() {
    return phase == Phase.IDLE;
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
    vadSilenceNanos = 0;
    clearPauseNanos = 0;
    speechLevelDb = NO_LEVEL;
    hangoverLevelDb = NO_LEVEL;
    completeness = Completeness.UNKNOWN;
  }
}
