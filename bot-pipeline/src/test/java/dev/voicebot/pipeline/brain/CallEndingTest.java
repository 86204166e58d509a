package dev.voicebot.pipeline.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.embedding.CachingEncoder;
import dev.voicebot.pipeline.embedding.MiniLmEncoder;
import dev.voicebot.pipeline.models.TestModels;
import dev.voicebot.pipeline.turn.Completeness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hanging up cannot be undone: words that only come near the goodbye intent (a misheard request,
 * a "thanks" between questions) are asked about first, while a clear goodbye ends the call at once.
 * With the sentence encoder, whose scores are what put such words near goodbye.
 */
class CallEndingTest {

  private static MiniLmEncoder model;
  private static IntentMatchers matchers;

  private final Dialplan shop = SampleDialplan.create();
  private final ScriptedBrain brain = new ScriptedBrain(shop, matchers.forDialplan(shop));
  private final String question = shop.endCall().question();

  @BeforeAll
  static void load() {
    model = new MiniLmEncoder(TestModels.sentenceEncoderDir());
    matchers = IntentMatchers.semantic(new CachingEncoder(model, 64));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @ParameterizedTest(name = "\"{0}\" hangs up at once")
  @ValueSource(strings = {"goodbye", "okay bye then", "no thanks that is all", "that's everything thanks bye"})
  void aClearGoodbyeEndsTheCallAtOnce(String said) {
    Reply reply = brain.onUtterance(said);

    assertThat(reply.text()).isEqualTo(SampleDialplan.GOODBYE);
    assertThat(reply.after()).isEqualTo(Reply.After.HANG_UP);
  }

  @ParameterizedTest(name = "\"{0}\" is asked about")
  @ValueSource(strings = {"meet somebody to leave", "i need to leave", "thanks"})
  void wordsThatOnlyComeNearGoodbyeAreAskedAboutNotHungUpOn(String said) {
    assertThat(matchers.forDialplan(shop).match(said)).as("near goodbye")
        .hasValueSatisfying(m -> assertThat(m.intent().name()).isEqualTo("goodbye"));

    Reply reply = brain.onUtterance(said);

    assertThat(reply.text()).isEqualTo(question);
    assertThat(reply.after()).isEqualTo(Reply.After.LISTEN);
  }

  @Test
  void aYesToTheQuestionSaysGoodbyeAndHangsUp() {
    brain.onUtterance("i need to leave");

    assertThat(brain.answersQuestion("yeah")).isTrue();
    assertThat(brain.assess("yes")).as("a yes ends the turn early").isEqualTo(Completeness.COMPLETE);
    Reply reply = brain.onUtterance("yes please");
    assertThat(reply.text()).isEqualTo(SampleDialplan.GOODBYE);
    assertThat(reply.after()).isEqualTo(Reply.After.HANG_UP);
  }

  @Test
  void aNoToTheQuestionKeepsTheCallAndTheNextRequestIsAnswered() {
    brain.onUtterance("meet somebody to leave");

    Reply declined = brain.onUtterance("no");
    assertThat(declined.text()).isEqualTo(shop.endCall().declined());
    assertThat(declined.after()).isEqualTo(Reply.After.LISTEN);
    assertThat(brain.answersQuestion("yes")).as("the question was answered").isFalse();
    assertThat(brain.onUtterance("what are your opening hours").text()).isEqualTo(SampleDialplan.HOURS_REPLY);
  }

  @Test
  void aRequestInsteadOfAnAnswerIsAnsweredEvenAfterANo() {
    brain.onUtterance("meet somebody to leave");

    assertThat(brain.onUtterance("no i'd like to talk to somebody").text()).isEqualTo(SampleDialplan.AGENT_REPLY);
  }

  @Test
  void silenceAfterTheQuestionIsNoReasonToHangUp() {
    brain.onUtterance("thanks");

    Reply reply = brain.onSilence();
    assertThat(reply.text()).isEqualTo(SampleDialplan.SILENCE_PROMPT);
    assertThat(reply.after()).isEqualTo(Reply.After.LISTEN);
    assertThat(brain.onUtterance("yes").text()).as("the question is no longer open").isNotEqualTo(SampleDialplan.GOODBYE);
  }
}
