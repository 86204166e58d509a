package dev.voicebot.pipeline.dialplan;

import java.util.Objects;

/**
 * Collects a fixed number of digits, spoken or keyed.
 *
 * @param prompt asks the caller for the digits
 * @param count how many digits complete the answer
 * @param terminator the key that ends entry early (usually '#')
 * @param confirmation spoken once the digits are complete; {@code {digits}} is replaced by the
 *     digits read back one by one
 * @param retry spoken when what the caller said held no digits
 */
public record DigitCollection(String prompt, int count, char terminator, String confirmation, String retry) {

  public DigitCollection {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(confirmation, "confirmation");
    Objects.requireNonNull(retry, "retry");
    if (count < 1 || count > 32) {
      throw new IllegalArgumentException("digit count must be 1..32");
    }
  }
}
