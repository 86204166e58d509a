package dev.voicebot.pipeline.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.embedding.CachingEncoder;
import dev.voicebot.pipeline.embedding.MiniLmEncoder;
import dev.voicebot.pipeline.embedding.SentenceEncoder;
import dev.voicebot.pipeline.models.TestModels;
import dev.voicebot.pipeline.turn.Completeness;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The scripted brain with the sentence encoder: meaning, not only the listed words. */
class SemanticMatchingTest {

  private static MiniLmEncoder model;
  private static IntentMatchers matchers;

  private final Dialplan shop = SampleDialplan.create();

  @BeforeAll
  static void load() {
    model = new MiniLmEncoder(TestModels.sentenceEncoderDir());
    matchers = IntentMatchers.semantic(new CachingEncoder(model, 64));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private ScriptedBrain brain() {
    return new ScriptedBrain(shop, matchers.forDialplan(shop));
  }

  @ParameterizedTest(name = "\"{0}\" means {1}")
  @CsvSource({
    "what time do you shut, hours",
    "how late are you open tonight, hours",
    "my delivery hasn't come, order_status",
    "can i speak to a real human being, agent",
    "i'd like to talk to somebody, agent",
    "that's everything thanks, goodbye",
  })
  void paraphrasesTheScriptDoesNotListAreUnderstood(String said, String intent) {
    assertThat(matchers.forDialplan(shop).match(said)).map(m -> m.intent().name()).contains(intent);
  }

  @ParameterizedTest(name = "\"{0}\" means nothing")
  @ValueSource(strings = {"what's the weather like", "my cat is sick", "can you recommend a good restaurant", "uh um"})
  void unrelatedRequestsAreStillRepromptedFor(String said) {
    assertThat(brain().onUtterance(said).text()).isEqualTo(SampleDialplan.REPROMPT);
  }

  @Test
  void aConfidentParaphraseEndsTheTurnEarlyButAHalfSentenceDoesNot() {
    ScriptedBrain brain = brain();
    assertThat(brain.assess("what time do you shut")).isEqualTo(Completeness.COMPLETE);
    assertThat(brain.assess("can i speak to a real human being")).isEqualTo(Completeness.COMPLETE);
    assertThat(brain.assess("i want to")).isNotEqualTo(Completeness.COMPLETE);
    assertThat(brain.assess("can i speak to")).isNotEqualTo(Completeness.COMPLETE);
    assertThat(brain.assess("i would like to know about")).isNotEqualTo(Completeness.COMPLETE);
    assertThat(brain.assess("what time do you shut and")).isEqualTo(Completeness.INCOMPLETE);
  }

  @Test
  void aListedKeywordOverridesTheModel() {
    // Lexically a listed phrase; whatever the encoder thinks of "representative", the script wins.
    var ranked = matchers.forDialplan(shop).rank("representative");
    assertThat(ranked.getFirst().intent().name()).isEqualTo("agent");
    assertThat(ranked.getFirst().confident()).isTrue();
  }

  @Test
  void theDialplansThresholdDecides() {
    Dialplan strict = shop.withMatchThreshold(0.95);
    assertThat(matchers.forDialplan(strict).match("how late are you open tonight")).isEmpty();
    assertThat(matchers.forDialplan(shop).match("how late are you open tonight")).isPresent();
  }

  @Test
  void phrasesAreEmbeddedOncePerDialplanNotPerCall() {
    var runs = new AtomicInteger();
    SentenceEncoder counting = new SentenceEncoder() {
      @Override
      public float[] embed(String text) {
        runs.incrementAndGet();
        return model.embed(text);
      }

      @Override
      public int dimensions() {
        return model.dimensions();
      }

      @Override
      public void close() {}
    };
    IntentMatchers shared = IntentMatchers.semantic(counting);
    shared.prepare(shop);
    int phrases = shop.intents().stream().mapToInt(i -> i.phrases().size()).sum();
    assertThat(runs).hasValue(phrases);

    new ScriptedBrain(shop, shared.forDialplan(shop)).onUtterance("when do you shut");
    new ScriptedBrain(shop, shared.forDialplan(shop)).onUtterance("when do you shut");
    assertThat(runs).as("one run per utterance, none for the phrases again").hasValue(phrases + 2);
  }

  /**
   * Hanging up cannot be undone: words that only come near the goodbye intent (a misheard request,
   * a "thanks" between questions) are asked about first, while a clear goodbye ends the call at
   * once. The encoder's scores are what put such words near goodbye.
   */
  @Nested
  class CallEnding {

    private final ScriptedBrain brain = new ScriptedBrain(shop, matchers.forDialplan(shop));
    private final String question = shop.endCall().question();

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

    @ParameterizedTest(name = "\"{0}\" at the question is asked about again")
    @ValueSource(strings = {"bill", "for", "the weather"})
    void anUnclearAnswerToTheQuestionIsAskedAgainNotActedOn(String heard) {
      brain.onUtterance("i need to leave");

      Reply again = brain.onUtterance(heard);
      assertThat(again.text()).isEqualTo(question);
      assertThat(again.after()).isEqualTo(Reply.After.LISTEN);
      assertThat(brain.onUtterance("no").text()).isEqualTo(shop.endCall().declined());
    }

    @Test
    void theQuestionIsListenedToWithTheYesNoGrammarAndGoodbyes() {
      assertThat(brain.expectedPhrases()).as("open before the question").isEmpty();
      brain.onUtterance("i need to leave");

      assertThat(brain.expectedPhrases()).contains("yes", "no", "not", "sorry", "bye", "goodbye");
      brain.onUtterance("no");
      assertThat(brain.expectedPhrases()).as("open again once answered").isEmpty();
    }

    @Test
    void aSecondUnclearAnswerGetsTheRepromptAndTheCallGoesOn() {
      brain.onUtterance("i need to leave");
      brain.onUtterance("bill");

      Reply reply = brain.onUtterance("bill");
      assertThat(reply.text()).isEqualTo(shop.reprompt());
      assertThat(reply.after()).isEqualTo(Reply.After.LISTEN);
      assertThat(brain.onUtterance("what are your opening hours").text()).isEqualTo(SampleDialplan.HOURS_REPLY);
    }

    @Test
    void aClearGoodbyeAtTheQuestionEndsTheCall() {
      brain.onUtterance("thanks");

      Reply reply = brain.onUtterance("okay goodbye");
      assertThat(reply.text()).isEqualTo(SampleDialplan.GOODBYE);
      assertThat(reply.after()).isEqualTo(Reply.After.HANG_UP);
    }
  }
}
