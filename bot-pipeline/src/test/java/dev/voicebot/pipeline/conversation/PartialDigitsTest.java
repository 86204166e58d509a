package dev.voicebot.pipeline.conversation;

import static dev.voicebot.pipeline.brain.SampleDialplan.ORDER_PROMPT;
import static dev.voicebot.pipeline.brain.SampleDialplan.ORDER_RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A caller who gives only part of a number (or one of whose digits the recognizer missed) is
 * asked for the whole number again a short while after they stop, not left waiting for the
 * silence prompt; the digits they give then are read back on their own.
 */
@Timeout(20)
class PartialDigitsTest {

  @Test
  void aCallerWhoStopsPartwayThroughTheNumberIsAskedForTheWholeNumberAgain() {
    try (TestCall test = new TestCall().greeted()) {
      test.presses('2');
      test.awaitSaid(ORDER_PROMPT);
      test.drained();
      test.says("nine eight seven five");
      long stopped = System.nanoTime();
      test.silenceInRealTime(800); // the digit endpoint: the turn ends with four of five digits
      test.awaitPlayedContaining(ORDER_RETRY);
      Duration waited = Duration.ofNanos(System.nanoTime() - stopped);
      assertThat(waited).as("asked again soon after the caller stopped")
          .isGreaterThanOrEqualTo(Conversation.PARTIAL_DIGITS_TIMEOUT)
          .isLessThan(Conversation.PARTIAL_DIGITS_TIMEOUT.plusSeconds(2));
      test.drained();
      test.says("nine eight seven six five");
      test.awaitPlayedContaining("Order 9, 8, 7, 6, 5 is on its way.");
    }
  }

  @Test
  void aCallerWhoIsSilentBeforeTheFirstDigitGetsTheDialplansSilencePromptNotTheRetry() {
    try (TestCall test = new TestCall().greeted()) {
      test.presses('2');
      test.awaitSaid(ORDER_PROMPT);
      test.drained();
      test.silenceInRealTime(Math.toIntExact(Conversation.PARTIAL_DIGITS_TIMEOUT.toMillis() + 500));
      assertThat(test.call.played()).noneMatch(text -> text.contains(ORDER_RETRY));
    }
  }
}
