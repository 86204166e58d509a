package dev.voicebot.pipeline.corpus;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate: (substitutions + deletions + insertions) / reference words, by word-level edit
 * distance after normalising case, punctuation and digits ("5" and "five" are the same word, as
 * the recognizer may write either).
 *
 * @param errors edit distance in words
 * @param words words in the reference
 */
public record WordErrorRate(int errors, int words) {

  private static final List<String> DIGITS =
      List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

  public static WordErrorRate of(String reference, String hypothesis) {
    String[] ref = normalise(reference);
    String[] hyp = normalise(hypothesis);
    int[] previous = new int[hyp.length + 1];
    int[] current = new int[hyp.length + 1];
    for (int j = 0; j <= hyp.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= ref.length; i++) {
      current[0] = i;
      for (int j = 1; j <= hyp.length; j++) {
        int substitution = previous[j - 1] + (ref[i - 1].equals(hyp[j - 1]) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return new WordErrorRate(previous[hyp.length], ref.length);
  }

  /** The rate, 0 for a perfect transcript; above 1 when the hypothesis adds many words. */
  public double rate() {
    return words == 0 ? (errors == 0 ? 0 : 1) : (double) errors / words;
  }

  /** Errors and words summed, so that a corpus's rate weighs each word once. */
  public WordErrorRate plus(WordErrorRate other) {
    return new WordErrorRate(errors + other.errors, words + other.words);
  }

  static String[] normalise(String text) {
    String cleaned = text.toLowerCase(Locale.ROOT)
        .replace("'", "")
        .replaceAll("(\\d)", " $1 ")
        .replaceAll("[^a-z0-9 ]", " ")
        .strip();
    if (cleaned.isEmpty()) {
      return new String[0];
    }
    return Arrays.stream(cleaned.split("\\s+"))
        .map(w -> w.length() == 1 && Character.isDigit(w.charAt(0)) ? DIGITS.get(w.charAt(0) - '0') : w)
        .toArray(String[]::new);
  }
}
