package dev.voicebot.pipeline.conversation;

import static dev.voicebot.pipeline.brain.SampleDialplan.ORDER_PROMPT;
import static dev.voicebot.pipeline.brain.SampleDialplan.ORDER_RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * While a number is asked for, digits the VAD does not call speech (some people's digits barely
 * move Silero) still reach the recognizer, and the number ends when no new digit has come for the
 * digit endpoint: no first or last digit lost, no retry.
 */
@Timeout(30)
class SoftDigitsTest {

  private static TestCall askedForTheOrderNumber() {
    TestCall test = new TestCall().greeted();
    test.presses('2');
    test.awaitSaid(ORDER_PROMPT);
    test.drained();
    // The prompt's echo could still be on the line for a while: only then does the mic open.
    test.silenceInRealTime(Math.toIntExact(Conversation.ECHO_TAIL.toMillis()) + 100);
    return test;
  }

  @Test
  void aSoftFirstDigitBeforeLoudOnesIsPartOfTheNumber() {
    try (TestCall test = askedForTheOrderNumber()) {
      test.mumbles("four", 300);
      test.silenceInRealTime(300);
      test.says("two seven one three");
      test.silenceInRealTime(400);
      test.awaitPlayedContaining("Order 4, 2, 7, 1, 3 is on its way.");
      assertThat(test.call.played()).noneMatch(text -> text.contains(ORDER_RETRY));
    }
  }

  @Test
  void aSoftLastDigitAfterAPauseCompletesTheNumber() {
    try (TestCall test = askedForTheOrderNumber()) {
      test.says("nine eight seven six");
      test.silenceInRealTime(300); // well inside the digit endpoint (3 x 200 ms here)
      test.mumbles("five", 300);
      test.silenceInRealTime(400);
      test.awaitPlayedContaining("Order 9, 8, 7, 6, 5 is on its way.");
      assertThat(test.call.played()).noneMatch(text -> text.contains(ORDER_RETRY));
    }
  }

  @Test
  void aNumberSaidEntirelyTooSoftlyForTheVadIsHeardAndEndsWithoutTheSilencePrompt() {
    try (TestCall test = askedForTheOrderNumber()) {
      test.mumbles("three", 200);
      test.silenceInRealTime(200);
      test.mumbles("one five", 400);
      test.silenceInRealTime(200);
      test.mumbles("seven zero", 400);
      test.silenceInRealTime(600);
      test.awaitPlayedContaining("Order 3, 1, 5, 7, 0 is on its way.");
      assertThat(test.call.played()).noneMatch(text -> text.contains(ORDER_RETRY));
    }
  }

  @Test
  void softDigitsThatStopPartwayEndTheTurnAfterTheDigitEndpointAndAreAskedForAgain() {
    try (TestCall test = askedForTheOrderNumber()) {
      test.mumbles("four two", 300);
      test.silenceInRealTime(3000);
      test.awaitPlayedContaining(ORDER_RETRY);
    }
  }
}
