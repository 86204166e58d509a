package dev.voicebot.pipeline.llm;

import dev.voicebot.pipeline.brain.Reply;
import dev.voicebot.pipeline.tools.CallEffect;
import java.util.List;
import java.util.Objects;

/** What the brain asks the conversation to do; the conversation carries these out in order. */
public sealed interface LlmAction {

  /** Speak this sentence after everything queued before it in the turn. */
  record Say(String sentence) implements LlmAction {
    public Say {
      Objects.requireNonNull(sentence, "sentence");
    }
  }

  /**
   * The turn's speech is complete: once it has all been heard, run {@code effects} in order, then
   * listen or hang up as {@code after} says.
   */
  record Finish(Reply.After after, List<CallEffect> effects) implements LlmAction {
    public Finish {
      Objects.requireNonNull(after, "after");
      effects = List.copyOf(effects);
    }
  }
}
