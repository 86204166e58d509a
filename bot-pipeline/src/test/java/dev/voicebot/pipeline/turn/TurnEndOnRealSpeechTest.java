package dev.voicebot.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.models.TestModels;
import dev.voicebot.pipeline.models.TestSpeech;
import dev.voicebot.pipeline.vad.SileroVad;
import dev.voicebot.pipeline.vad.VadStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * The turn detector with the real Silero model on Festival speech that went through a G.711 call,
 * framed as the media clock frames it. (The bot's own voice: these tests pin the level test to
 * the words of one known voice; {@link TurnEndOnNoisyLineTest} takes the callers' voices.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TurnEndOnRealSpeechTest {

  private static final int FRAME = 320;
  private static final long FRAME_NANOS = Duration.ofMillis(20).toNanos();
  static final int SHORT_ENDPOINT_MS = 200;

  private short[] call;

  private void caller(String words) {
    call = TestSpeech.concat(TestSpeech.silence(500), TestSpeech.overThePhone(words), TestSpeech.silence(1500));
  }

  @ParameterizedTest
  @ValueSource(strings = {"What are your opening hours?", "One, two, three.", "Four, five.", "Yes."})
  void aCompleteAnswerEndsTheShortEndpointAfterTheLastWordsNotAfterSilerosHangover(String words) {
    caller(words);
    int wordsEnd = lastFrameWithinMarginOfTheLoudest();
    int withLevel = endOfTurnFrame(true);
    int vadOnly = endOfTurnFrame(false);
    int endpointFrames = SHORT_ENDPOINT_MS / 20;

    assertThat(withLevel - wordsEnd).as("frames from the last words to the end of the turn")
        .isBetween(endpointFrames, endpointFrames + 3);
    assertThat(vadOnly).as("Silero alone holds the turn open longer").isGreaterThan(withLevel);
  }

  @ParameterizedTest
  @ValueSource(strings = {"What are your opening hours?", "One, two, three.", "Four, five.", "Yes."})
  void silerosHangoverAfterTheTurnEndedDoesNotStartAnotherOne(String words) {
    caller(words);
    List<TurnDetector.Signal> signals = signals(true);
    int end = signals.indexOf(TurnDetector.Signal.END_OF_TURN);
    assertThat(end).isPositive();
    assertThat(signals.subList(end + 1, signals.size())).containsOnly(TurnDetector.Signal.QUIET);
  }

  /** Frame index (0-based) on which END_OF_TURN came. */
  private int endOfTurnFrame(boolean withLevel) {
    return endOfTurnFrame(call, withLevel);
  }

  private List<TurnDetector.Signal> signals(boolean withLevel) {
    return signals(call, withLevel);
  }

  /** Frame index (0-based) on which END_OF_TURN came for this 16 kHz audio. */
  static int endOfTurnFrame(short[] call, boolean withLevel) {
    int end = signals(call, withLevel).indexOf(TurnDetector.Signal.END_OF_TURN);
    if (end < 0) {
      throw new AssertionError("the turn never ended");
    }
    return end;
  }

  /**
   * The detector's signal for every 20 ms frame of this 16 kHz audio, the short endpoint applying
   * from the onset on (as the partial of a complete answer would make it).
   */
  static List<TurnDetector.Signal> signals(short[] call, boolean withLevel) {
    List<TurnDetector.Signal> signals = new ArrayList<>();
    TurnDetector detector = new TurnDetector(0.5f, 0.35f, Duration.ofMillis(60), Duration.ofMillis(500),
        Duration.ofMillis(SHORT_ENDPOINT_MS), Duration.ofSeconds(15));
    try (SileroVad vad = new SileroVad(TestModels.sileroModel()); VadStream stream = vad.openStream()) {
      for (int f = 0; (f + 1) * FRAME <= call.length; f++) {
        float p = stream.accept(call, f * FRAME, FRAME);
        double level = withLevel ? FrameLevel.dbfs(call, f * FRAME, FRAME) : Double.NaN;
        TurnDetector.Signal signal = detector.onFrame(p, level, FRAME_NANOS);
        if (signal == TurnDetector.Signal.SPEECH_STARTED) {
          detector.setCompleteness(Completeness.COMPLETE); // as the partial "what are your opening hours" would
        }
        signals.add(signal);
      }
    }
    return signals;
  }

  private int lastFrameWithinMarginOfTheLoudest() {
    return lastFrameWithinMarginOfTheLoudest(call, FRAME);
  }

  /** The last 20 ms frame ({@code frame} samples) within the tail margin of the loudest: the words' end. */
  static int lastFrameWithinMarginOfTheLoudest(short[] pcm, int frame) {
    double loudest = Double.NEGATIVE_INFINITY;
    for (int f = 0; (f + 1) * frame <= pcm.length; f++) {
      loudest = Math.max(loudest, FrameLevel.dbfs(pcm, f * frame, frame));
    }
    int last = -1;
    for (int f = 0; (f + 1) * frame <= pcm.length; f++) {
      if (FrameLevel.dbfs(pcm, f * frame, frame) >= loudest - TurnDetector.TAIL_MARGIN_DB) {
        last = f;
      }
    }
    return last;
  }
}
