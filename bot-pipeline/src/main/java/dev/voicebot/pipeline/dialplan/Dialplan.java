package dev.voicebot.pipeline.dialplan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
    List<Intent> intents) {

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
