package dev.voicebot.pipeline.stt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Recognized text; {@code isFinal} marks the end of an utterance.
 *
 * @param alternatives other readings of the same audio, most likely first, not including {@code
 *     text} (a final's n-best; empty for partials and for engines that give none). A caller whose
 *     voice the recognizer finds hard often has the right words in the second or third reading
 *     ("are you open on candidate" behind "are you out with unfair to date").
 */
public record Transcript(String text, boolean isFinal, List<String> alternatives) {

  public static final Transcript EMPTY_PARTIAL = new Transcript("", false);
  public static final Transcript EMPTY_FINAL = new Transcript("", true);

  /** Readings kept when finals are joined: each joined reading swaps one part's reading. */
  static final int MAX_ALTERNATIVES = 8;

  public Transcript {
    text = text == null ? "" : text.strip();
    var distinct = new LinkedHashSet<String>();
    for (String alternative : alternatives) {
      String a = alternative.strip();
      if (!a.equals(text)) {
        distinct.add(a);
      }
    }
    alternatives = List.copyOf(distinct).subList(0, Math.min(distinct.size(), MAX_ALTERNATIVES));
  }

  public Transcript(String text, boolean isFinal) {
    this(text, isFinal, List.of());
  }

  public boolean isEmpty() {
    return text.isEmpty();
  }

  /** The best reading first, then the alternatives. */
  public List<String> readings() {
    var all = new ArrayList<String>(alternatives.size() + 1);
    all.add(text);
    all.addAll(alternatives);
    return all;
  }

  /**
   * This final followed by the next one (an utterance the recognizer finalized in parts): the
   * texts joined, and as alternatives the joins in which one part is read otherwise, the first
   * part's readings first. A part whose best reading is empty still adds its other readings (a
   * short "no" read best as nothing, "no" second, followed by an empty final).
   */
  public Transcript then(Transcript next) {
    var joined = new ArrayList<String>();
    for (String a : alternatives) {
      joined.add(join(a, next.text));
    }
    for (String a : next.alternatives) {
      joined.add(join(text, a));
    }
    return new Transcript(join(text, next.text), isFinal || next.isFinal, joined);
  }

  private static String join(String first, String second) {
    return first.isBlank() ? second : second.isBlank() ? first : first + " " + second;
  }
}
