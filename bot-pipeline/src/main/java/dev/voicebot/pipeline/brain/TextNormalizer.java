package dev.voicebot.pipeline.brain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns recognizer output and dialplan phrases into comparable tokens: lower case, contractions
 * expanded, punctuation and recognizer markers such as {@code [unk]} removed, number words as
 * digits. Both sides go through the same function, so the rules only need to be consistent.
 */
public final class TextNormalizer {

  private static final Pattern UNKNOWN_MARKER = Pattern.compile("\\[unk]|<unk>");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");
  private static final Map<String, String> NUMBER_WORDS =
      Map.of(
          "zero", "0", "one", "1", "two", "2", "three", "3", "four", "4",
          "five", "5", "six", "6", "seven", "7", "eight", "8", "nine", "9");
  private static final Map<String, String> CONTRACTIONS =
      Map.of(
          "n't", " not", "'re", " are", "'s", " is", "'m", " am",
          "'ll", " will", "'ve", " have", "'d", " would");
  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "the", "is", "are", "am", "was", "were", "be", "been", "to", "of", "for", "in",
          "on", "at", "with", "from", "and", "or", "but", "so", "i", "me", "my", "mine", "we",
          "us", "you", "your", "yours", "it", "its", "this", "that", "these", "those", "there",
          "do", "does", "did", "can", "could", "would", "should", "will", "shall", "may", "might",
          "have", "has", "had", "get", "want", "wanna", "like", "need", "please", "just", "um",
          "uh", "er", "ah", "hi", "hello", "hey", "yes", "yeah", "ok", "okay", "well", "tell",
          "know", "some", "any", "id", "im", "let", "go", "ca", "wo");

  private TextNormalizer() {}

  /** All tokens of the text, normalized, including stop words (digit parsing needs every word). */
  public static List<String> tokens(String text) {
    String lower = UNKNOWN_MARKER.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
    lower = lower.replace('’', '\'');
    for (var contraction : CONTRACTIONS.entrySet()) {
      lower = lower.replace(contraction.getKey(), contraction.getValue());
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : NON_WORD.split(lower)) {
      String token = raw.replace("'", "");
      if (!token.isEmpty()) {
        tokens.add(NUMBER_WORDS.getOrDefault(token, token));
      }
    }
    return tokens;
  }

  /** The tokens that carry meaning for intent matching: stop words and fillers removed. */
  public static List<String> contentTokens(String text) {
    return tokens(text).stream().filter(token -> !STOP_WORDS.contains(token)).toList();
  }

  /**
   * A crude English stem, so "opened", "opening" and "open" compare equal. Only ever compared
   * with other stems, so it need not produce real words.
   */
  public static String stem(String token) {
    if (token.length() > 5 && token.endsWith("ing")) {
      return token.substring(0, token.length() - 3);
    }
    if (token.length() > 4 && token.endsWith("ed")) {
      return token.substring(0, token.length() - 2);
    }
    if (token.length() > 3 && token.endsWith("s") && !token.endsWith("ss")) {
      return token.substring(0, token.length() - 1);
    }
    return token;
  }
}
