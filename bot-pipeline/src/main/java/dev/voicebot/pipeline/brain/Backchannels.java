package dev.voicebot.pipeline.brain;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells a backchannel ("mm-hmm", "okay", "I see": the caller listening, not taking the turn) from
 * words that interrupt. An utterance is a backchannel when all its words, normalized as for intent
 * matching, are a run of the configured phrases ("okay okay", "yeah right" too). Immutable.
 */
public final class Backchannels {

  private final List<List<String>> phrases;

  private Backchannels(List<List<String>> phrases) {
    this.phrases = phrases;
  }

  public static Backchannels of(List<String> phrases) {
    List<List<String>> tokenized = new ArrayList<>();
    for (String phrase : phrases) {
      List<String> tokens = normalized(phrase);
      if (!tokens.isEmpty()) {
        tokenized.add(tokens);
      }
    }
    return new Backchannels(List.copyOf(tokenized));
  }

  /** Whether the text has no words at all (silence, noise, only recognizer markers such as [unk]). */
  public static boolean isWordless(String text) {
    return TextNormalizer.tokens(text).isEmpty();
  }

  /** Whether every word of {@code text} belongs to a backchannel phrase; false for wordless text. */
  public boolean matches(String text) {
    List<String> tokens = normalized(text);
    if (tokens.isEmpty() || phrases.isEmpty()) {
      return false;
    }
    // covered[i]: the first i tokens are a run of phrases.
    boolean[] covered = new boolean[tokens.size() + 1];
    covered[0] = true;
    for (int i = 0; i < tokens.size(); i++) {
      if (!covered[i]) {
        continue;
      }
      for (List<String> phrase : phrases) {
        int end = i + phrase.size();
        if (end <= tokens.size() && tokens.subList(i, end).equals(phrase)) {
          covered[end] = true;
        }
      }
    }
    return covered[tokens.size()];
  }

  private static List<String> normalized(String text) {
    return TextNormalizer.tokens(text).stream().map(token -> token.equals("ok") ? "okay" : token).toList();
  }
}
