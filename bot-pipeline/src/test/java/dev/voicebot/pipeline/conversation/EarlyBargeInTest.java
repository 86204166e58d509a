package dev.voicebot.pipeline.conversation;

import static dev.voicebot.pipeline.brain.SampleDialplan.GREETING;
import static dev.voicebot.pipeline.conversation.TestCall.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.testing.RecordingCall;
import dev.voicebot.pipeline.testing.RecordingCall.Cleared;
import dev.voicebot.pipeline.testing.RecordingCall.Played;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On a line that does not echo, the bot stops at the first sign of the caller's speech (two
 * frames), before the turn detector confirms the onset (three); what the VAD then does not confirm
 * resumes. Where the line echoes, or before that is known, only the confirmed onset stops it.
 */
@Timeout(20)
class EarlyBargeInTest {

  @Test
  void onAnEchoFreeLineTheBotStopsOnTheSecondFrameOfSpeechAndAnswersTheCaller() {
    try (TestCall test = new TestCall().started()) {
      test.conversation.onLineEcho(LineEcho.NONE);
      test.awaitSaid(GREETING); // still playing: no drain yet
      int idle = lineIdle(test);
      test.says("when are you open");
      test.awaitPlayedContaining("nine");
      Cleared cleared = firstClear(test);
      assertThat(cleared.atVadFrame() - idle).as("frames of speech the VAD had seen when the bot stopped").isEqualTo(2);
    }
  }

  @Test
  void anEarlyStopTheVadDoesNotConfirmResumesTheCutSentence() {
    try (TestCall test = new TestCall()) {
      test.tts.millisPerSentence = 1000;
      test.started();
      test.conversation.onLineEcho(LineEcho.NONE);
      test.awaitSaid(GREETING);
      int idle = lineIdle(test);
      test.audio(TestCall.NOISE, 40); // a click: two loud frames, too short for an onset
      test.silence(400);
      Cleared cleared = firstClear(test);
      assertThat(cleared.atVadFrame() - idle).isEqualTo(2);
      eventually("greeting resumed", () -> playedAfter(test, cleared).contains("How can I help?"));
      assertThat(playedAfter(test, cleared)).containsExactly("Hello, this is the shop.", "How can I help?");
      assertThat(test.call.lastState()).isEqualTo("GREETING");
      assertThat(test.call.transcript).noneMatch(line -> line.speaker() == Speaker.CALLER);
    }
  }

  @Test
  void onALineThatEchoesOnlyTheConfirmedOnsetStopsTheBot() {
    for (LineEcho echo : List.of(LineEcho.PRESENT, LineEcho.UNKNOWN)) {
      try (TestCall test = new TestCall().started()) {
        test.conversation.onLineEcho(echo);
        test.awaitSaid(GREETING);
        int idle = lineIdle(test);
        test.says("when are you open");
        test.awaitPlayedContaining("nine");
        assertThat(firstClear(test).atVadFrame() - idle).as("line echo %s", echo).isBetween(3, 4);
      }
    }
  }

  @Test
  void quietLineNoiseNeverStopsTheBot() {
    try (TestCall test = new TestCall()) {
      test.tts.millisPerSentence = 1000;
      test.started();
      test.conversation.onLineEcho(LineEcho.NONE);
      test.awaitSaid(GREETING);
      test.audio((short) 150, 600); // VAD 0.15, -47 dBFS: hiss, never speech-like
      test.drained();
      test.awaitState("LISTENING");
      assertThat(test.call.actions).noneMatch(Cleared.class::isInstance);
    }
  }

  /** The line's own quiet before anyone speaks (a real line sends it from the answer on); frames fed. */
  private static int lineIdle(TestCall test) {
    test.audio((short) 20, 400);
    return 20;
  }

  private static Cleared firstClear(TestCall test) {
    eventually("barge-in", () -> test.call.actions.stream().anyMatch(Cleared.class::isInstance));
    return (Cleared) test.call.actions.stream().filter(Cleared.class::isInstance).findFirst().orElseThrow();
  }

  private static List<String> playedAfter(TestCall test, RecordingCall.Action action) {
    List<RecordingCall.Action> all = List.copyOf(test.call.actions);
    return all.subList(all.indexOf(action) + 1, all.size()).stream()
        .filter(Played.class::isInstance).map(a -> ((Played) a).text()).toList();
  }
}
