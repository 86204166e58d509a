package dev.voicebot.pipeline.dialplan;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A scripted bot: what it says, which caller intents it understands and what it does for each.
 * Loaded and validated by the app from a YAML file; immutable once built.
 *
 * @param name human name, used in logs and call records
 * @param numbers called numbers (Request-URI users) routed to this dialplan; may be empty
 * @param greeting spoken when the call is answered
 * @param reprompt spoken when the caller said something not understood
 * @param goodbye spoken before the bot hangs up
 * @param apology spoken when something inside the bot failed, instead of silence
 * @param maxMisses not-understood turns in a row before the bot says goodbye
 * @param silence what the bot does when the caller says nothing
 * @param intents what the caller may ask for, in priority order
 * @param transferTargets the only places a call may be transferred to: name (what the bot and the
 *     caller say, e.g. "sales") to SIP or tel URI. Nothing else is ever dialed, whatever the caller
 *     or a language model asks for
 * @param llm the language-model brain, if this dialplan has one; the script then answers only when
 *     the model fails, and still handles keys, silence and limits
 * @param backchannels what a caller may say while the bot talks without meaning to interrupt it
 *     ("mm-hmm", "okay"): a sound during the bot's speech whose words are only these is a false
 *     interruption, and the bot resumes the sentence it was cut off in. Defaults to
 *     {@link #DEFAULT_BACKCHANNELS}; an empty list means any words interrupt
 * @param matchThreshold how sure the intent matcher must be (0-1) before it acts on the caller's
 *     words; empty: the matcher's default
 * @param endCall what the bot asks before hanging up on words that only come near a call-ending
 *     intent
 */
public record Dialplan(
    String name,
    List<String> numbers,
    String greeting,
    String reprompt,
    String goodbye,
    String apology,
    int maxMisses,
    SilencePolicy silence,
    List<Intent> intents,
    Map<String, String> transferTargets,
    Optional<LlmSettings> llm,
    List<String> backchannels,
    OptionalDouble matchThreshold,
    EndCallCheck endCall) {

  /** Backchannel words and phrases recognized when a dialplan does not list its own. */
  public static final List<String> DEFAULT_BACKCHANNELS =
      List.of("mm-hmm", "uh-huh", "okay", "yeah", "right", "sure", "I see");

  public Dialplan {
    Objects.requireNonNull(name, "name");
    numbers = List.copyOf(numbers);
    Objects.requireNonNull(greeting, "greeting");
    Objects.requireNonNull(reprompt, "reprompt");
    Objects.requireNonNull(goodbye, "goodbye");
    Objects.requireNonNull(apology, "apology");
    Objects.requireNonNull(silence, "silence");
    intents = List.copyOf(intents);
    if (maxMisses < 1) {
      throw new IllegalArgumentException("maxMisses must be at least 1");
    }
    Map<String, String> targets = new LinkedHashMap<>();
    transferTargets.forEach((target, uri) -> {
      if (target == null || target.isBlank()) {
        throw new IllegalArgumentException("transfer target names must not be blank");
      }
      if (uri == null || !(uri.startsWith("sip:") || uri.startsWith("sips:") || uri.startsWith("tel:"))) {
        throw new IllegalArgumentException("transfer target " + target + " must be a sip:, sips: or tel: URI");
      }
      targets.put(target.strip(), uri);
    });
    // Insertion order kept: the model is offered the names in the dialplan's order.
    transferTargets = Collections.unmodifiableMap(targets);
    Objects.requireNonNull(llm, "llm");
    backchannels = List.copyOf(backchannels);
    for (String phrase : backchannels) {
      if (phrase.isBlank()) {
        throw new IllegalArgumentException("backchannel phrases must not be blank");
      }
    }
    Objects.requireNonNull(matchThreshold, "matchThreshold");
    if (matchThreshold.isPresent() && !(matchThreshold.getAsDouble() > 0 && matchThreshold.getAsDouble() < 1)) {
      throw new IllegalArgumentException("matchThreshold must be between 0 and 1, not " + matchThreshold.getAsDouble());
    }
    Objects.requireNonNull(endCall, "endCall");
  }

  /** A dialplan with the default backchannels (the shape before backchannels were configurable). */
  public Dialplan(
      String name,
      List<String> numbers,
      String greeting,
      String reprompt,
      String goodbye,
      String apology,
      int maxMisses,
      SilencePolicy silence,
      List<Intent> intents,
      Map<String, String> transferTargets,
      Optional<LlmSettings> llm) {
    this(name, numbers, greeting, reprompt, goodbye, apology, maxMisses, silence, intents, transferTargets, llm,
        DEFAULT_BACKCHANNELS, OptionalDouble.empty(), EndCallCheck.DEFAULT);
  }

  /** A scripted dialplan without transfer targets or language model (the original shape). */
  public Dialplan(
      String name,
      List<String> numbers,
      String greeting,
      String reprompt,
      String goodbye,
      String apology,
      int maxMisses,
      SilencePolicy silence,
      List<Intent> intents) {
    this(name, numbers, greeting, reprompt, goodbye, apology, maxMisses, silence, intents, Map.of(), Optional.empty());
  }

  public Dialplan withTransferTargets(Map<String, String> targets) {
    return new Dialplan(name, numbers, greeting, reprompt, goodbye, apology, maxMisses, silence, intents, targets, llm,
        backchannels, matchThreshold, endCall);
  }

  public Dialplan withLlm(LlmSettings settings) {
    return new Dialplan(name, numbers, greeting, reprompt, goodbye, apology, maxMisses, silence, intents,
        transferTargets, Optional.of(settings), backchannels, matchThreshold, endCall);
  }

  public Dialplan withBackchannels(List<String> phrases) {
    return new Dialplan(name, numbers, greeting, reprompt, goodbye, apology, maxMisses, silence, intents,
        transferTargets, llm, phrases, matchThreshold, endCall);
  }

  public Dialplan withMatchThreshold(double threshold) {
    return new Dialplan(name, numbers, greeting, reprompt, goodbye, apology, maxMisses, silence, intents,
        transferTargets, llm, backchannels, OptionalDouble.of(threshold), endCall);
  }

  public Dialplan withEndCall(EndCallCheck check) {
    return new Dialplan(name, numbers, greeting, reprompt, goodbye, apology, maxMisses, silence, intents,
        transferTargets, llm, backchannels, matchThreshold, check);
  }

  /**
   * Hanging up cannot be undone, so words that only come near a call-ending intent are asked about
   * first: a caller asking to "speak to somebody" was heard as "meet somebody to leave", which
   * scored closest to goodbye.
   *
   * @param question asked then ("Do you want to end the call?")
   * @param declined said when the caller answers no, before listening again
   */
  public record EndCallCheck(String question, String declined) {
    public static final EndCallCheck DEFAULT =
        new EndCallCheck("Do you want to end the call?", "All right. What else can I do for you?");

    public EndCallCheck {
      Objects.requireNonNull(question, "question");
      Objects.requireNonNull(declined, "declined");
    }
  }

  /**
   * @param timeout how long the caller may stay silent after the bot finished speaking
   * @param prompt what the bot says then
   * @param maxPrompts silence prompts in a row before the bot says goodbye
   */
  public record SilencePolicy(Duration timeout, String prompt, int maxPrompts) {
    public SilencePolicy {
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(prompt, "prompt");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("silence timeout must be positive");
      }
    }
  }
}
