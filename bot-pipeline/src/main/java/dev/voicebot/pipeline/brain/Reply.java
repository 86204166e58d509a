package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.tools.CallEffect;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the bot says next and what happens after it has been heard.
 *
 * @param text what to say; empty means say nothing and keep listening (e.g. more digits expected)
 * @param after what the conversation does once the text has been fully played
 * @param intent the intent that was recognized, if any (for records and metrics)
 */
public record Reply(String text, After after, Optional<String> intent, List<CallEffect> effects) {

  /** What the conversation does after speaking. */
  public enum After {
    /** Listen for the caller. */
    LISTEN,
    /** Hang up once the text has been heard to the end. */
    HANG_UP
  }

  public Reply {
    text = text == null ? "" : text.strip();
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(intent, "intent");
    effects = List.copyOf(effects);
  }

  public Reply(String text, After after, Optional<String> intent) {
    this(text, after, intent, List.of());
  }

  public static Reply listen(String text) {
    return new Reply(text, After.LISTEN, Optional.empty());
  }

  public static Reply hangUp(String text) {
    return new Reply(text, After.HANG_UP, Optional.empty());
  }

  /** Says nothing and keeps listening. */
  public static Reply silence() {
    return listen("");
  }

  public Reply withIntent(String name) {
    return new Reply(text, after, Optional.of(name), effects);
  }

  public boolean isSilent() {
    return text.isEmpty();
  }
}
