package dev.voicebot.app.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.DigitCollection;
import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.dialplan.Lookup;
import dev.voicebot.pipeline.dialplan.SlotType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slots, read-back questions and HTTP lookups in dialplan files: read, and every mistake placed. */
class DialplanLookupLoaderTest {

  private static final Path REPO = Path.of(System.getProperty("voicebot.repo", ".."));

  @TempDir Path dir;

  private final DialplanLoader loader = new DialplanLoader();

  /** Line 9 is the order intent; its collect is on lines 12-16, its lookup on lines 17-23 (url on 18). */
  private static final String HEAD = """
      name: Shop
      greeting: Hello
      reprompt: Again?
      goodbye: Bye
      silence:
        timeout: 5s
        prompt: Still there?
      intents:
        - name: order
          dtmf: "2"
          phrases: [where is my order]
      """;

  private static final String COLLECT = """
          collect:
            prompt: Your number?
            digits: 5
            slot: order
            confirm: Did you say {order}?
      """;

  private static final String LOOKUP = """
          lookup:
            url: /orders/{order}
            fields:
              status: status
            found: Order {order} is {status}.
            not-found: No order {order}.
            fallback: Sorry, try later.
      """;

  private Intent load(String yaml) throws IOException {
    return new DialplanFiles(dir).load(yaml).intents().getFirst();
  }

  private DialplanException failure(String yaml) throws IOException {
    return new DialplanFiles(dir).failure(yaml);
  }

  @Test
  void aLookupAfterASlotIsReadWithItsDefaults() throws IOException {
    Intent order = load(HEAD + COLLECT + LOOKUP);

    DigitCollection collect = order.collect().orElseThrow();
    assertThat(collect.slot()).isEqualTo("order");
    assertThat(collect.confirm()).contains("Did you say {order}?");
    assertThat(collect.refused()).as("the retry when not given").isEqualTo(collect.retry());
    Lookup lookup = order.lookup().orElseThrow();
    assertThat(lookup.url()).isEqualTo("/orders/{order}");
    assertThat(lookup.method()).isEqualTo(Lookup.Method.GET);
    assertThat(lookup.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(lookup.fillerDelay()).isEqualTo(Duration.ofMillis(700));
    assertThat(lookup.filler()).isEqualTo("One moment while I check.");
    assertThat(lookup.fields()).isEqualTo(Map.of("status", "status"));
  }

  @Test
  void theDemoLooksOrdersUpOnTheBotsOwnServerAndAsksSpokenNumbersBack() {
    var order = loader.load(REPO.resolve("dialplans/demo.yaml")).dialplan().intents().stream()
        .filter(i -> i.name().equals("order-status")).findFirst().orElseThrow();

    assertThat(order.lookup().orElseThrow().url()).isEqualTo("/demo/orders/{order}");
    assertThat(order.lookup().orElseThrow().fields()).containsOnlyKeys("status", "day");
    assertThat(order.collect().orElseThrow().confirm()).isPresent();
    assertThat(order.lookup().orElseThrow().foundFor(Map.of("status", "delivered"))).contains("was delivered");
  }

  @Test
  void foundMayBeCasesOnTheAnswersVariablesEndingWithWhatTheOthersGet() throws IOException {
    Lookup lookup = load(HEAD + COLLECT + LOOKUP.replace("      found: Order {order} is {status}.\n", """
              found:
                - when: {status: delivered}
                  say: Order {order} was delivered.
                - say: Order {order} is {status}.
        """)).lookup().orElseThrow();

    assertThat(lookup.foundWhen()).containsExactly(new Lookup.Case(Map.of("status", "delivered"), "Order {order} was delivered."));
    assertThat(lookup.found()).isEqualTo("Order {order} is {status}.");
  }

  @Test
  void aCaseTestingAVariableThatIsNotSetIsPlaced() throws IOException {
    var e = failure(HEAD + COLLECT + LOOKUP.replace("      found: Order {order} is {status}.\n", """
              found:
                - when: {state: delivered}
                  say: Delivered.
                - say: Order {order} is {status}.
        """));

    assertThat(e.problem()).contains("found[1].when tests 'state', which is not set there");
    assertThat(e.line()).isEqualTo(22);
    assertThat(e.column()).isEqualTo(18);
  }

  @Test
  void theLastCaseHasNoConditionAndTheOthersNeedOne() throws IOException {
    var lastWhen = failure(HEAD + COLLECT + LOOKUP.replace("      found: Order {order} is {status}.\n", """
              found:
                - when: {status: delivered}
                  say: Delivered.
        """));
    assertThat(lastWhen.problem()).contains("found[1] is the last case").contains("has no when");
    assertThat(lastWhen.line()).isEqualTo(22);

    var noWhen = failure(HEAD + COLLECT + LOOKUP.replace("      found: Order {order} is {status}.\n", """
              found:
                - say: Delivered.
                - say: Order {order} is {status}.
        """));
    assertThat(noWhen.problem()).contains("found[1] is missing the required key 'when'");
    assertThat(noWhen.line()).isEqualTo(22);
  }

  @Test
  void aPromptUsingAVariableThatIsNotSetIsPlacedAtThePrompt() throws IOException {
    var e = failure(HEAD + COLLECT + LOOKUP.replace("Order {order} is {status}.", "Order {order} is {stauts}."));

    assertThat(e.problem()).contains("lookup.found uses {stauts}").contains("{status}");
    assertThat(e.line()).isEqualTo(21);
    assertThat(e.column()).isEqualTo(14);
  }

  @Test
  void aLookupFieldIsNotSetYetWhereTheLookupFailed() throws IOException {
    var e = failure(HEAD + COLLECT + LOOKUP.replace("No order {order}.", "No order {status}."));

    assertThat(e.problem()).contains("lookup.not-found uses {status}");
    assertThat(e.line()).isEqualTo(22);
  }

  @Test
  void aLookupWithoutASlotToAskWithIsRejected() throws IOException {
    var e = failure(HEAD + "    reply: Hm.\n" + LOOKUP);

    assertThat(e.problem()).contains("has a lookup but no collect block");
    assertThat(e.line()).isEqualTo(14);
  }

  @Test
  void anUnknownLookupKeyListsTheKnownOnes() throws IOException {
    var e = failure(HEAD + COLLECT + LOOKUP + "      retries: 3\n");

    assertThat(e.problem()).contains("unknown key 'retries'").contains("not-found");
    assertThat(e.line()).isEqualTo(24);
    assertThat(e.column()).isEqualTo(7);
  }

  @Test
  void aMissingFallbackIsRequired() throws IOException {
    var e = failure(HEAD + COLLECT + LOOKUP.replace("      fallback: Sorry, try later.\n", ""));

    assertThat(e.problem()).contains("missing the required key 'fallback'");
    assertThat(e.line()).isEqualTo(18);
  }

  @Test
  void aMethodOtherThanGetOrPostIsRejectedWhereItStands() throws IOException {
    var e = failure(HEAD + COLLECT + LOOKUP + "      method: DELETE\n");

    assertThat(e.problem()).contains("method must be GET").contains("DELETE");
    assertThat(e.line()).isEqualTo(24);
    assertThat(e.column()).isEqualTo(15);
  }

  @Test
  void aUrlThatIsNeitherHttpNorAPathOnTheOwnServerIsRejected() throws IOException {
    var e = failure(HEAD + COLLECT + LOOKUP.replace("/orders/{order}", "ftp://shop/{order}"));

    assertThat(e.problem()).contains("http:// or https:// URL, or a path");
    assertThat(e.line()).isEqualTo(18);
  }

  @Test
  void aUrlUsingAVariableThatIsNotCollectedIsRejected() throws IOException {
    var e = failure(HEAD + COLLECT + LOOKUP.replace("/orders/{order}", "http://shop.example/orders/{number}"));

    assertThat(e.problem()).contains("lookup.url uses {number}");
  }

  @Test
  void aBadLookupTimeoutSaysWhichFormsAreAccepted() throws IOException {
    var e = failure(HEAD + COLLECT + LOOKUP + "      timeout: soon\n");

    assertThat(e.problem()).contains("timeout must be a duration");
    assertThat(e.line()).isEqualTo(24);
  }

  @Test
  void fieldsMustMapNamesToFieldsAndNotOverwriteTheSlot() throws IOException {
    var notMap = failure(HEAD + COLLECT + LOOKUP.replace("      fields:\n        status: status\n", "      fields: [status]\n"));
    assertThat(notMap.problem()).contains("fields must map variable names");
    assertThat(notMap.line()).isEqualTo(19);

    var clash = failure(HEAD + COLLECT + LOOKUP.replace("        status: status\n", "        order: number\n"));
    assertThat(clash.problem()).contains("'order' is already the collected slot");
    assertThat(clash.line()).isEqualTo(20);

    var badField = failure(HEAD + COLLECT + LOOKUP.replace("        status: status\n", "        status: a b\n"));
    assertThat(badField.problem()).contains("must name a field of the answer");
    assertThat(badField.column()).isEqualTo(17);
  }

  @Test
  void aConfirmQuestionMustReadTheSlotBack() throws IOException {
    var e = failure(HEAD + COLLECT.replace("Did you say {order}?", "Is that right?") + LOOKUP);

    assertThat(e.problem()).contains("confirm must contain {order}");
    assertThat(e.line()).isEqualTo(16);
  }

  @Test
  void refusedWithoutAConfirmQuestionIsRejected() throws IOException {
    var e = failure(HEAD + COLLECT.replace("      confirm: Did you say {order}?\n", "      refused: Again please.\n") + LOOKUP);

    assertThat(e.problem()).contains("refused is said when the caller answers no");
    assertThat(e.line()).isEqualTo(16);
  }

  @Test
  void aSlotNameMustBeAName() throws IOException {
    var e = failure(HEAD + COLLECT.replace("slot: order", "slot: 2nd order") + LOOKUP);

    assertThat(e.problem()).contains("slot must be a name");
    assertThat(e.line()).isEqualTo(15);
  }

  @Test
  void aConfirmationIsNotSaidWhenALookupAnswersSoItIsRejected() throws IOException {
    var e = failure(HEAD + COLLECT + "      confirmation: Thanks {order}.\n" + LOOKUP);

    assertThat(e.problem()).contains("confirmation is not said when the intent has a lookup");
    assertThat(e.line()).isEqualTo(17);
  }

  @Test
  void aConfirmationMayReadTheNamedSlotBack() throws IOException {
    Intent order = load(HEAD + COLLECT + "      confirmation: Thanks, {order}.\n");

    assertThat(order.collect().orElseThrow().confirmation()).isEqualTo("Thanks, {order}.");
  }

  @Test
  void aLookupCannotTransferToo() throws IOException {
    var e = failure(HEAD.replace("name: Shop", "name: Shop\ntransfer-targets:\n  desk: sip:desk@pbx") + COLLECT + LOOKUP
        + "    then: transfer\n    transfer-to: desk\n");

    assertThat(e.problem()).contains("cannot transfer too");
  }

  @Test
  void aReplySaidBeforeAnySlotIsFilledCannotUseVariables() throws IOException {
    var e = failure(HEAD + "    reply: Hello {name}.\n");

    assertThat(e.problem()).contains("reply uses {name}");
    assertThat(e.line()).isEqualTo(12);
  }

  @Test
  void slotTypesAreReadAndOnlyDigitSlotsCountDigits() throws IOException {
    String yesNo = "    collect:\n      type: yes-no\n      prompt: Shall we call you back?\n"
        + "      confirmation: Callback {answer}.\n      slot: answer\n";
    assertThat(load(HEAD + yesNo).collect().orElseThrow().type()).isEqualTo(SlotType.YES_NO);
    assertThat(load(HEAD + yesNo.replace("yes-no", "number")).collect().orElseThrow().type()).isEqualTo(SlotType.NUMBER);

    var counted = failure(HEAD + yesNo + "      digits: 3\n");
    assertThat(counted.problem()).contains("digits counts the digits of a 'digits' slot, not of a 'yes-no' one");
    assertThat(counted.line()).isEqualTo(17);
    var asked = failure(HEAD + yesNo.replace("yes-no", "day") + "      confirm: Did you say {answer}?\n");
    assertThat(asked.problem()).contains("confirm applies to digits and number slots only");
    assertThat(asked.line()).isEqualTo(17);
  }

  @Test
  void phraseHintsAreWordsTheRecognizerCanHear() throws IOException {
    String text = "    collect:\n      type: text\n      slot: colour\n      prompt: Which colour?\n"
        + "      confirmation: Colour {colour}.\n";
    assertThat(load(HEAD + text + "      hints: [red, dark green]\n").collect().orElseThrow().hints())
        .containsExactly("red", "dark green");

    var digits = failure(HEAD + text + "      hints: [red, \"23\"]\n");
    assertThat(digits.problem()).contains("'23' must be words only");
    assertThat(digits.line()).isEqualTo(17);
    assertThat(digits.column()).isEqualTo(20);
    var empty = failure(HEAD + text + "      hints: []\n");
    assertThat(empty.problem()).contains("hints must list at least one phrase");
  }

  @Test
  void anUnknownSlotTypeListsTheTypes() throws IOException {
    var e = failure(HEAD + "    collect:\n      type: date\n      prompt: When?\n      confirmation: On {digits}.\n");

    assertThat(e.problem()).contains("type must be digits, number, yes-no, day or text, not 'date'");
    assertThat(e.line()).isEqualTo(13);
    assertThat(e.column()).isEqualTo(13);
  }

  @Test
  void aSlotThatIsNotDigitsNamesItsVariableAndItsPromptsUseThatName() throws IOException {
    var unnamed = failure(HEAD + "    collect:\n      type: text\n      prompt: Your note?\n      confirmation: Noted {digits}.\n");
    assertThat(unnamed.problem()).contains("missing the required key 'slot'");
    assertThat(unnamed.line()).isEqualTo(13);

    var digits = failure(HEAD + "    collect:\n      type: text\n      slot: note\n      prompt: Your note?\n"
        + "      confirmation: Noted {note}, {digits}.\n");
    assertThat(digits.problem()).contains("confirmation uses {digits}, which is not set there (known: {note})");
    assertThat(digits.line()).isEqualTo(16);
  }
}
