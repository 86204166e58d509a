package dev.voicebot.pipeline.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.DigitCollection;
import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.lookup.LookupClient;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A store line's small talk: hours for the day the caller names, "repeat that", "start over". */
class RepeatStartOverAndDaysTest {

  /** A Monday. */
  private static final Clock MONDAY = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

  private final ScriptedBrain brain = new ScriptedBrain(dialplan(), IntentMatchers.lexical().forDialplan(dialplan()),
      LookupClient.unavailable(), answer -> {}, MONDAY);

  static Dialplan dialplan() {
    var hours = new Intent("hours", List.of("are you open", "opening hours"), Optional.of('1'), "Nine to five, weekdays.",
        Optional.empty(), Intent.Then.CONTINUE, Optional.empty(), Optional.empty(),
        Map.of(DayOfWeek.SUNDAY, "Closed on Sunday.", DayOfWeek.MONDAY, "Monday nine to five.",
            DayOfWeek.TUESDAY, "Tuesday nine to five."), Intent.Action.SAY);
    var order = new Intent("order", List.of("where is my order"), Optional.empty(), "",
        Optional.of(new DigitCollection("Your number?", 5, '#', "Order {digits}.", "Again?")), Intent.Then.CONTINUE);
    var repeat = new Intent("repeat", List.of("repeat that", "say that again"), Optional.empty(), "Nothing yet.",
        Optional.empty(), Intent.Then.CONTINUE, Optional.empty(), Optional.empty(), Map.of(), Intent.Action.REPEAT);
    var startOver = new Intent("start-over", List.of("start over"), Optional.empty(), "Let's start over.",
        Optional.empty(), Intent.Then.CONTINUE, Optional.empty(), Optional.empty(), Map.of(), Intent.Action.START_OVER);
    return new Dialplan("shop", List.of(), "Hello, how can I help?", "Sorry?", "Bye.", "Oops.", 3,
        new Dialplan.SilencePolicy(Duration.ofSeconds(5), "Still there?", 2), List.of(hours, order, repeat, startOver));
  }

  @Test
  void aCallerWhoNamesADayHearsThatDaysHours() {
    assertThat(brain.onUtterance("are you open on sunday").text()).isEqualTo("Closed on Sunday.");
    assertThat(brain.onUtterance("are you open on sundays").text()).isEqualTo("Closed on Sunday.");
    assertThat(brain.onUtterance("are you open today").text()).isEqualTo("Monday nine to five.");
    assertThat(brain.onUtterance("are you open tomorrow").text()).isEqualTo("Tuesday nine to five.");
  }

  @Test
  void withoutADayOrForADayWithoutItsOwnReplyTheGeneralReplyIsSaid() {
    assertThat(brain.onUtterance("what are your opening hours").text()).isEqualTo("Nine to five, weekdays.");
    assertThat(brain.onUtterance("are you open on friday").text()).isEqualTo("Nine to five, weekdays.");
    assertThat(brain.onDtmf('1').text()).isEqualTo("Nine to five, weekdays.");
  }

  @Test
  void repeatThatSaysTheLastReplyAgain() {
    assertThat(brain.onUtterance("repeat that").text()).as("the greeting was not asked of the brain yet").isEqualTo("Nothing yet.");
    brain.greeting();
    assertThat(brain.onUtterance("say that again").text()).isEqualTo("Hello, how can I help?");
    brain.onUtterance("are you open on sunday");
    Reply again = brain.onUtterance("repeat that");
    assertThat(again.text()).isEqualTo("Closed on Sunday.");
    assertThat(again.intent()).contains("repeat");
    assertThat(brain.onUtterance("repeat that").text()).as("twice").isEqualTo("Closed on Sunday.");
    brain.onUtterance("blue bananas");
    assertThat(brain.onUtterance("repeat that").text()).as("a reprompt is a reply too").isEqualTo("Sorry?");
  }

  @Test
  void startOverForgetsHalfCollectedDigits() {
    brain.onUtterance("where is my order");
    brain.onUtterance("one two");
    assertThat(brain.holdsPartialDigits()).isTrue();

    // Only a confident match escapes digit collection: the words are listed ones here.
    Reply reply = brain.onUtterance("start over");

    assertThat(reply.text()).isEqualTo("Let's start over.");
    assertThat(brain.collectingDigits()).isFalse();
    brain.onUtterance("where is my order");
    assertThat(brain.onUtterance("three four five six seven").text()).isEqualTo("Order 3, 4, 5, 6, 7.");
  }
}
