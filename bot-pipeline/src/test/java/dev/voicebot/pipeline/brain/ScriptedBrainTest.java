package dev.voicebot.pipeline.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.turn.Completeness;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScriptedBrainTest {

  private final ScriptedBrain brain = new ScriptedBrain(SampleDialplan.create(Duration.ofSeconds(5), 2, 3));

  @Test
  void greetsWithTheDialplanGreetingAndListens() {
    assertThat(brain.greeting()).isEqualTo(Reply.listen(SampleDialplan.GREETING));
  }

  @Test
  void answersARecognizedIntentAndNamesIt() {
    Reply reply = brain.onUtterance("when are you opened");
    assertThat(reply.text()).isEqualTo(SampleDialplan.HOURS_REPLY);
    assertThat(reply.after()).isEqualTo(Reply.After.LISTEN);
    assertThat(reply.intent()).contains("hours");
  }

  @Test
  void aHangupIntentHangsUpAfterItsReply() {
    assertThat(brain.onUtterance("bye bye")).isEqualTo(new Reply(SampleDialplan.GOODBYE, Reply.After.HANG_UP, java.util.Optional.of("goodbye")));
  }

  @Test
  void repromptsThenSaysGoodbyeAfterMaxMissesInARow() {
    assertThat(brain.onUtterance("the weather is nice").text()).isEqualTo(SampleDialplan.REPROMPT);
    assertThat(brain.onUtterance("my cat is sleeping").text()).isEqualTo(SampleDialplan.REPROMPT);
    assertThat(brain.onUtterance("blue bananas")).isEqualTo(Reply.hangUp(SampleDialplan.GOODBYE));
  }

  @Test
  void aRecognizedIntentResetsTheMissCount() {
    brain.onUtterance("the weather is nice");
    brain.onUtterance("the weather is nice");
    brain.onUtterance("opening hours");
    assertThat(brain.onUtterance("the weather is nice").after()).isEqualTo(Reply.After.LISTEN);
  }

  @Test
  void promptsOnSilenceThenSaysGoodbyeAfterMaxPrompts() {
    assertThat(brain.onSilence()).isEqualTo(Reply.listen(SampleDialplan.SILENCE_PROMPT));
    assertThat(brain.onSilence()).isEqualTo(Reply.listen(SampleDialplan.SILENCE_PROMPT));
    assertThat(brain.onSilence()).isEqualTo(Reply.hangUp(SampleDialplan.GOODBYE));
  }

  @Test
  void anIntentWithCollectionSpeaksReplyThenPromptAndCollects() {
    Reply reply = brain.onDtmf('2');
    assertThat(reply.text()).isEqualTo(SampleDialplan.ORDER_REPLY + " " + SampleDialplan.ORDER_PROMPT);
    assertThat(brain.collectingDigits()).isTrue();
    assertThat(brain.expectedPhrases()).contains("one", "oh", "nine");
  }

  @Test
  void digitsAccumulateAcrossUtterancesAndKeysAndAreReadBackOneByOne() {
    brain.onUtterance("check my order");
    assertThat(brain.onUtterance("one two").isSilent()).isTrue();
    assertThat(brain.onDtmf('3').isSilent()).isTrue();
    assertThat(brain.assess("four")).isEqualTo(Completeness.INCOMPLETE);
    assertThat(brain.assess("four five")).isEqualTo(Completeness.COMPLETE);
    Reply done = brain.onUtterance("four oh");
    assertThat(done.text()).isEqualTo("Thanks. Order 1, 2, 3, 4, 0 is on its way.");
    assertThat(done.intent()).contains("order_status");
    assertThat(brain.collectingDigits()).isFalse();
  }

  @Test
  void whileCollectingTheEndpointWaitsForTheWholeNumberUnlessTheCallerAsksForSomethingElse() {
    brain.onDtmf('2');
    assertThat(brain.assess("")).as("nothing yet").isEqualTo(Completeness.INCOMPLETE);
    assertThat(brain.assess("uh let me see")).isEqualTo(Completeness.INCOMPLETE);
    assertThat(brain.assess("nine eight")).isEqualTo(Completeness.INCOMPLETE);
    assertThat(brain.assess("what are your opening hours")).isEqualTo(Completeness.COMPLETE);
  }

  @Test
  void silenceAfterPartOfTheNumberAsksForTheWholeNumberAgainAndCountsAsAMiss() {
    brain.onDtmf('2');
    brain.onUtterance("nine eight seven five");
    assertThat(brain.holdsPartialDigits()).isTrue();
    assertThat(brain.onSilence().text()).isEqualTo(SampleDialplan.ORDER_RETRY);
    assertThat(brain.holdsPartialDigits()).as("the partial number is dropped").isFalse();
    assertThat(brain.collectingDigits()).isTrue();
    assertThat(brain.onUtterance("nine eight seven six five").text()).isEqualTo("Thanks. Order 9, 8, 7, 6, 5 is on its way.");
  }

  @Test
  void theTerminatorEndsCollectionEarlyButNotWithNoDigits() {
    brain.onDtmf('2');
    assertThat(brain.onDtmf('#').text()).isEqualTo(SampleDialplan.ORDER_RETRY);
    brain.onDtmf('7');
    assertThat(brain.onDtmf('#').text()).isEqualTo("Thanks. Order 7 is on its way.");
  }

  @Test
  void aCallerWhoAsksForSomethingElseWhileCollectingIsUnderstood() {
    brain.onDtmf('2');
    assertThat(brain.onUtterance("i want to talk to a real person").intent()).contains("agent");
    assertThat(brain.collectingDigits()).isFalse();
  }

  @Test
  void anUnknownKeyIsAMiss() {
    assertThat(brain.onDtmf('9').text()).isEqualTo(SampleDialplan.REPROMPT);
  }

  @Test
  void aConfidentPartialIsCompleteAndATrailingAndIsNot() {
    assertThat(brain.assess("what are your opening hours")).isEqualTo(Completeness.COMPLETE);
    assertThat(brain.assess("what are your opening hours and")).isEqualTo(Completeness.INCOMPLETE);
    assertThat(brain.assess("hmm let me think")).isEqualTo(Completeness.UNKNOWN);
  }

  @Test
  void theCallLimitSaysGoodbyeAndHangsUp() {
    assertThat(brain.onCallTimeLimit()).isEqualTo(Reply.hangUp(SampleDialplan.GOODBYE));
  }
}
