package dev.voicebot.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.corpus.CallerAudio;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The turn detector with the real Silero model on callers' voices (never the bot's) with pink
 * noise 15 dB under the speech: the short endpoint is counted from the caller's last words, not
 * from Silero's hangover in the noise. When the words really ended comes from the same speech
 * without the noise.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TurnEndOnNoisyLineTest {

  /** 20 ms of the noise-free speech, at 8 kHz. */
  private static final int FRAME_8K = 160;
  /** Long enough for the line's noise floor to settle before the caller speaks. */
  private static final int NOISE_BEFORE_MS = 2000;

  private static CallerCorpus corpus;

  @BeforeAll
  static void openCorpus() {
    corpus = CallerCorpus.open();
  }

  static List<Voice> voices() {
    return Voice.callers();
  }

  @ParameterizedTest
  @MethodSource("voices")
  void aCompleteAnswerOnANoisyLineEndsTheShortEndpointAfterTheLastWords(Voice voice) {
    CallerAudio caller = corpus.say(voice, "what are your opening hours", LineCondition.NOISY)
        .padded(NOISE_BEFORE_MS, 1500, LineCondition.NOISY);
    int wordsEnd = TurnEndOnRealSpeechTest.lastFrameWithinMarginOfTheLoudest(caller.speech8k(), FRAME_8K);
    int withLevel = TurnEndOnRealSpeechTest.endOfTurnFrame(caller.pcm16k(), true);
    int vadOnly = TurnEndOnRealSpeechTest.endOfTurnFrame(caller.pcm16k(), false);
    int endpointFrames = TurnEndOnRealSpeechTest.SHORT_ENDPOINT_MS / 20;

    // Measured: the turn ended 7-9 frames after the noise-free words' last frame (their last 20-60
    // ms are under the noise), where Silero alone ended it after 15-24 frames.
    assertThat(withLevel - wordsEnd).as("frames from the last words to the end of the turn (%s)", voice.label())
        .isBetween(endpointFrames - 4, endpointFrames + 3);
    assertThat(vadOnly).as("Silero alone holds the turn open longer").isGreaterThan(withLevel);
  }

  @ParameterizedTest
  @MethodSource("voices")
  void silerosHangoverInTheNoiseDoesNotStartAnotherTurn(Voice voice) {
    CallerAudio caller = corpus.say(voice, "what are your opening hours", LineCondition.NOISY)
        .padded(NOISE_BEFORE_MS, 1500, LineCondition.NOISY);
    List<TurnDetector.Signal> signals = TurnEndOnRealSpeechTest.signals(caller.pcm16k(), true);
    int end = signals.indexOf(TurnDetector.Signal.END_OF_TURN);
    assertThat(end).isPositive();
    assertThat(signals.subList(end + 1, signals.size())).containsOnly(TurnDetector.Signal.QUIET);
  }
}
