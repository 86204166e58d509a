package dev.voicebot.pipeline.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.Intent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntentMatcherTest {

  private final IntentMatcher matcher = new IntentMatcher(SampleDialplan.create().intents());

  @ParameterizedTest(name = "\"{0}\" means {1}")
  @CsvSource({
    // the example phrases themselves
    "what are your opening hours, hours",
    "where is my order, order_status",
    "talk to a person, agent",
    "goodbye, goodbye",
    // rephrasing
    "What time do you open on Saturday?, hours",
    "hi there I'd like to know your opening times please, hours",
    "where's my order, order_status",
    "check on my order status, order_status",
    "can you track my package, order_status",
    "i want to talk to a real person, agent",
    "representative please, agent",
    "can I speak with an agent, agent",
    "that's all goodbye, goodbye",
    "bye bye, goodbye",
    "no thank you that's all, goodbye",
    // typical recognizer slips
    "what are you opening ours, hours",
    "when are you opened, hours",
    "what are your opening our's, hours",
    "wear is my order, order_status",
    "order state us, order_status",
    "talk to a persons, agent",
    "good by, goodbye",
    "represent tative, agent",
  })
  void understandsPhrasingsAndRecognizerErrors(String said, String intent) {
    assertThat(matcher.match(said)).map(m -> m.intent().name()).contains(intent);
  }

  @ParameterizedTest(name = "\"{0}\" means nothing")
  @ValueSource(strings = {
    "the weather is nice",
    "my cat is sleeping",
    "uh um",
    "",
    "[unk]",
    "blue bananas",
  })
  void unrelatedTextMatchesNothing(String said) {
    assertThat(matcher.match(said)).isEmpty();
  }

  @Test
  void exactPhraseIsAConfidentMatchButAVagueOneIsNot() {
    assertThat(matcher.match("what are your opening hours")).get().matches(IntentMatch::confident);
    assertThat(matcher.match("representative please")).get().matches(IntentMatch::confident);
    Optional<IntentMatch> vague = matcher.match("I have a question about my order from last week and the invoice");
    assertThat(vague.filter(IntentMatch::confident)).isEmpty();
  }

  @Test
  void rankListsEveryIntentBestFirst() {
    var ranked = matcher.rank("when do you open");
    assertThat(ranked).hasSize(4);
    assertThat(ranked.getFirst().intent()).extracting(Intent::name).isEqualTo("hours");
    assertThat(ranked.get(0).score()).isGreaterThan(ranked.get(1).score());
  }

  @Test
  void whenTheBestReadingMeansNothingTwoOtherReadingsThatAgreeDecide() {
    var readings = List.of("bill at the mouth and", "what are you opening ours", "doctor literally",
        "what are your opening our's");
    assertThat(matcher.match(readings.getFirst())).isEmpty();
    assertThat(matcher.match(readings)).get()
        .satisfies(m -> assertThat(m.intent().name()).isEqualTo("hours"))
        .satisfies(m -> assertThat(m.confident()).as("read past the best guess: no early endpoint").isFalse());
  }

  @Test
  void oneOtherReadingAloneDoesNotDecide() {
    assertThat(matcher.match(List.of("dr the early", "doctor the early", "what are your hours", "literally"))).isEmpty();
  }

  @Test
  void aBestReadingThatMatchesWinsOverTheOthers() {
    var readings = List.of("where is my order", "what are your hours", "what are your opening hours");
    assertThat(matcher.match(readings)).get().extracting(m -> m.intent().name()).isEqualTo("order_status");
  }
}
