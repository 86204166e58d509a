package dev.voicebot.pipeline.dialplan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Collects a slot, spoken or keyed: a fixed number of digits (the original and default), or
 * another {@link SlotType} (any number, yes/no, a day, free text).
 *
 * @param prompt asks the caller for the digits
 * @param count how many digits complete the answer
 * @param terminator the key that ends entry early (usually '#')
 * @param confirmation spoken once the digits are complete; {@code {digits}} is replaced by the
 *     digits read back one by one
 * @param retry spoken when what the caller said held no digits
 * @param slot the variable the digits go into, for prompts ({@code {order}}) and lookups;
 *     {@code {digits}} names them too
 * @param confirm a yes/no question read back before the digits are used (e.g. "Did you say
 *     {order}?"), when they were spoken: recognition may have misheard them, keys are exact
 * @param refused said when the caller answers no to {@code confirm}; then the digits are asked again
 * @param type what answer the slot takes; {@code count} applies to {@link SlotType#DIGITS} (for
 *     {@link SlotType#NUMBER} it is the most digits taken)
 * @param hints phrases the recognizer listens for while the slot is asked (with the type's own
 *     words: digits, yes and no, days); for a text slot they are all it listens for
 */
public record DigitCollection(
    String prompt, int count, char terminator, String confirmation, String retry, String slot,
    Optional<String> confirm, String refused, SlotType type, List<String> hints) {

  /** The variable name used when a dialplan names none. */
  public static final String DEFAULT_SLOT = "digits";

  public DigitCollection {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(confirmation, "confirmation");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(confirm, "confirm");
    Objects.requireNonNull(refused, "refused");
    Objects.requireNonNull(type, "type");
    hints = List.copyOf(hints);
    if (count < 1 || count > 32) {
      throw new IllegalArgumentException("digit count must be 1..32");
    }
  }

  /** A slot without phrase hints. */
  public DigitCollection(String prompt, int count, char terminator, String confirmation, String retry, String slot,
      Optional<String> confirm, String refused, SlotType type) {
    this(prompt, count, terminator, confirmation, retry, slot, confirm, refused, type, List.of());
  }

  /** Digits, {@code count} of them. */
  public DigitCollection(String prompt, int count, char terminator, String confirmation, String retry, String slot,
      Optional<String> confirm, String refused) {
    this(prompt, count, terminator, confirmation, retry, slot, confirm, refused, SlotType.DIGITS);
  }

  /** Digits read back as they are, without a yes/no question (the original shape). */
  public DigitCollection(String prompt, int count, char terminator, String confirmation, String retry) {
    this(prompt, count, terminator, confirmation, retry, DEFAULT_SLOT, Optional.empty(), retry);
  }
}
