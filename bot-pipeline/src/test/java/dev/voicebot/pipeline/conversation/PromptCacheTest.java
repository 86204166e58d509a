package dev.voicebot.pipeline.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.DigitCollection;
import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.tts.SpeechSynthesizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromptCacheTest {

  private final List<String> synthesized = new ArrayList<>();
  private final SpeechSynthesizer counting = new SpeechSynthesizer() {
    @Override
    public short[] synthesize(String text) {
      synthesized.add(text);
      return new short[] {(short) text.length()};
    }

    @Override
    public void close() {}
  };

  private final Dialplan dialplan = new Dialplan("Test", List.of(),
      "Thank you for calling Acme. How can I help you today?", "Sorry, I did not get that one.",
      "Thank you for calling. Goodbye!", "Sorry, something went wrong.", 3,
      new Dialplan.SilencePolicy(Duration.ofSeconds(10), "Are you still there, caller?", 2),
      List.of(new Intent("order", List.of("order"), Optional.of('2'), "",
          Optional.of(new DigitCollection("Please say your five digit order number.", 5, '#',
              "Order {digits} is out for delivery today.", "Please say the digits again.")),
          Intent.Then.CONTINUE)));

  @Test
  void fixedSentencesAreSynthesizedOnceAtLoadAndServedFromMemory() throws Exception {
    var cache = new PromptCache(counting);
    cache.preload(dialplan);
    int atLoad = synthesized.size();

    short[] greeting = cache.synthesize("How can I help you today?");
    cache.synthesize("How can I help you today?");

    assertThat(atLoad).isGreaterThan(5);
    assertThat(synthesized).hasSize(atLoad);
    assertThat(greeting).containsExactly((short) "How can I help you today?".length());
  }

  @Test
  void aLookupsFillerAndFixedAnswersAreCachedAtLoadSoASlowLookupIsNeverSilent() throws Exception {
    var lookup = new dev.voicebot.pipeline.dialplan.Lookup("/orders/{order}",
        dev.voicebot.pipeline.dialplan.Lookup.Method.GET, Duration.ofSeconds(3), java.util.Map.of(),
        "One moment while I check.", Duration.ofMillis(700), "Order {order} is {status}.", "I can't find it.",
        "Sorry, I can't check orders right now.");
    var order = new Intent("order", List.of("order"), Optional.of('2'), "",
        Optional.of(new DigitCollection("Your number?", 5, '#', "", "Again?")), Intent.Then.CONTINUE, Optional.empty(),
        Optional.of(lookup), java.util.Map.of(), Intent.Action.SAY);
    var cache = new PromptCache(counting);

    cache.preload(new Dialplan("Shop", List.of(), "Hello.", "Sorry?", "Bye.", "Oops.", 3,
        new Dialplan.SilencePolicy(Duration.ofSeconds(10), "Still there?", 2), List.of(order)));

    assertThat(synthesized).contains("One moment while I check.", "I can't find it.", "Sorry, I can't check orders right now.")
        .doesNotContain("Order {order} is {status}.");
  }

  @Test
  void sentencesWithCallerDataAreNotCachedAndGoToTheSynthesizer() throws Exception {
    var cache = new PromptCache(counting);
    cache.preload(dialplan);

    cache.synthesize("Order 1, 2, 3, 4, 5 is out for delivery today.");

    assertThat(synthesized).doesNotContain("Order {digits} is out for delivery today.");
    assertThat(synthesized.getLast()).isEqualTo("Order 1, 2, 3, 4, 5 is out for delivery today.");
  }

  @Test
  void eachCallerGetsItsOwnCopyOfACachedPrompt() throws Exception {
    var cache = new PromptCache(counting);
    cache.preload(dialplan);

    short[] first = cache.synthesize("Sorry, something went wrong.");
    first[0] = 0;

    assertThat(cache.synthesize("Sorry, something went wrong.")[0]).isNotZero();
  }
}
