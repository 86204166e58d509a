package dev.voicebot.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.corpus.CallerAudio;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import dev.voicebot.pipeline.models.TestModels;
import dev.voicebot.pipeline.vad.SileroVad;
import dev.voicebot.pipeline.vad.VadStream;
import java.time.Duration;
import java.util.ArrayList;
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

  /** 20 ms at 16 kHz, as the media clock frames the pipeline's audio. */
  private static final int FRAME = 320;
  private static final int FRAME_8K = 160;
  private static final long FRAME_NANOS = Duration.ofMillis(20).toNanos();
  private static final int SHORT_ENDPOINT_MS = 200;
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
    int wordsEnd = lastWordsFrame(caller.speech8k());
    int withLevel = endOfTurnFrame(caller.pcm16k(), true);
    int vadOnly = endOfTurnFrame(caller.pcm16k(), false);
    int endpointFrames = SHORT_ENDPOINT_MS / 20;

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
    List<TurnDetector.Signal> signals = signals(caller.pcm16k(), true);
    int end = signals.indexOf(TurnDetector.Signal.END_OF_TURN);
    assertThat(end).isPositive();
    assertThat(signals.subList(end + 1, signals.size())).containsOnly(TurnDetector.Signal.QUIET);
  }

  private static int endOfTurnFrame(short[] pcm16k, boolean withLevel) {
    int end = signals(pcm16k, withLevel).indexOf(TurnDetector.Signal.END_OF_TURN);
    if (end < 0) {
      throw new AssertionError("the turn never ended");
    }
    return end;
  }

  private static List<TurnDetector.Signal> signals(short[] pcm16k, boolean withLevel) {
    List<TurnDetector.Signal> signals = new ArrayList<>();
    TurnDetector detector = new TurnDetector(0.5f, 0.35f, Duration.ofMillis(60), Duration.ofMillis(500),
        Duration.ofMillis(SHORT_ENDPOINT_MS), Duration.ofSeconds(15));
    try (SileroVad vad = new SileroVad(TestModels.sileroModel()); VadStream stream = vad.openStream()) {
      for (int f = 0; (f + 1) * FRAME <= pcm16k.length; f++) {
        float p = stream.accept(pcm16k, f * FRAME, FRAME);
        double level = withLevel ? FrameLevel.dbfs(pcm16k, f * FRAME, FRAME) : Double.NaN;
        TurnDetector.Signal signal = detector.onFrame(p, level, FRAME_NANOS);
        if (signal == TurnDetector.Signal.SPEECH_STARTED) {
          detector.setCompleteness(Completeness.COMPLETE); // as the partial "what are your opening hours" would
        }
        signals.add(signal);
      }
    }
    return signals;
  }

  /** The last 20 ms frame of the noise-free speech within the tail margin of its loudest. */
  private static int lastWordsFrame(short[] speech8k) {
    double loudest = Double.NEGATIVE_INFINITY;
    for (int f = 0; (f + 1) * FRAME_8K <= speech8k.length; f++) {
      loudest = Math.max(loudest, FrameLevel.dbfs(speech8k, f * FRAME_8K, FRAME_8K));
    }
    int last = -1;
    for (int f = 0; (f + 1) * FRAME_8K <= speech8k.length; f++) {
      if (FrameLevel.dbfs(speech8k, f * FRAME_8K, FRAME_8K) >= loudest - TurnDetector.TAIL_MARGIN_DB) {
        last = f;
      }
    }
    return last;
  }
}
