package dev.voicebot.pipeline.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.DigitCollection;
import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.dialplan.SlotType;
import dev.voicebot.pipeline.lookup.LookupClient;
import dev.voicebot.pipeline.turn.Completeness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every slot type answered in words and by keys, into the variable its prompt reads. */
class SlotTypesTest {

  /** A Monday. */
  private static final Clock MONDAY = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

  private static Intent intent(String name, String phrase, char key, SlotType type, String confirmation) {
    var slot = new DigitCollection("Tell me.", type == SlotType.NUMBER ? 32 : 1, '#', confirmation, "Again?", "answer",
        Optional.empty(), "Again?", type);
    return new Intent(name, List.of(phrase), Optional.of(key), "", Optional.of(slot), Intent.Then.CONTINUE);
  }

  private final Dialplan dialplan = new Dialplan("slots", List.of(), "Hello.", "Sorry?", "Bye.", "Oops.", 3,
      new Dialplan.SilencePolicy(Duration.ofSeconds(5), "Still there?", 2), List.of(
          intent("callback", "call me back", '1', SlotType.YES_NO, "Callback: {answer}."),
          intent("visit", "book a visit", '2', SlotType.DAY, "See you on {answer}."),
          intent("account", "my account", '3', SlotType.NUMBER, "Account {answer}."),
          intent("note", "leave a note", '4', SlotType.TEXT, "Noted: {answer}.")));
  private final ScriptedBrain brain = new ScriptedBrain(dialplan, IntentMatchers.lexical().forDialplan(dialplan),
      LookupClient.unavailable(), answer -> {}, MONDAY);

  @Test
  void aYesNoSlotTakesTheWordsOrKeysOneAndTwo() {
    brain.onUtterance("call me back");
    assertThat(brain.expectedPhrases()).contains("yes", "no");
    assertThat(brain.collectingDigits()).as("no digit endpoint for a yes").isFalse();
    assertThat(brain.assess("yes please")).isEqualTo(Completeness.COMPLETE);
    assertThat(brain.onUtterance("yes please").text()).isEqualTo("Callback: yes.");

    brain.onDtmf('1');
    assertThat(brain.onDtmf('2').text()).isEqualTo("Callback: no.");
  }

  @Test
  void aYesTheRecognizerAlsoReadAsANoIsAskedAgain() {
    brain.onUtterance("call me back");

    Reply doubted = brain.onUtterance("correct", List.of("incorrect", "correct"));
    assertThat(doubted.text()).as("asked again, not taken as yes").doesNotStartWith("Callback");
    assertThat(brain.onUtterance("yes", List.of("yeah", "yes please")).text()).isEqualTo("Callback: yes.");
  }

  @Test
  void aDaySlotTakesANamedDayTodayOrKeysOneToSeven() {
    brain.onUtterance("book a visit");
    assertThat(brain.onUtterance("on friday").text()).isEqualTo("See you on Friday.");
    brain.onUtterance("book a visit");
    assertThat(brain.onUtterance("tomorrow").text()).isEqualTo("See you on Tuesday.");
    brain.onDtmf('2');
    assertThat(brain.onDtmf('7').text()).isEqualTo("See you on Sunday.");
  }

  @Test
  void aNumberSlotTakesAllDigitsSaidInOneGoOrKeyedToTheTerminator() {
    brain.onUtterance("my account");
    assertThat(brain.collectingDigits()).isTrue();
    assertThat(brain.onUtterance("four two").text()).isEqualTo("Account 4, 2.");

    brain.onDtmf('3');
    assertThat(brain.onDtmf('7').isSilent()).isTrue();
    assertThat(brain.onDtmf('1').isSilent()).isTrue();
    assertThat(brain.onDtmf('#').text()).isEqualTo("Account 7, 1.");
  }

  @Test
  void aTextSlotTakesTheCallersWords() {
    brain.onUtterance("leave a note");
    assertThat(brain.expectedPhrases()).as("free speech").isEmpty();
    assertThat(brain.onUtterance("the gate code is blue").text()).isEqualTo("Noted: the gate code is blue.");
  }

  @Test
  void aSlotsHintsJoinItsOwnWordsInTheRecognizersGrammarAndAreAllATextSlotListensFor() {
    var colour = new DigitCollection("Which colour?", 1, '#', "{colour} it is.", "Again?", "colour", Optional.empty(),
        "Again?", SlotType.TEXT, List.of("red", "green", "blue"));
    var callback = new DigitCollection("Call you back?", 1, '#', "Callback {answer}.", "Again?", "answer",
        Optional.empty(), "Again?", SlotType.YES_NO, List.of("yes please", "no thanks"));
    var plan = new Dialplan("hints", List.of(), "Hello.", "Sorry?", "Bye.", "Oops.", 3, dialplan.silence(), List.of(
        new Intent("colour", List.of("pick a colour"), Optional.empty(), "", Optional.of(colour), Intent.Then.CONTINUE),
        new Intent("callback", List.of("call me back"), Optional.empty(), "", Optional.of(callback), Intent.Then.CONTINUE)));
    var hinted = new ScriptedBrain(plan, IntentMatchers.lexical().forDialplan(plan), LookupClient.unavailable(),
        answer -> {}, MONDAY);

    hinted.onUtterance("pick a colour");
    assertThat(hinted.expectedPhrases()).containsExactly("red", "green", "blue");
    assertThat(hinted.onUtterance("blue").text()).isEqualTo("blue it is.");
    hinted.onUtterance("call me back");
    assertThat(hinted.expectedPhrases()).contains("yes", "no", "yes please", "no thanks");
  }

  @Test
  void anAnswerOfTheWrongKindAsksAgainAndCountsAsAMiss() {
    brain.onUtterance("call me back");
    assertThat(brain.onUtterance("purple").text()).isEqualTo("Again?");
    assertThat(brain.onUtterance("one two").text()).as("digits are no yes").isEqualTo("Again?");
    assertThat(brain.onDtmf('9').after()).as("the third miss").isEqualTo(Reply.After.HANG_UP);
  }
}
