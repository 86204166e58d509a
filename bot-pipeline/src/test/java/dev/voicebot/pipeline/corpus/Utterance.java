package dev.voicebot.pipeline.corpus;

/**
 * One line of {@code corpus/caller-utterances.tsv}: something a caller says.
 *
 * @param kind what it is for
 * @param intent the demo dialplan intent it asks for ({@code hours}, {@code order-status},
 *     {@code agent}, {@code goodbye}), {@code digits}, {@code yes} or {@code no}
 * @param text the words, as the reference for word error rate
 * @param dialplanExample whether the words are one of the dialplan's own example phrases (most are
 *     not: callers do not read the dialplan)
 */
public record Utterance(Kind kind, String intent, String text, boolean dialplanExample) {

  public enum Kind {
    /** A request at the start of a call, after the greeting. */
    REQUEST,
    /** A request said over the greeting (talk-over, barge-in). */
    TALK_OVER,
    /** Digits, said as words ("four eight two one three"). */
    DIGITS,
    /** An answer to a yes/no question. */
    YES_NO
  }

  /** The digits of a {@link Kind#DIGITS} utterance ("four eight two" → "482"). */
  public String digits() {
    var out = new StringBuilder();
    for (String w : text.split(" ")) {
      int d = java.util.List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine").indexOf(w);
      if (d >= 0) {
        out.append(d);
      }
    }
    return out.toString();
  }
}
