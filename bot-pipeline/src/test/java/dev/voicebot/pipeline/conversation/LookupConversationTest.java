package dev.voicebot.pipeline.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.DigitCollection;
import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.dialplan.Lookup;
import dev.voicebot.pipeline.lookup.LookupOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A lookup inside a call: the conversation keeps running while it is out, says the filler when it
 * is slow and the answer after it, and drops an answer the caller did not wait for.
 */
class LookupConversationTest {

  private static final String FILLER = "One moment while I check.";
  private static final Lookup LOOKUP = new Lookup("/orders/{order}", Lookup.Method.GET, Duration.ofSeconds(5),
      Map.of("status", "status"), FILLER, Duration.ofMillis(150), "Order {order} is {status}.",
      "No order {order}.", "Sorry, no orders now.");

  private final List<CompletableFuture<LookupOutcome>> requests = new CopyOnWriteArrayList<>();

  private static Dialplan shop() {
    var order = new Intent("order", List.of("where is my order"), Optional.of('2'), "",
        Optional.of(new DigitCollection("Your number?", 3, '#', "", "Again?", "order", Optional.empty(), "Again?")),
        Intent.Then.CONTINUE, Optional.empty(), Optional.of(LOOKUP), Map.of(), Intent.Action.SAY);
    var hours = new Intent("hours", List.of("opening hours"), Optional.of('1'), "Nine to five.", Optional.empty(),
        Intent.Then.CONTINUE);
    return new Dialplan("shop", List.of(), "Hello.", "Sorry?", "Bye.", "Oops.", 3,
        new Dialplan.SilencePolicy(Duration.ofSeconds(5), "Still there?", 2), List.of(order, hours));
  }

  private TestCall call() {
    var test = new TestCall(shop(), (lookup, variables) -> {
      var future = new CompletableFuture<LookupOutcome>();
      requests.add(future);
      return future;
    });
    test.started();
    test.awaitSaid("Hello.");
    test.drained();
    test.awaitState("LISTENING");
    return test;
  }

  private void keyOrder(TestCall test) {
    test.presses('2');
    test.awaitSaid("Your number?");
    test.drained();
    test.presses('1', '2', '3');
    TestCall.eventually("the lookup was made", () -> requests.size() == 1);
  }

  @Test
  void aSlowLookupGetsTheFillerThenTheAnswerAfterItAndTheCallListensAgain() {
    try (TestCall test = call()) {
      keyOrder(test);

      test.awaitSaid(FILLER);
      requests.getFirst().complete(new LookupOutcome.Found(Map.of("status", "shipped")));
      test.awaitSaid("Order 1, 2, 3 is shipped.");
      List<String> played = test.call.played();
      assertThat(played.indexOf(FILLER)).isLessThan(played.indexOf("Order 1, 2, 3 is shipped."));
      test.drained();
      test.awaitState("LISTENING");
    }
  }

  @Test
  void aQuickAnswerIsSaidWithoutTheFiller() {
    try (TestCall test = call()) {
      keyOrder(test);
      requests.getFirst().complete(new LookupOutcome.NotFound());

      test.awaitSaid("No order 1, 2, 3.");
      test.drained();
      test.awaitState("LISTENING");
      TestCall.pause(300); // past the filler's 150 ms: it must not come after the answer
      assertThat(test.call.played()).doesNotContain(FILLER);
    }
  }

  @Test
  void aCallerWhoKeysSomethingElseDuringTheWaitIsAnsweredAndTheLateAnswerDropped() {
    try (TestCall test = call()) {
      keyOrder(test);

      test.presses('1');
      test.awaitSaid("Nine to five.");
      requests.getFirst().complete(new LookupOutcome.Found(Map.of("status", "shipped")));
      test.drained();
      test.awaitState("LISTENING");
      TestCall.pause(300);
      assertThat(test.call.played()).noneMatch(text -> text.startsWith("Order"));
    }
  }
}
