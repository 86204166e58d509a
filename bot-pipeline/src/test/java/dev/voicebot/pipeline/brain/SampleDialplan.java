package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.DigitCollection;
import dev.voicebot.pipeline.dialplan.Intent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A small shop line used across the tests: hours, order status with digits, agent, goodbye. */
public final class SampleDialplan {

  public static final String GREETING = "Hello, this is the shop. How can I help?";
  public static final String REPROMPT = "Sorry, I did not get that. You can ask for our hours or your order.";
  public static final String GOODBYE = "Thank you for calling. Goodbye.";
  public static final String APOLOGY = "Sorry, something went wrong on our side.";
  public static final String SILENCE_PROMPT = "Are you still there?";
  public static final String HOURS_REPLY = "We are open from nine to five, Monday to Friday.";
  public static final String ORDER_REPLY = "Sure, let me check your order.";
  public static final String ORDER_PROMPT = "Please say or key your five digit order number.";
  public static final String ORDER_CONFIRMATION = "Thanks. Order {digits} is on its way.";
  public static final String ORDER_RETRY = "I need the digits of your order number, please.";
  public static final String AGENT_REPLY = "Connecting you to a colleague.";
  public static final String ORDER_READ_BACK = "Did you say {digits}?";
  public static final String ORDER_REFUSED = "Sorry about that. Please say the number again.";

  public static final String AGENT_URI = "sip:agent@pbx.example";

  private SampleDialplan() {}

  /** The sample shop whose agent intent transfers the caller to {@link #AGENT_URI}. */
  public static Dialplan withAgentTransfer() {
    Dialplan plain = create();
    var intents = plain.intents().stream()
        .map(i -> i.name().equals("agent")
            ? new Intent(i.name(), i.phrases(), i.dtmf(), i.reply(), i.collect(), Intent.Then.TRANSFER, Optional.of("agent"))
            : i)
        .toList();
    return new Dialplan(plain.name(), plain.numbers(), plain.greeting(), plain.reprompt(), plain.goodbye(),
        plain.apology(), plain.maxMisses(), plain.silence(), intents)
        .withTransferTargets(java.util.Map.of("agent", AGENT_URI));
  }

  /** The sample shop, reading a spoken order number back with {@link #ORDER_READ_BACK} before using it. */
  public static Dialplan withReadBack() {
    Dialplan plain = create();
    var collect = new DigitCollection(ORDER_PROMPT, 5, '#', ORDER_CONFIRMATION, ORDER_RETRY,
        DigitCollection.DEFAULT_SLOT, Optional.of(ORDER_READ_BACK), ORDER_REFUSED);
    var intents = plain.intents().stream()
        .map(i -> i.name().equals("order_status")
            ? new Intent(i.name(), i.phrases(), i.dtmf(), i.reply(), Optional.of(collect), i.then())
            : i)
        .toList();
    return new Dialplan(plain.name(), plain.numbers(), plain.greeting(), plain.reprompt(), plain.goodbye(),
        plain.apology(), plain.maxMisses(), plain.silence(), intents);
  }

  public static Dialplan create() {
    return create(Duration.ofSeconds(5), 2, 3);
  }

  public static Dialplan create(Duration silenceTimeout, int maxSilencePrompts, int maxMisses) {
    return new Dialplan(
        "shop",
        List.of("1000"),
        GREETING,
        REPROMPT,
        GOODBYE,
        APOLOGY,
        maxMisses,
        new Dialplan.SilencePolicy(silenceTimeout, SILENCE_PROMPT, maxSilencePrompts),
        List.of(
            new Intent(
                "hours",
                List.of("what are your opening hours", "when are you open", "what time do you open", "opening times"),
                Optional.of('1'),
                HOURS_REPLY,
                Optional.empty(),
                Intent.Then.CONTINUE),
            new Intent(
                "order_status",
                List.of("where is my order", "order status", "check my order", "track my package"),
                Optional.of('2'),
                ORDER_REPLY,
                Optional.of(new DigitCollection(ORDER_PROMPT, 5, '#', ORDER_CONFIRMATION, ORDER_RETRY)),
                Intent.Then.CONTINUE),
            new Intent(
                "agent",
                List.of("talk to a person", "speak to an agent", "representative", "human please", "customer service"),
                Optional.of('0'),
                AGENT_REPLY,
                Optional.empty(),
                Intent.Then.CONTINUE),
            new Intent(
                "goodbye",
                List.of("goodbye", "bye", "that's all", "no thanks that is all", "hang up"),
                Optional.empty(),
                GOODBYE,
                Optional.empty(),
                Intent.Then.HANGUP)));
  }
}
