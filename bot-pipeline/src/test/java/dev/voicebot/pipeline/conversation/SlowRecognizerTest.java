package dev.voicebot.pipeline.conversation;

import static dev.voicebot.pipeline.brain.SampleDialplan.HOURS_REPLY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A recognizer that falls behind (a CPU too short for it) but keeps working is waited for: its
 * words are answered, not replaced by "Sorry, I did not get that". A wedged one is not (see
 * ConversationTest.aWedgedRecognizerIsTreatedAsNotUnderstoodInsteadOfDeadAir).
 */
@Timeout(30)
class SlowRecognizerTest {

  @Test
  void aRecognizerBehindButWorkingIsWaitedForPastTheRecognitionTimeout() {
    try (TestCall test = new TestCall().greeted()) {
      // Each batch takes 1.2 s: the final comes about 2.4 s after the endpoint, past the 2 s timeout.
      test.stt.acceptMillis = 1200;
      test.speaks("well what are your opening hours I wonder", 300);
      test.silenceInRealTime(300);
      long endpointed = System.nanoTime();
      // Bounded by the longest the conversation waits for a recognizer that is behind.
      while (test.call.played().stream().noneMatch(t -> t.equals(HOURS_REPLY) || t.startsWith("Sorry"))
          && System.nanoTime() - endpointed < Conversation.RECOGNITION_BEHIND_LIMIT.plusSeconds(1).toNanos()) {
        TestCall.pause(10);
      }
      assertThat(test.call.played()).as("the slow recognizer's words are answered").contains(HOURS_REPLY)
          .noneMatch(t -> t.startsWith("Sorry"));
      assertThat(Duration.ofNanos(System.nanoTime() - endpointed)).as("the final came after the recognition timeout")
          .isGreaterThan(Conversation.RECOGNITION_TIMEOUT.minusMillis(300));
    }
  }
}
