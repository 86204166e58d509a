package dev.voicebot.pipeline.turn;

import static dev.voicebot.pipeline.turn.TurnDetector.Signal.END_OF_TURN;
import static dev.voicebot.pipeline.turn.TurnDetector.Signal.QUIET;
import static dev.voicebot.pipeline.turn.TurnDetector.Signal.SPEAKING;
import static dev.voicebot.pipeline.turn.TurnDetector.Signal.SPEECH_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnDetectorTest {

  private static final long FRAME = Duration.ofMillis(20).toNanos();

  private final TurnDetector detector =
      new TurnDetector(0.5f, 0.35f, Duration.ofMillis(60), Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofSeconds(2));

  private List<TurnDetector.Signal> feed(float probability, int frames) {
    List<TurnDetector.Signal> signals = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      signals.add(detector.onFrame(probability, FRAME));
    }
    return signals;
  }

  @Test
  void aNoisyLineAfterThePrimingSilenceIsNotTakenForACallerWhereTheLevelMayVoice() {
    List<TurnDetector.Signal> signals = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      signals.add(detector.onFrame(0f, -120, FRAME, true)); // zeros before the caller's first packet
    }
    for (int i = 0; i < 150; i++) {
      // Pink noise at -41 dBFS, which Silero gives 0.01-0.03: not words, however far over silence.
      signals.add(detector.onFrame(i % 4 == 0 ? 0.03f : 0.01f, -41 + (i % 2), FRAME, true));
    }
    assertThat(signals).doesNotContain(SPEECH_STARTED);
  }

  @Test
  void speechStartsAfterMinimumRunAboveOnsetThreshold() {
    assertThat(feed(0.9f, 3)).containsExactly(QUIET, QUIET, SPEECH_STARTED);
    assertThat(feed(0.9f, 1)).containsExactly(SPEAKING);
  }

  @Test
  void aClickShorterThanTheMinimumRunIsIgnored() {
    assertThat(feed(0.9f, 2)).containsOnly(QUIET);
    assertThat(feed(0.1f, 30)).containsOnly(QUIET);
    assertThat(detector.inSpeech()).isFalse();
  }

  @Test
  void probabilityBetweenThresholdsNeitherStartsNorEndsSpeech() {
    assertThat(feed(0.4f, 50)).containsOnly(QUIET);
    feed(0.9f, 3);
    assertThat(feed(0.4f, 80)).containsOnly(SPEAKING);
  }

  @Test
  void turnEndsAfterEndpointSilenceFromTheLastVoicedFrame() {
    feed(0.9f, 10);
    List<TurnDetector.Signal> silence = feed(0.1f, 25);
    assertThat(silence.subList(0, 24)).containsOnly(SPEAKING);
    assertThat(silence.get(24)).isEqualTo(END_OF_TURN);
    assertThat(detector.inSpeech()).isFalse();
  }

  @Test
  void newSpeechCancelsTheEndpointWait() {
    feed(0.9f, 10);
    feed(0.1f, 20);
    feed(0.9f, 1);
    assertThat(feed(0.1f, 24)).containsOnly(SPEAKING);
    assertThat(feed(0.1f, 1)).containsExactly(END_OF_TURN);
  }

  @Test
  void completeAnswerEndsTheTurnSooner() {
    feed(0.9f, 10);
    detector.setCompleteness(Completeness.COMPLETE);
    assertThat(feed(0.1f, 10)).endsWith(END_OF_TURN).doesNotContain(SPEECH_STARTED);
  }

  @Test
  void incompleteAnswerWaitsLonger() {
    feed(0.9f, 10);
    detector.setCompleteness(Completeness.INCOMPLETE);
    assertThat(feed(0.1f, 74)).containsOnly(SPEAKING);
    assertThat(feed(0.1f, 1)).containsExactly(END_OF_TURN);
  }

  @Test
  void endlessSpeechEndsAtMaximumUtterance() {
    List<TurnDetector.Signal> signals = feed(0.9f, 100);
    assertThat(signals.indexOf(END_OF_TURN)).isEqualTo(99);
  }

  private List<TurnDetector.Signal> feed(float probability, double levelDbfs, int frames) {
    List<TurnDetector.Signal> signals = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      signals.add(detector.onFrame(probability, levelDbfs, FRAME));
    }
    return signals;
  }

  @Test
  void theEndpointSilenceCountsFromTheLastWordsNotFromTheVadsFadingMemoryOfThem() {
    feed(0.9f, -20, 10);
    List<TurnDetector.Signal> after = new ArrayList<>(feed(0.9f, -55, 6)); // Silero's hangover: no words
    after.addAll(feed(0.1f, -90, 25));
    assertThat(after.indexOf(END_OF_TURN)).as("frames after the last word").isEqualTo(24);
  }

  @Test
  void theVadsHangoverAfterATurnEndedByLevelDoesNotStartANewTurn() {
    feed(0.9f, -20, 10);
    detector.setCompleteness(Completeness.COMPLETE); // short endpoint: the level alone may end it
    List<TurnDetector.Signal> after = feed(0.9f, -55, 12);
    assertThat(after).contains(END_OF_TURN).doesNotContain(SPEECH_STARTED);
    assertThat(feed(0.7f, -55, 10)).containsOnly(QUIET);
    assertThat(feed(0.1f, -90, 1)).containsOnly(QUIET); // the VAD lets go
    assertThat(feed(0.9f, -55, 3)).as("quiet speech after that is speech again").endsWith(SPEECH_STARTED);
  }

  @Test
  void newWordsDuringTheVadsHangoverStartATurnAtOnce() {
    feed(0.9f, -20, 10);
    detector.setCompleteness(Completeness.COMPLETE);
    feed(0.9f, -55, 12);
    assertThat(feed(0.9f, -22, 3)).containsExactly(QUIET, QUIET, SPEECH_STARTED);
  }

  @Test
  void theVadKeepsTheLastWordWhenItStillHearsSpeechInAQuietStretch() {
    feed(0.9f, -20, 10);
    assertThat(feed(0.9f, -60, 80)).containsOnly(SPEAKING);
    assertThat(detector.lastFrameVoiced()).as("the level says these are not words").isFalse();
  }

  @Test
  void quieterWordsWithinTheMarginKeepTheTurnOpen() {
    feed(0.9f, -20, 10);
    List<TurnDetector.Signal> signals = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      // Quiet words, their syllables apart by a frame of the clean line's own quiet.
      double level = i % 5 == 0 ? -75 : -20 - TurnDetector.TAIL_MARGIN_DB + 5;
      signals.add(detector.onFrame(0.9f, level, FRAME));
    }
    assertThat(signals).containsOnly(SPEAKING);
    assertThat(detector.lastFrameVoiced()).isTrue();
  }

  /** 1.6 s of a noisy line's noise at -40 dBFS (Silero: no speech) before the caller talks. */
  private void noisyLineSettles() {
    for (int i = 0; i < 80; i++) {
      detector.onFrame(0.02f, -40 - (i % 3), FRAME);
    }
  }

  @Test
  void onANoisyLineTheShortEndpointCountsFromTheLastWordsNotFromTheVadsHangoverInTheNoise() {
    noisyLineSettles();
    feed(0.9f, -20, 10);
    detector.setCompleteness(Completeness.COMPLETE);
    List<TurnDetector.Signal> after = feed(0.9f, -39, 15); // the noise again; Silero still says speech
    assertThat(after.indexOf(END_OF_TURN)).as("frames after the last word").isEqualTo(9);
    assertThat(feed(0.9f, -39, 10)).as("the hangover starts no turn").containsOnly(QUIET);
  }

  @Test
  void aDipToTheNoiseFloorInsideTheWordsIsSilenceForTheEndpointButNoClearPauseForACheckpoint() {
    noisyLineSettles();
    feed(0.9f, -20, 10);
    feed(0.9f, -39, 6); // a weak "h" at the noise, Silero still sure of speech
    assertThat(detector.silenceNanos()).isEqualTo(6 * FRAME);
    assertThat(detector.clearPauseNanos()).isZero();
    feed(0.1f, -39, 6); // Silero lets go: a pause by either measure
    assertThat(detector.clearPauseNanos()).isEqualTo(6 * FRAME);
  }

  @Test
  void wordsTooCloseToTheNoiseLeaveTheEndpointToTheVad() {
    noisyLineSettles();
    feed(0.9f, -33, 10); // 9 dB over the floor: level cannot tell words from noise
    detector.setCompleteness(Completeness.COMPLETE);
    assertThat(feed(0.9f, -39, 30)).containsOnly(SPEAKING);
  }

  @Test
  void aFloorNotYetSettledDoesNotEndTheTurn() {
    for (int i = 0; i < 20; i++) {
      detector.onFrame(0.02f, -40, FRAME); // 0.4 s of the line: too little to know its noise
    }
    feed(0.9f, -20, 10);
    detector.setCompleteness(Completeness.COMPLETE);
    assertThat(feed(0.9f, -39, 30)).containsOnly(SPEAKING);
  }

  @Test
  void aLoudCoughDoesNotMuteTheQuieterSentenceAfterIt() {
    feed(0.9f, -5, 5); // the cough, then quiet speech the VAD is sure of (the utterance limit is 2 s)
    assertThat(feed(0.9f, -45, 90)).containsOnly(SPEAKING);
  }

  @Test
  void theLevelOfOneUtteranceDoesNotCarryIntoTheNext() {
    feed(0.9f, -10, 10);
    feed(0.1f, -90, 25); // END_OF_TURN
    feed(0.9f, -42, 5);
    assertThat(detector.inSpeech()).isTrue();
    assertThat(feed(0.9f, -42, 80)).containsOnly(SPEAKING);
  }

  @Test
  void completenessIsForgottenWithTheTurn() {
    feed(0.9f, 10);
    detector.setCompleteness(Completeness.COMPLETE);
    feed(0.1f, 10);
    feed(0.9f, 10);
    assertThat(feed(0.1f, 24)).containsOnly(SPEAKING);
  }
}
