package dev.voicebot.pipeline.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.DigitCollection;
import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.dialplan.Lookup;
import dev.voicebot.pipeline.lookup.LookupClient;
import dev.voicebot.pipeline.lookup.LookupOutcome;
import dev.voicebot.pipeline.turn.Completeness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The scripted brain's order line: digits, a yes/no read-back, a lookup and what each answer says. */
class LookupFlowTest {

  static final Lookup LOOKUP = new Lookup("/orders/{order}", Lookup.Method.GET, Duration.ofSeconds(2),
      Map.of("status", "status", "day", "expected"), "One moment while I check.", Duration.ofMillis(700),
      "Order {order} is {status} and should arrive on {day}.", "I can't find order {order}.",
      "Sorry, I can't check orders right now.");
  static final DigitCollection COLLECT = new DigitCollection("Please say your order number.", 5, '#', "",
      "Please say the five digits.", "order", Optional.of("Did you say {order}?"), "Sorry. Please say it again.");

  /** Lookups the test answers by hand, as the server would. */
  private final List<CompletableFuture<LookupOutcome>> requests = new ArrayList<>();
  private final List<Map<String, String>> asked = new ArrayList<>();
  private final List<LookupAnswer> answers = new ArrayList<>();
  private final LookupClient client = (lookup, variables) -> {
    var future = new CompletableFuture<LookupOutcome>();
    requests.add(future);
    asked.add(variables);
    return future;
  };
  private final ScriptedBrain brain = new ScriptedBrain(dialplan(), IntentMatchers.lexical().forDialplan(dialplan()),
      client, answers::add);

  static Dialplan dialplan() {
    var order = new Intent("order", List.of("where is my order"), Optional.of('2'), "", Optional.of(COLLECT),
        Intent.Then.CONTINUE, Optional.empty(), Optional.of(LOOKUP), Map.of(), Intent.Action.SAY);
    var bye = new Intent("bye", List.of("goodbye"), Optional.empty(), "Bye.", Optional.empty(), Intent.Then.HANGUP);
    return new Dialplan("shop", List.of(), "Hello.", "Sorry?", "Bye.", "Oops.", 3,
        new Dialplan.SilencePolicy(Duration.ofSeconds(5), "Still there?", 2), List.of(order, bye));
  }

  @Test
  void spokenDigitsAreAskedBackAndAYesStartsTheLookupWithTheSlot() {
    brain.onUtterance("where is my order");
    Reply question = brain.onUtterance("one two three four five");

    assertThat(question.text()).isEqualTo("Did you say 1, 2, 3, 4, 5?");
    assertThat(requests).as("nothing looked up before the caller agrees").isEmpty();
    Reply waiting = brain.onUtterance("yes that's right");
    assertThat(waiting.isAwaiting()).isTrue();
    assertThat(waiting.awaiting()).contains(Duration.ofMillis(700));
    assertThat(waiting.isSilent()).isTrue();
    assertThat(asked).containsExactly(Map.of("order", "12345", "digits", "12345"));
  }

  @Test
  void aFoundOrderIsToldWithTheAnswersFields() {
    keyOrder("12345");
    requests.getFirst().complete(new LookupOutcome.Found(Map.of("status", "out for delivery", "day", "Tuesday")));

    Reply told = brain.onLookupAnswer(answers.getFirst()).orElseThrow();
    assertThat(told.text()).isEqualTo("Order 1, 2, 3, 4, 5 is out for delivery and should arrive on Tuesday.");
    assertThat(told.isAwaiting()).isFalse();
    assertThat(told.after()).isEqualTo(Reply.After.LISTEN);
    assertThat(told.intent()).contains("order");
  }

  @Test
  void aFoundAnswerWhoseVariablesHoldACasesValuesGetsThatCasesWords() {
    var lookup = new Lookup(LOOKUP.url(), LOOKUP.method(), LOOKUP.timeout(), LOOKUP.fields(), LOOKUP.filler(),
        LOOKUP.fillerDelay(), LOOKUP.found(), LOOKUP.notFound(), LOOKUP.fallback(),
        List.of(new Lookup.Case(Map.of("status", "delivered"), "Order {order} was delivered on {day}.")));

    assertThat(lookup.foundFor(Map.of("status", "Delivered", "day", "Monday"))).as("case ignored")
        .isEqualTo("Order {order} was delivered on {day}.");
    assertThat(lookup.foundFor(Map.of("status", "shipped", "day", "Monday"))).isEqualTo(LOOKUP.found());
  }

  @Test
  void anUnknownOrderIsSaidNotFound() {
    keyOrder("99999");
    requests.getFirst().complete(new LookupOutcome.NotFound());

    assertThat(brain.onLookupAnswer(answers.getFirst()).orElseThrow().text()).isEqualTo("I can't find order 9, 9, 9, 9, 9.");
  }

  @Test
  void aSlowLookupGetsTheFillerOnceThenAFailureGetsTheFallback() {
    keyOrder("12345");

    Reply filler = brain.onFillerDue().orElseThrow();
    assertThat(filler.text()).isEqualTo("One moment while I check.");
    assertThat(filler.isAwaiting()).as("the answer still to come").isTrue();
    requests.getFirst().complete(new LookupOutcome.Failed("no answer within 2000 ms"));
    assertThat(brain.onLookupAnswer(answers.getFirst()).orElseThrow().text())
        .isEqualTo("Sorry, I can't check orders right now.");
    assertThat(brain.onFillerDue()).as("no filler once answered").isEmpty();
  }

  @Test
  void keyedDigitsAreExactAndNotAskedBack() {
    Reply reply = keyOrder("12345");

    assertThat(reply.isAwaiting()).isTrue();
    assertThat(requests).hasSize(1);
  }

  @Test
  void aRefusedReadBackAsksForTheNumberAgainAndTheNewOneIsAskedBack() {
    brain.onUtterance("where is my order");
    brain.onUtterance("one two three four five");

    Reply refused = brain.onUtterance("no");
    assertThat(refused.text()).isEqualTo("Sorry. Please say it again.");
    assertThat(brain.collectingDigits()).isTrue();
    assertThat(brain.onUtterance("one two three four six").text()).isEqualTo("Did you say 1, 2, 3, 4, 6?");
    brain.onUtterance("yes");
    assertThat(asked).containsExactly(Map.of("order", "12346", "digits", "12346"));
  }

  @Test
  void aCorrectionWithTheNumberIsAskedBackAtOnce() {
    brain.onUtterance("where is my order");
    brain.onUtterance("one two three four five");

    assertThat(brain.onUtterance("no it's one two three four six").text()).isEqualTo("Did you say 1, 2, 3, 4, 6?");
  }

  @Test
  void aNumberSaidAgainAtTheReadBackWaitsForItsLastDigitAsCollectionDoes() {
    brain.onUtterance("where is my order");
    brain.onUtterance("one two three four five");

    assertThat(brain.assess("five")).as("one digit of five").isEqualTo(Completeness.INCOMPLETE);
    assertThat(brain.assess("no five zero four")).isEqualTo(Completeness.INCOMPLETE);
    assertThat(brain.assess("no five zero four six one")).isEqualTo(Completeness.COMPLETE);
    assertThat(brain.assess("no")).isEqualTo(Completeness.COMPLETE);
    assertThat(brain.assess("hmm")).isEqualTo(Completeness.UNKNOWN);
  }

  @Test
  void aReadBackYesTheRecognizerAlsoReadAsANoIsAskedAgainNotLookedUp() {
    brain.onUtterance("where is my order");
    brain.onUtterance("one two three four five");

    assertThat(brain.onUtterance("correct", List.of("not correct", "correct")).text())
        .isEqualTo("Did you say 1, 2, 3, 4, 5?");
    assertThat(asked).isEmpty();
    brain.onUtterance("yes", List.of("yeah", "yes"));
    assertThat(asked).containsExactly(Map.of("order", "12345", "digits", "12345"));
  }

  @Test
  void anAnswerThatIsNeitherYesNorNoAsksTheQuestionAgainAndCounts() {
    brain.onUtterance("where is my order");
    brain.onUtterance("one two three four five");

    assertThat(brain.onUtterance("purple").text()).isEqualTo("Did you say 1, 2, 3, 4, 5?");
    assertThat(brain.assess("yes")).isEqualTo(Completeness.COMPLETE);
    assertThat(brain.answersQuestion("yeah")).as("a yes over the question is no backchannel").isTrue();
    assertThat(brain.answersQuestion("mm-hmm")).isFalse();
    assertThat(brain.expectedPhrases()).contains("yes", "no", "five");
    assertThat(brain.onUtterance("purple").text()).isEqualTo("Did you say 1, 2, 3, 4, 5?");
    assertThat(brain.onUtterance("purple").after()).as("the third miss").isEqualTo(Reply.After.HANG_UP);
  }

  @Test
  void aCallerWhoTalksOverTheWaitIsAnsweredAndTheLateAnswerDropped() {
    keyOrder("12345");

    assertThat(brain.onUtterance("goodbye").text()).isEqualTo("Bye.");
    requests.getFirst().complete(new LookupOutcome.Found(Map.of("status", "late", "day", "Monday")));
    assertThat(brain.onLookupAnswer(answers.getFirst())).isEmpty();
  }

  private Reply keyOrder(String digits) {
    brain.onDtmf('2');
    Reply last = null;
    for (char c : digits.toCharArray()) {
      last = brain.onDtmf(c);
    }
    return last;
  }
}
