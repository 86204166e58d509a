package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.tools.CallEffect;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the bot says next and what happens after it has been heard.
 *
 * @param text what to say; empty means say nothing and keep listening (e.g. more digits expected)
 * @param after what the conversation does once the text has been fully played
 * @param intent the intent that was recognized, if any (for records and metrics)
 * @param awaiting present when the reply is not complete: the brain is waiting for a lookup, whose
 *     answer continues it ({@link Brain#onLookupAnswer}); after this long without one the brain's
 *     filler is due ({@link Brain#onFillerDue}). {@code after} and {@code effects} then apply to
 *     the continuation, not to this part
 */
public record Reply(
    String text, After after, Optional<String> intent, List<CallEffect> effects, Optional<Duration> awaiting) {

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
    Objects.requireNonNull(awaiting, "awaiting");
  }

  public Reply(String text, After after, Optional<String> intent, List<CallEffect> effects) {
    this(text, after, intent, effects, Optional.empty());
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

  /** Says {@code text} (may be empty) and waits for a lookup; the filler is due after {@code fillerDelay}. */
  public static Reply awaiting(String text, Duration fillerDelay) {
    return new Reply(text, After.LISTEN, Optional.empty(), List.of(), Optional.of(fillerDelay));
  }

  public Reply withIntent(String name) {
    return new Reply(text, after, Optional.of(name), effects, awaiting);
  }

  public boolean isAwaiting() {
    return awaiting.isPresent();
  }

  public boolean isSilent() {
    return text.isEmpty();
  }
}
